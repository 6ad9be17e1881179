/// The table of one run: the standard table with the fields the run's components declare.
extension ExchangeTable {
    /// This table with the fields each component declares (`ComponentSetup.fields`), in
    /// `ComponentKind.all` order. A field several components declare alike is one row whose
    /// importers are all theirs; a field the table already has may be declared again only as the
    /// table has it. Throws every problem, each naming the component and the field.
    public func adding(fieldsDeclaredBy declarations: [ComponentKind: [FieldDeclaration]]) throws(ExchangeTableError) -> ExchangeTable {
        var problems = [String]()
        var added = [FieldDeclaration]()
        var declarers = [String: ComponentKind]()
        for declarer in ComponentKind.all {
            for field in declarations[declarer] ?? [] {
                if let problem = field.problem(declaredBy: declarer) {
                    problems.append(problem)
                    continue
                }
                if let existing = declaration(of: field.name) {
                    if existing != field {
                        problems.append("\(declarer) declares the field '\(field.name)', which the standard table declares otherwise "
                            + "(\(existing.encoded.replacingTabs)): use it as the table has it, or give the field a name of its own")
                    }
                    continue
                }
                guard let index = added.firstIndex(where: { $0.name == field.name }) else {
                    added.append(field)
                    declarers[field.name] = declarer
                    continue
                }
                let first = added[index], firstDeclarer = declarers[field.name]!
                guard first.description == field.description, first.origin == field.origin else {
                    problems.append("\(firstDeclarer) and \(declarer) declare the field '\(field.name)' differently "
                        + "(\(first.encoded.replacingTabs); \(field.encoded.replacingTabs))")
                    continue
                }
                var importers = first.importers
                for (importer, rule) in field.importers {
                    if let other = importers[importer], other != rule {
                        problems.append("\(firstDeclarer) and \(declarer) declare different ways to form '\(field.name)' for \(importer)")
                    }
                    importers[importer] = rule
                }
                added[index] = FieldDeclaration(field.name, field.description.longName, field.description.units, field.description.kind,
                                                from: field.origin, to: importers)
            }
        }
        guard problems.isEmpty else { throw ExchangeTableError(problems: problems) }
        if added.isEmpty { return self }
        return try ExchangeTable(declarations: self.declarations + added, averagedImporters: averagedImporters,
                                 atmosphereOceanFluxInputs: atmosphereOceanFluxInputs, budgetTerms: budgetTerms,
                                 ledgerTerms: ledgerTerms, ledgerStores: ledgerStores)
    }
}

extension String {
    /// The encoded declaration as it reads in a message (`|` between its parts).
    fileprivate var replacingTabs: String { split(separator: "\t", omittingEmptySubsequences: false).joined(separator: " | ") }
}
