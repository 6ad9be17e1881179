import Foundation
import Testing
import TestSupport

/// A year of `namelists/default.nml` — atmosphere, land, river, sea ice and ocean, on its
/// default layout of 4 ranks — with the atmosphere, land and ice coupled every 3 hours and
/// the ocean and river daily (so the year takes minutes), with the budgets it keeps by default
/// (monthly and annual tables, and the case so far at the year's end) and the case's table at
/// the run's end: the coupler's ledger closes the total water to round-off every month and
/// over the year, and the heat of the land and the sea ice.
@Suite("The water budget of the coupled system closes", .serialized)
struct WaterClosureTests {
    /// The year's run, made once.
    struct Year: Sendable {
        let log: String

        static let shared: Result<Year, FixtureError> = make()

        private static func make() -> Result<Year, FixtureError> {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-water-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            var namelist = ConfigurationNamelist("default")
            for (key, value) in [("atm_cpl_dt", "10800"), ("lnd_cpl_dt", "10800"), ("ice_cpl_dt", "10800"), ("ocn_cpl_dt", "86400"),
                                 ("rof_cpl_dt", "86400"), ("stop_option", "'nyears'"), ("stop_n", "1"), ("history_option", "'never'")] {
                namelist.set(key, value, in: "seq_timemgr_inparm")
            }
            namelist.set("budget_ltend", "1", in: "seq_infodata_inparm")
            let path = root + "/year.nml"
            try? namelist.text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = Job.mpirun(ranks: 4, "coupled-driver", ["run", path, "--rundir", root], timeout: 900)
            guard result.exitCode == 0, !result.timedOut else {
                return .failure(FixtureError("the year on 4 ranks failed: \(result.output)"))
            }
            do {
                return .success(Year(log: try String(contentsOfFile: root + "/cpl.log", encoding: .utf8)))
            } catch {
                return .failure(FixtureError("no cpl.log: \(error)"))
            }
        }

        /// The lines of the table whose title starts with `title`, up to the next table's.
        func table(_ title: String) -> [Substring] {
            let lines = log.split(separator: "\n")
            guard let start = lines.firstIndex(where: { $0.hasPrefix(title) }) else { return [] }
            let rows = lines[(start + 1)...].prefix { !$0.hasPrefix("model date") && !$0.hasPrefix("wrote") && !$0.hasPrefix("budget, ") }
            return [lines[start]] + rows.prefix(26)
        }
    }

    /// The numbers of row `name` of `table` (columns atm, lnd, rof, ice, ocn, then the sum; `nil` for "-").
    private func row(_ name: String, of table: [Substring]) throws -> [Double?] {
        let line = try #require(table.first { $0.split(separator: " ").first == Substring(name) }, "no row \(name) in:\n\(table.joined(separator: "\n"))")
        let words = line.split(separator: " ").dropFirst()
        try #require(words.count == 6, "\(line)")
        return words.map { Double($0) }
    }

    /// The imbalance the table's last line reports.
    private func imbalance(of table: [Substring]) throws -> Double {
        let line = try #require(table.first { $0.hasPrefix("total water: imbalance") }, "no closure line in:\n\(table.joined(separator: "\n"))")
        return try #require(Double(line.split(separator: " ")[3]), "\(line)")
    }

    @Test("over the year the total water closes to 1e-12 of the gross exchange, and every component's store changes as the ledger says")
    func year() throws {
        let year = try Year.shared.get()
        let table = year.table("budget, mean of the year ending 0002-01-01-00000")
        let imbalance = try imbalance(of: table)
        print("water budget of the year: total imbalance \(imbalance) of the gross exchange")
        #expect(imbalance <= 1e-12)
        let gain = try row("wgain", of: table), change = try row("dwstor", of: table), residual = try row("wresid", of: table)
        let rain = try row("rain", of: table)
        let scale = abs(try #require(rain[0]))
        for (column, name) in ["atm", "lnd", "rof", "ice", "ocn"].enumerated() {
            let g = try #require(gain[column], "\(name)"), c = try #require(change[column], "\(name) reports no store"), r = try #require(residual[column])
            print("  \(name): gained \(g), store changed \(c), residual \(r) (1e-6 kg m-2 s-1)")
            #expect(c != 0, "\(name)'s store did not change over a year")
            #expect(abs(r) <= 1e-12 * scale, "\(name): the store changed by \(c) but the ledger says \(g)")
        }
    }

    /// The land and the sea ice keep their heat: their stores change by what the heat ledger
    /// says they gained. The slab ocean's relaxation toward climatology (the heat its missing
    /// circulation would carry) is heat from outside: its residual is not 0.
    @Test("over the year the land's and the sea ice's heat stores change as the heat ledger says; the slab ocean's differ by its relaxation")
    func heat() throws {
        let year = try Year.shared.get()
        let table = year.table("budget, mean of the year ending 0002-01-01-00000")
        let gain = try row("hgain", of: table), change = try row("dhstor", of: table), residual = try row("hresid", of: table)
        let scale = abs(try #require(try row("lwdn", of: table)[0]))
        for (column, name) in [(1, "lnd"), (3, "ice"), (4, "ocn")] {
            let g = try #require(gain[column], "\(name)"), c = try #require(change[column], "\(name) reports no heat store")
            let r = try #require(residual[column])
            print("  \(name): heat gained \(g), store changed \(c), residual \(r) (W m-2)")
            #expect(g != 0 && c != 0, "\(name)'s heat did not change over a year")
            if name == "ocn" {
                #expect(abs(r) > 1e-6 * scale, "the slab ocean's relaxation is heat from outside the coupled system")
            } else {
                #expect(abs(r) <= 1e-12 * scale, "\(name): the heat store changed by \(c) but the ledger says \(g)")
            }
        }
        #expect(gain[0] == nil && gain[2] == nil, "the atmosphere and the river keep no heat account")
    }

    @Test("every month's total water closes to 1e-12 of the gross exchange")
    func months() throws {
        let year = try Year.shared.get()
        var months = 0
        for line in year.log.split(separator: "\n") where line.hasPrefix("budget, mean of the month ending") {
            let table = year.table(String(line))
            #expect(try imbalance(of: table) <= 1e-12, "\(line)")
            months += 1
        }
        #expect(months == 12)
    }

    /// The ocean and the river take a day's step while the others take eight, so most of the
    /// budget's terms are counted once and added for many steps (the river's discharge, from
    /// its exports when they arrive) or as the ocean's forcing is formed (the ocean's side):
    /// each transfer still balances between the components every month.
    @Test("every month each transfer between components balances to round-off")
    func transfers() throws {
        let year = try Year.shared.get()
        let imbalances = year.log.split(separator: "\n").filter { $0.hasPrefix("largest imbalance of a transfer") }
            .compactMap { Double($0.split(separator: ": ").last!.split(separator: " ").first!) }
        print("largest imbalance of a transfer, month by month: \(imbalances)")
        #expect(imbalances.count == 15, "a line in each monthly table, the year's and the two of the case")
        #expect(imbalances.allSatisfy { $0 <= 1e-12 }, "\(imbalances)")
    }

    /// The case is the year: its tables at the year's end (`budget_ltann`, on by default) and at
    /// the run's end (`budget_ltend`) hold the year's numbers.
    @Test("the case's tables at the year's end and at the run's end are the year's")
    func caseSoFar() throws {
        let year = try Year.shared.get()
        let annual = year.table("budget, mean of the year ending 0002-01-01-00000").dropFirst()
        let atYearEnd = year.table("budget, mean of the case from its start to the year ending 0002-01-01-00000").dropFirst()
        let atRunEnd = year.table("budget, mean of the case from its start to the run's end at 0002-01-01-00000").dropFirst()
        #expect(annual.count > 20)
        #expect(atYearEnd == annual, "at the year's end:\n\(atYearEnd.joined(separator: "\n"))")
        #expect(atRunEnd == annual, "at the run's end:\n\(atRunEnd.joined(separator: "\n"))")
    }
}
