/// Fields a component declares beyond the standard table (`ComponentSetup.fields`): what such a
/// declaration may say, and its one-line text form, in which the driver tells every rank what
/// each component declared.
extension FieldDeclaration {
    /// Why this declaration, made by a component of kind `declarer`, cannot extend the table, or
    /// `nil`. A component's field is either an export of one component, copied to each importer
    /// (mapped by the state or flux map, as its kind says), or a merge the coupler forms for each
    /// importer (`MergeExpression`); it has a netCDF-usable name, and one-line long name and units.
    public func problem(declaredBy declarer: ComponentKind) -> String? {
        let who = "\(declarer) declares the field '\(name)'"
        guard Self.isFieldName(name) else {
            return "\(who): a field name is a letter, then letters, digits and underscores (at most \(Self.longestName) characters)"
        }
        for (what, text) in [("long name", description.longName), ("units", description.units)] {
            if text.isEmpty || text.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
                return "\(who), whose \(what) is empty or spans lines"
            }
        }
        if importers.keys.contains(.cpl) { return "\(who) with the coupler as an importer: only components import fields" }
        switch origin {
        case .component(let exporter):
            if exporter == .cpl { return "\(who) as an export of the coupler: only components export fields" }
            if importers.keys.contains(exporter) { return "\(who) as an export of \(exporter) that \(exporter) also imports" }
            for (importer, rule) in importers.sorted(by: { $0.key < $1.key }) {
                guard case .copy = rule else {
                    return "\(who) as an export of \(exporter), but gives \(importer) a merge or a fraction: an export is copied to its importers"
                }
            }
        case .importOnly:
            if importers.isEmpty { return "\(who) as a merge, but names no component that imports it" }
            for (importer, rule) in importers.sorted(by: { $0.key < $1.key }) {
                guard case .merge(let terms) = rule, !terms.isEmpty else {
                    return "\(who) as a merge, but gives \(importer) no merge terms"
                }
            }
        case .sum, .atmosphereOceanFlux:
            return "\(who) as a sum or an atmosphere–ocean flux: only the standard table declares those"
        }
        return nil
    }

    /// Where the field goes, in words: `exported by ocn, copied to lnd` or
    /// `formed for atm as lfrac*Sl_x + ofrac*So_x`.
    public var route: String {
        let importerNames = importers.keys.sorted().map(\.rawValue)
        if let exporter = origin.component { return "exported by \(exporter), copied to " + importerNames.joined(separator: ", ") }
        return importers.sorted { $0.key < $1.key }.map { kind, rule -> String in
            if case .merge(let terms) = rule { return "formed for \(kind) as " + MergeExpression.text(of: terms) }
            return "formed for \(kind)"
        }.joined(separator: "; ")
    }

    /// The longest name a component may give a field.
    public static let longestName = 64

    /// Whether `name` is a letter followed by ASCII letters, digits and underscores, not too long.
    public static func isFieldName(_ name: String) -> Bool {
        guard name.utf8.count <= longestName, let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0" ... "9").contains($0) || $0 == "_") }
    }

    /// The declaration on one line: name, long name, units, kind, exporter (or `-` for a merge)
    /// and importers (`lnd=copy`, `lnd=copy 0.5` with a fallback, `atm=lfrac*Sl_x + ofrac*So_x`,
    /// separated by `;`), separated by tabs. Only for declarations without a `problem`.
    public var encoded: String {
        let importerText = importers.sorted { $0.key < $1.key }.map { kind, rule -> String in
            switch rule {
            case .copy(let fallback): "\(kind.rawValue)=copy" + (fallback.map { " \($0)" } ?? "")
            case .merge(let terms): "\(kind.rawValue)=" + MergeExpression.text(of: terms)
            case .fraction(let fraction): "\(kind.rawValue)=\(fraction.rawValue)"
            }
        }
        return [name, description.longName, description.units, description.kind.rawValue, origin.component?.rawValue ?? "-",
                importerText.joined(separator: ";")].joined(separator: "\t")
    }

    /// The declaration `encoded` gave.
    public init(encoded: String) throws(FieldDeclarationError) {
        let parts = encoded.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, let kind = FieldKind(rawValue: parts[3]) else { throw FieldDeclarationError("'\(encoded)' is not a field declaration") }
        let origin: FieldOrigin
        if parts[4] == "-" { origin = .importOnly } else if let exporter = ComponentKind(rawValue: parts[4]) { origin = .component(exporter) } else {
            throw FieldDeclarationError("'\(encoded)' names no exporter")
        }
        var importers = [ComponentKind: ImportRule]()
        for item in parts[5].split(separator: ";") {
            guard let equals = item.firstIndex(of: "="), let importer = ComponentKind(rawValue: String(item[..<equals])) else {
                throw FieldDeclarationError("'\(item)' is not IMPORTER=RULE")
            }
            let rule = String(item[item.index(after: equals)...])
            if rule == "copy" {
                importers[importer] = .copy()
            } else if rule.hasPrefix("copy "), let fallback = Double(rule.dropFirst(5)) {
                importers[importer] = .copy(fallback: fallback)
            } else if let fraction = SurfaceFraction(rawValue: rule) {
                importers[importer] = .fraction(fraction)
            } else {
                importers[importer] = .merge(try MergeExpression.terms(of: rule))
            }
        }
        self.init(parts[0], parts[1], parts[2], kind, from: origin, to: importers)
    }
}
