import Foundation
import NetCDF
import Testing
import TestSupport

/// The data land, sea ice and river runoff models (`dlnd`, `dice`, `drof`), each driving a run
/// alone with its committed stream: the export it sends at the end of a day-long coupling
/// interval is the stream interpolated linearly in time to the middle of that interval.
@Suite("Data land, sea ice and river runoff", .serialized)
struct DataSurfaceModelTests {
    /// A data model, the component it stands in for, an export it reads and the stream variable that gives it.
    struct Case: Sendable, CustomStringConvertible {
        let model: String
        let kind: String
        let field: String
        let variable: String
        let stream: String
        var description: String { "\(model) \(field)" }
    }

    static let cases = [
        Case(model: "dlnd", kind: "lnd", field: "Sl_t", variable: "tsrf", stream: "forcing/dlnd.T62.clim.nc"),
        Case(model: "dlnd", kind: "lnd", field: "Fall_rofl", variable: "rofl", stream: "forcing/dlnd.T62.clim.nc"),
        Case(model: "dice", kind: "ice", field: "Si_ifrac", variable: "ifrac", stream: "forcing/dice.1deg.clim.nc"),
        Case(model: "drof", kind: "rof", field: "Forr_rofl", variable: "rofl", stream: "forcing/drof.1deg.clim.nc"),
    ]

    /// `model` alone (the other components stubs) from 20 January for one day-long interval, with
    /// history at the end; its group only names the grid and the stream, as a user's would.
    private func namelist(_ c: Case) -> String {
        let grid = ["lnd": "grid_T62.nc", "ice": "grid_1deg_ocean.nc", "rof": "grid_1deg_river.nc"][c.kind]!
        let models = ["atm", "lnd", "rof", "ice", "ocn"].map { "\($0) = '\($0 == c.kind ? c.model : "stub")'" }.joined(separator: ", ")
        return """
            &cime_pes
              \(c.kind)_ntasks = 2, cpl_ntasks = 2
            /
            &seq_timemgr_inparm
              calendar = 'NO_LEAP', start_ymd = 00010120, start_tod = 0
              atm_cpl_dt = 86400, lnd_cpl_dt = 86400, rof_cpl_dt = 86400, ice_cpl_dt = 86400, ocn_cpl_dt = 86400
              stop_option = 'ndays', stop_n = 1, history_option = 'end'
            /
            &seq_infodata_inparm
              case_name = 'alone', check_nans = .true.
            /
            &components
              \(models)
            /
            &\(c.model)_nml
              grid_file = '\(Repository.path("mapping-weights/" + grid))'
              file = '\(Repository.path(c.stream))'
            /

            """
    }

    @Test("drives a run alone; its export at the end of the interval is the stream at the interval's middle", arguments: cases)
    func interpolatedAtMidInterval(_ c: Case) throws {
        let folder = TemporaryDirectory("\(c.model)-alone")
        let path = folder.write("alone.nml", namelist(c))
        let result = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", folder.path + "/run"], timeout: 120)
        try #require(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        let history = try Dataset(openingAt: folder.path + "/run/alone.\(c.kind).h.0001-01-21-00000.nc")
        let sent: [Double] = try history.read(try history.requireVariable("\(c.kind.prefix(1))2x_\(c.field)"))

        // The middle of the interval, 20 January 12:00, is day 19.5 of the year: between the
        // records of mid-January (day 15.5) and mid-February (day 45).
        let stream = try Dataset(openingAt: Repository.path(c.stream))
        let times: [Double] = try stream.read(try stream.requireVariable("time"))
        #expect(Array(times.prefix(2)) == [15.5, 45.0])
        let variable = try stream.requireVariable(c.variable)
        let points = variable.shape.dropFirst().reduce(1, *)
        let january: [Float] = try stream.read(variable, start: [0, 0, 0], count: [1] + Array(variable.shape.dropFirst()))
        let february: [Float] = try stream.read(variable, start: [1, 0, 0], count: [1] + Array(variable.shape.dropFirst()))
        let weight = (19.5 - 15.5) / (45.0 - 15.5)
        let expected = zip(january, february).map { (1 - weight) * Double($0) + weight * Double($1) }
        #expect(sent.count == points)
        let changing = zip(january, february).filter { $0 != $1 }.count
        #expect(changing > points / 100, "the stream should change between January and February at some points (\(changing))")
        let worst = zip(sent, expected).map { abs($0 - $1) / max(abs($1), 1e-30) }.max() ?? 0
        #expect(worst <= 1e-12, "largest relative difference from the interpolated stream: \(worst)")
        let log = try #require(folder.read("run/\(c.kind).log"))
        #expect(log.contains("\(c.model): linear in time between the records bracketing the mid-point of each coupling interval"))
    }
}
