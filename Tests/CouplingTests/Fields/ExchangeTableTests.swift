import Coupling
import Foundation
import Testing

@Suite("Exchange table")
struct ExchangeTableTests {
    private let table = ExchangeTable.standard

    @Test("every import has a rule, every field a merge or copy reads comes from somewhere, and lists hold each name once")
    func standardIsConsistent() {
        for kind in ComponentKind.models {
            let imports = table.imports(of: kind), exports = table.exports(of: kind)
            #expect(Set(imports).count == imports.count && Set(exports).count == exports.count)
            #expect(Set(imports).isDisjoint(with: exports), "\(kind) imports what it exports")
            for field in imports {
                #expect(table.rule(for: field, importedBy: kind) != nil)
                for source in table.sources(of: field, importedBy: kind) {
                    #expect(table.declaration(of: source)?.origin != .importOnly, "\(kind)'s '\(field)' reads '\(source)', which nothing provides")
                }
            }
        }
        // The ocean's forcing is averaged over its interval; nothing else is.
        #expect(table.averagedImporters == [.ocn, .rof])
        #expect(table.sums(ofExportsOf: .atm).map(\.field) == ["Faxa_rain", "Faxa_snow"])
    }

    @Test("a table that names a field it does not declare, or copies what nothing provides, is refused naming the entry")
    func contradictionsAreRefused() {
        let bad = [
            FieldDeclaration("Sl_t", "land temperature", "K", .state, from: .component(.lnd)),
            FieldDeclaration("Sx_t", "merged temperature", "K", .state, from: .importOnly,
                             to: [.atm: .merge([MergeTerm(.lfrac, "Sl_t"), MergeTerm(.ofrac, "So_tt")])]),
            FieldDeclaration("Sx_u", "merged wind", "m s-1", .state, from: .importOnly, to: [.atm: .copy()]),
        ]
        #expect {
            try ExchangeTable(declarations: bad, averagedImporters: [], atmosphereOceanFluxInputs: [])
        } throws: { error in
            let problems = (error as? ExchangeTableError)?.problems ?? []
            return problems.count == 2
                && problems[0].contains("'Sx_t' imported by atm merges 'So_tt', which the table does not declare")
                && problems[1].contains("'Sx_u' imported by atm copies a field nothing provides")
        }
    }

    @Test("the ledger: every built-in model has a water store it exports, the land, sea ice and ocean a heat store; a term or store the table does not declare is refused")
    func ledger() {
        for kind in [ComponentKind.atm, .lnd, .rof, .ice, .ocn] {
            let water = table.store(of: .water, for: kind), heat = table.store(of: .heat, for: kind)
            #expect(water.map { table.exports(of: kind).contains($0.field) } == true, "\(kind) has no water store")
            #expect(table.ledgerTerms.contains { $0.quantity == .water && $0.column == kind && $0.moment == .imported }, "\(kind) gains no water")
            let keepsHeat = [ComponentKind.lnd, .ice, .ocn].contains(kind)
            #expect((heat != nil) == keepsHeat, "\(kind)'s heat store")
            #expect(table.ledgerTerms.contains { $0.quantity == .heat && $0.column == kind } == keepsHeat, "\(kind)'s heat terms")
            #expect(table.exportsWithoutStores(of: kind).count == table.exports(of: kind).count - (keepsHeat ? 2 : 1))
        }
        let declarations = [FieldDeclaration("Sl_w", "land water", "kg m-2", .state, from: .component(.lnd))]
        #expect {
            try ExchangeTable(declarations: declarations, averagedImporters: [], atmosphereOceanFluxInputs: [],
                              ledgerTerms: [LedgerTerm(.heat, .lnd, .exported, ["Fall_wet"], .cell, -1)],
                              ledgerStores: [LedgerStore(.water, .ice, "Sl_w")])
        } throws: { error in
            let problems = (error as? ExchangeTableError)?.problems ?? []
            return problems.count == 2
                && problems[0].contains("the heat ledger's term of lnd reads 'Fall_wet', which the table does not declare")
                && problems[1].contains("the water store 'Sl_w' is not declared as an export of ice")
        }
    }

    @Test("an import plan merges fraction-weighted terms, leaves out absent sources and falls back where its source is missing")
    func importPlan() throws {
        let declarations = [
            FieldDeclaration("Sl_t", "land temperature", "K", .state, from: .component(.lnd)),
            FieldDeclaration("So_t", "ocean temperature", "K", .state, from: .component(.ocn), to: [.ice: .copy(fallback: 271.35)]),
            FieldDeclaration("Si_t", "ice temperature", "K", .state, from: .component(.ice)),
            FieldDeclaration("Sx_t", "merged temperature", "K", .state, from: .importOnly,
                             to: [.atm: .merge([MergeTerm(.lfrac, "Sl_t"), MergeTerm(.ifrac, "Si_t"), MergeTerm(.ofrac, "So_t")])]),
            FieldDeclaration("Sf_lfrac", "land fraction", "1", .state, from: .importOnly, to: [.atm: .fraction(.lfrac)]),
        ]
        let table = try ExchangeTable(declarations: declarations, averagedImporters: [], atmosphereOceanFluxInputs: [])
        // Sources: 0 land, 1 ice, 2 ocean, each with its one field at position 0.
        let where_ = ["Sl_t": 0, "Si_t": 1, "So_t": 2]
        let atm = ImportPlan(importer: .atm, fields: table.imports(of: .atm), table: table) { where_[$0].map { ($0, 0) } }
        #expect(atm.fields == ["Sx_t", "Sf_lfrac"])
        func bundle(_ name: String, _ values: [Double]) -> FieldBundle {
            var b = FieldBundle(fields: [name], pointCount: values.count)
            b.setValues(values, of: name)
            return b
        }
        let land = bundle("Sl_t", [280, 290]), ice = bundle("Si_t", [250, 260]), ocean = bundle("So_t", [275, 276])
        let fractions: [SurfaceFraction: [Double]] = [.lfrac: [0.5, 0], .ifrac: [0.25, 0.5], .ofrac: [0.25, 0.5]]
        var fractionBundle = FieldBundle(fields: ["afrac", "ifrac", "ofrac", "lfrac"], pointCount: 2)
        for (fraction, values) in fractions { fractionBundle.setValues(values, of: fraction.rawValue) }
        let merged = atm.form(pointCount: 2, sources: [land, ice, ocean], fractions: fractionBundle)
        for p in 0 ..< 2 {
            let expected = fractions[.lfrac]![p] * land.values(of: "Sl_t")[p] + fractions[.ifrac]![p] * ice.values(of: "Si_t")[p]
                + fractions[.ofrac]![p] * ocean.values(of: "So_t")[p]
            #expect(merged.values(of: "Sx_t")[p] == expected)
        }
        #expect(merged.values(of: "Sf_lfrac") == [0.5, 0])
        let noIce = atm.form(pointCount: 2, sources: [land, nil, ocean], fractions: fractionBundle)
        #expect(noIce.values(of: "Sx_t") == [0.5 * 280 + 0.25 * 275, 0.5 * 276])
        let seaIce = ImportPlan(importer: .ice, fields: table.imports(of: .ice), table: table) { where_[$0].map { ($0, 0) } }
        #expect(seaIce.form(pointCount: 2, sources: [nil, nil, nil], fractions: fractionBundle).values(of: "So_t") == [271.35, 271.35])
        #expect(seaIce.form(pointCount: 2, sources: [nil, nil, ocean], fractions: fractionBundle).values(of: "So_t") == [275, 276])
    }

    @Test("imports formed over many points, into reused storage, added to a running sum or by threads, have the bits of one sum per point")
    func importPlanBlocksReuseAndSums() throws {
        let declarations = [
            FieldDeclaration("Si_t", "ice temperature", "K", .state, from: .component(.ice)),
            FieldDeclaration("So_t", "ocean temperature", "K", .state, from: .component(.ocn), to: [.atm: .copy(fallback: nil)]),
            FieldDeclaration("Sx_t", "merged temperature", "K", .state, from: .importOnly,
                             to: [.atm: .merge([MergeTerm(.ifrac, "Si_t"), MergeTerm(.ofrac, "So_t")])]),
            FieldDeclaration("Sf_ifrac", "ice fraction", "1", .state, from: .importOnly, to: [.atm: .fraction(.ifrac)]),
        ]
        let table = try ExchangeTable(declarations: declarations, averagedImporters: [], atmosphereOceanFluxInputs: [])
        // Source 0: the ice, its temperature after another field; source 1: the ocean.
        let atm = ImportPlan(importer: .atm, fields: table.imports(of: .atm), table: table) { name in
            ["Si_t": (0, 1), "So_t": (1, 0)][name]
        }
        let n = 37  // more than one block of points, the last one partial
        var ice = FieldBundle(fields: ["Si_x", "Si_t"], pointCount: n), ocean = FieldBundle(fields: ["So_t"], pointCount: n)
        var fractions = FieldBundle(fields: ["ifrac", "ofrac"], pointCount: n)
        for p in 0 ..< n {
            let f = Double(p) / Double(n)
            ice[field: 0, point: p] = .nan
            ice[field: 1, point: p] = 250 + 0.1 * Double(p).squareRoot()
            ocean[field: 0, point: p] = 271 + 1 / (1 + Double(p))
            fractions[field: 0, point: p] = f / 3
            fractions[field: 1, point: p] = 1 - f / 3
        }
        let formed = atm.form(pointCount: n, sources: [ice, ocean], fractions: fractions)
        var reused = FieldBundle(fields: atm.fields, pointCount: n, initialValue: -7)
        atm.form(into: &reused, sources: [ice, ocean], fractions: fractions)
        var sum = formed
        atm.form(into: &sum, sources: [ice, ocean], fractions: fractions, adding: true)
        var threaded = FieldBundle(fields: atm.fields, pointCount: n)
        atm.form(into: &threaded, sources: [ice, ocean], fractions: fractions, threads: ThreadTeam(count: 3))
        #expect(threaded.storage.map(\.bitPattern) == formed.storage.map(\.bitPattern))
        for p in 0 ..< n {
            let value = 0 + fractions[field: 0, point: p] * ice[field: 1, point: p] + fractions[field: 1, point: p] * ocean[field: 0, point: p]
            let expected = [ocean[field: 0, point: p], value, fractions[field: 0, point: p]]
            for (f, name) in atm.fields.enumerated() {
                let i = ["So_t", "Sx_t", "Sf_ifrac"].firstIndex(of: name)!
                #expect(formed[field: f, point: p].bitPattern == expected[i].bitPattern, "\(name) at \(p)")
                #expect(reused[field: f, point: p].bitPattern == expected[i].bitPattern, "\(name) at \(p), reused")
                #expect(sum[field: f, point: p].bitPattern == (expected[i] + expected[i]).bitPattern, "\(name) at \(p), added")
            }
        }
        alongside(atm, sources: [ice, ocean], fractions: fractions)
    }

    /// Work run alongside forming `plan`'s imports (as the budget counts there) sees every
    /// point once, in pieces no larger than 256 points, with a chunk number below the thread
    /// count; the imports keep their bits.
    private func alongside(_ plan: ImportPlan, sources: [FieldBundle?], fractions: FieldBundle) {
        /// `bundle` over `n` points: itself, or as many points with made-up values.
        func over(_ n: Int, _ bundle: FieldBundle) -> FieldBundle {
            guard n != bundle.pointCount else { return bundle }
            var grown = FieldBundle(fields: bundle.fieldNames, pointCount: n)
            for p in 0 ..< n { for f in 0 ..< bundle.fieldCount { grown[field: f, point: p] = 0.5 / Double(1 + p + f) } }
            return grown
        }
        for threads in [1, 3] {
            for n in [37, 1000] {
                let bigger = over(n, fractions), grown = sources.map { $0.map { over(n, $0) } }
                let reference = plan.form(pointCount: n, sources: grown, fractions: bigger)
                let seen = Seen(pointCount: n, threads: threads)
                var result = FieldBundle(fields: plan.fields, pointCount: n)
                plan.form(into: &result, sources: grown, fractions: bigger, threads: ThreadTeam(count: threads),
                          alongside: ImportPlan.Alongside { chunk, points in seen.record(chunk: chunk, points: points) })
                #expect(result.storage.map(\.bitPattern) == reference.storage.map(\.bitPattern), "\(threads) threads, \(n) points")
                let (counts, problems) = seen.result()
                #expect(counts.allSatisfy { $0 == 1 }, "every point once, \(threads) threads, \(n) points")
                #expect(problems.isEmpty, "\(problems)")
            }
        }
    }
}

/// What work alongside forming imports saw, from several threads.
private final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]
    private var problems: [String] = []
    private let threads: Int

    init(pointCount: Int, threads: Int) {
        counts = [Int](repeating: 0, count: pointCount)
        self.threads = threads
    }

    func record(chunk: Int, points: Range<Int>) {
        lock.lock()
        defer { lock.unlock() }
        if chunk < 0 || chunk >= threads { problems.append("chunk \(chunk) of \(threads) threads") }
        if points.count > 256 { problems.append("a piece of \(points.count) points") }
        for p in points { counts[p] += 1 }
    }

    func result() -> ([Int], [String]) {
        lock.lock()
        defer { lock.unlock() }
        return (counts, problems)
    }
}

