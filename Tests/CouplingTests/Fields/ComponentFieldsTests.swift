import Coupling
import Testing

/// Fields components declare beyond the standard table (`ComponentSetup.fields`): how they
/// extend it, what is refused (naming the component and the field), and the text forms that
/// carry them between ranks and from C plug-ins.
@Suite("Component-declared fields")
struct ComponentFieldsTests {
    private let steric = FieldDeclaration("So_steric", "thermosteric sea-surface height anomaly", "m", .state,
                                          from: .component(.ocn), to: [.lnd: .copy()])

    @Test("a declared export becomes a row: the exporter exports it, the importer imports it, history knows its units")
    func extendsTheTable() throws {
        let table = try ExchangeTable.standard.adding(fieldsDeclaredBy: [.ocn: [steric]])
        #expect(table.exports(of: .ocn).last == "So_steric")
        #expect(table.imports(of: .lnd).last == "So_steric")
        #expect(table.rule(for: "So_steric", importedBy: .lnd) == .copy())
        #expect(table.description(of: "So_steric")?.units == "m")
        #expect(table.declarations.count == ExchangeTable.standard.declarations.count + 1)
        #expect(ExchangeTable.standard.declaration(of: "So_steric") == nil, "the standard table is left as it is")
    }

    @Test("two components declaring one field alike make one row with both importers; a merge over it is formed for its importer")
    func declarationsMerge() throws {
        let forIce = FieldDeclaration("So_steric", "thermosteric sea-surface height anomaly", "m", .state, from: .component(.ocn), to: [.ice: .copy()])
        let merged = FieldDeclaration("Sx_steric", "merged sea level", "m", .state, from: .importOnly,
                                      to: [.atm: .merge([MergeTerm(.ofrac, "So_steric")])])
        let table = try ExchangeTable.standard.adding(fieldsDeclaredBy: [.ocn: [steric], .ice: [forIce], .atm: [merged]])
        #expect(table.declaration(of: "So_steric")?.importers.keys.sorted() == [.lnd, .ice].sorted())
        #expect(table.sources(of: "Sx_steric", importedBy: .atm) == ["So_steric"])
    }

    @Test("contradicting declarations are refused, each problem naming the component and the field", arguments: [
        ([ComponentKind.ocn: [FieldDeclaration("So_t", "ocean temperature", "degC", .state, from: .component(.ocn), to: [.lnd: .copy()])]],
         "ocn declares the field 'So_t', which the standard table declares otherwise"),
        ([.ocn: [FieldDeclaration("So_steric", "sea level", "m", .state, from: .component(.ocn), to: [.lnd: .copy()])],
          .lnd: [FieldDeclaration("So_steric", "sea level", "cm", .state, from: .component(.ocn), to: [.lnd: .copy()])]],
         "lnd and ocn declare the field 'So_steric' differently"),
        ([.ocn: [FieldDeclaration("So-steric", "sea level", "m", .state, from: .component(.ocn), to: [.lnd: .copy()])]],
         "ocn declares the field 'So-steric': a field name is a letter"),
        ([.ocn: [FieldDeclaration("So_steric", "sea\nlevel", "m", .state, from: .component(.ocn), to: [.lnd: .copy()])]],
         "whose long name is empty or spans lines"),
        ([.lnd: [FieldDeclaration("Sl_x", "x", "1", .state, from: .component(.lnd), to: [.atm: .merge([MergeTerm(.lfrac, "Sl_t")])])]],
         "gives atm a merge or a fraction: an export is copied to its importers"),
        ([.atm: [FieldDeclaration("Sx_x", "x", "1", .state, from: .importOnly, to: [.atm: .merge([MergeTerm(.lfrac, "Sl_nothing")])])]],
         "the entry 'Sx_x' imported by atm merges 'Sl_nothing', which the table does not declare"),
        ([.ocn: [FieldDeclaration("So_x", "x", "1", .state, from: .sum(of: ["So_t"]), to: [.lnd: .copy()])]],
         "only the standard table declares those"),
    ] as [([ComponentKind: [FieldDeclaration]], String)])
    func contradictionsAreRefused(declarations: [ComponentKind: [FieldDeclaration]], expected: String) {
        #expect {
            _ = try ExchangeTable.standard.adding(fieldsDeclaredBy: declarations)
        } throws: { error in
            let problems = (error as? ExchangeTableError)?.problems ?? []
            return problems.count == 1 && problems[0].contains(expected)
        }
    }

    @Test("a declaration survives its one-line text form, with copies, fallbacks and merges")
    func textForm() throws {
        let merged = FieldDeclaration("Sx_steric", "merged sea level", "m", .state, from: .importOnly,
                                      to: [.atm: .merge([MergeTerm(.ofrac, "So_steric"), MergeTerm(.ifrac, "Si_steric")])])
        let fallback = FieldDeclaration("So_steric", "sea level", "m", .state, from: .component(.ocn), to: [.lnd: .copy(fallback: 0.25), .ice: .copy()])
        for declaration in [steric, merged, fallback] {
            #expect(try FieldDeclaration(encoded: declaration.encoded) == declaration, "\(declaration.encoded)")
        }
        #expect(merged.route == "formed for atm as ofrac*So_steric + ifrac*Si_steric")
        #expect(steric.route == "exported by ocn, copied to lnd")
    }

    @Test("merge expressions: terms FRACTION*FIELD or FIELD (per unit cell area) joined by +, blanks anywhere; anything else is refused saying why")
    func mergeExpressions() throws {
        #expect(try MergeExpression.terms(of: " lfrac * Sl_t+ofrac*So_t ") == [MergeTerm(.lfrac, "Sl_t"), MergeTerm(.ofrac, "So_t")])
        #expect(MergeExpression.text(of: [MergeTerm(.ifrac, "Si_t")]) == "ifrac*Si_t")
        let wholeCell = [MergeTerm(.ofrac, "Faox_evap"), MergeTerm(wholeCell: "Fioi_meltw")]
        #expect(try MergeExpression.terms(of: "ofrac*Faox_evap + Fioi_meltw") == wholeCell)
        #expect(MergeExpression.text(of: wholeCell) == "ofrac*Faox_evap + Fioi_meltw")
        for (bad, expected) in [("lfrac*Sl_t +", "has a term '' that is not FRACTION*FIELD or FIELD"),
                                ("afrac*Sa_t", "'afrac', which is not a surface fraction"),
                                ("lfrac*ofrac*Sl_t", "has a term 'lfrac*ofrac*Sl_t' that is not FRACTION*FIELD or FIELD")] {
            #expect { _ = try MergeExpression.terms(of: bad) } throws: { error in
                (error as? FieldDeclarationError)?.description.contains(expected) == true
            }
        }
    }
}
