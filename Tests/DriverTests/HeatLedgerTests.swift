import Foundation
import Testing
import TestSupport

/// Three days of `namelists/default.nml` on 2 ranks (the ocean and the river on one) with the slab ocean's relaxation off and a
/// daily budget: the land, the sea ice and the ocean then keep their heat, and each day's heat
/// ledger says so to round-off. With the relaxation on (the year of `WaterClosureTests`), the
/// ocean's residual is that relaxation.
@Suite("The heat ledger")
struct HeatLedgerTests {
    @Test("without the ocean's relaxation, every day the land's, the sea ice's and the ocean's heat stores change as the ledger says")
    func closesWithoutRelaxation() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("coupled-driver-heat-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var namelist = ConfigurationNamelist("default")
        namelist.layout(["atm": (2, 1, 0, 1), "lnd": (2, 1, 0, 1), "rof": (1, 1, 1, 1), "ice": (2, 1, 0, 1), "ocn": (1, 1, 1, 1), "cpl": (2, 1, 0, 1)])
        for (key, value) in [("stop_n", "3"), ("history_option", "'never'")] { namelist.set(key, value, in: "seq_timemgr_inparm") }
        namelist.set("budget_daily", "1", in: "seq_infodata_inparm")
        namelist.set("relaxation_days", "0", in: "slab_ocn_nml")
        let path = root + "/heat.nml"
        try namelist.text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = Job.mpirun(ranks: 2, "coupled-driver", ["run", path, "--rundir", root], timeout: 300)
        try #require(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        let lines = try String(contentsOfFile: root + "/cpl.log", encoding: .utf8).split(separator: "\n")
        var days = 0
        for (index, title) in lines.enumerated() where title.hasPrefix("budget, mean of the day ending") {
            let table = lines[index...].prefix(30)
            func row(_ name: String) throws -> [Double?] {
                let line = try #require(table.first { $0.split(separator: " ").first == Substring(name) }, "no \(name) after \(title)")
                return line.split(separator: " ").dropFirst().map { Double($0) }
            }
            let scale = abs(try #require(try row("lwdn")[0]))
            let gain = try row("hgain"), residual = try row("hresid")
            for (column, name) in [(1, "lnd"), (3, "ice"), (4, "ocn")] {
                let g = try #require(gain[column], "\(name) in \(title)"), r = try #require(residual[column], "\(name) in \(title)")
                print("\(title) \(name): heat gained \(g), residual \(r) W m-2")
                #expect(g != 0, "\(name) gained no heat in \(title)")
                #expect(abs(r) <= 1e-12 * scale, "\(name)'s heat store does not change as the ledger says in \(title)")
            }
            days += 1
        }
        #expect(days == 3)
    }
}
