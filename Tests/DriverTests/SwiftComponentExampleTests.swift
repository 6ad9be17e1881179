import Coupling
import Foundation
import Namelist
import Testing
import TestSupport

/// The Swift component example (examples/swift-component), built and run as its README says: a
/// package of its own that depends on coupled-driver by path and builds `my-driver`, the
/// standard command line with one more land model, `mymodel`. The tests build it with
/// `swift build -c release --package-path examples/swift-component` (into the example's own
/// `.build`, so a second build only recompiles what changed) and run it as users would: a
/// model day on 1 and on 3 ranks under mpirun (the same history bytes), `check`, `balance`, and
/// an exact restart through `test-suite`.
@Suite("Swift component example", .serialized)
struct SwiftComponentExampleTests {
    /// The example's folder.
    static let package = Repository.path("examples/swift-component")

    /// `my-driver`, built once per test process, or why it could not be built.
    static let myDriver: Result<String, ExampleBuildFailure> = build()

    private static func build() -> Result<String, ExampleBuildFailure> {
        let result = Job.run("/usr/bin/env", ["swift", "build", "-c", "release", "--package-path", package], timeout: 1800)
        guard result.exitCode == 0, !result.timedOut else { return .failure(ExampleBuildFailure(output: result.output)) }
        return .success(package + "/.build/release/my-driver")
    }

    /// The example's namelist for one model day with daily history, on the layout `pes`
    /// ((tasks, threads, root, stride) per component); relative paths still resolve against the
    /// example's folder (`--paths-from`).
    private func oneDay(_ pes: [ComponentKind: (Int, Int, Int, Int)]) throws -> String {
        var editor = NamelistEditor(text: Repository.text("examples/swift-component/my.nml"), file: "my.nml")
        try editor.set("stop_option", to: "'ndays'", in: "seq_timemgr_inparm")
        try editor.set("stop_n", to: "1", in: "seq_timemgr_inparm")
        try editor.set("history_option", to: "'ndays'", in: "seq_timemgr_inparm")
        try editor.set("history_n", to: "1", in: "seq_timemgr_inparm")
        let lines = pes.keys.sorted().map { kind -> String in
            let (n, t, r, s) = pes[kind]!
            return "  \(kind)_ntasks = \(n), \(kind)_nthreads = \(t), \(kind)_rootpe = \(r), \(kind)_pestride = \(s)"
        }
        try editor.replaceGroup("cime_pes", with: "&cime_pes\n" + lines.joined(separator: "\n") + "\n/")
        return editor.text
    }

    /// Runs `my-driver` with `namelist` on `ranks` ranks into `folder`, expecting success.
    private func run(_ namelist: String, ranks: Int, in folder: TemporaryDirectory) throws {
        let executable = try Self.myDriver.get()
        let path = folder.write("my.nml", namelist)
        let result = Job.run("/usr/bin/mpirun", ["--oversubscribe", "-n", "\(ranks)", executable, path, "--rundir", folder.path,
                                                 "--paths-from", Self.package], timeout: 300)
        #expect(result.exitCode == 0 && !result.timedOut, "my-driver on \(ranks) rank(s) failed:\n\(result.output)")
        try #require(result.exitCode == 0)
    }

    /// The history files of a run folder (coupler and components), sorted.
    private func historyFiles(in folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".nc") && ($0.contains(".cpl.hi.") || $0.contains(".h.")) }.sorted()
    }

    @Test("my-driver builds and runs mymodel as the land for a day on 1 and on 3 ranks, with the same history bytes")
    func layouts() throws {
        let one = TemporaryDirectory("mymodel-1")
        let c = (1, 1, 0, 1)
        try run(try oneDay([.atm: c, .lnd: c, .ice: c, .ocn: c, .cpl: c]), ranks: 1, in: one)
        let three = TemporaryDirectory("mymodel-3")
        try run(try oneDay([.atm: (3, 1, 0, 1), .lnd: (2, 2, 1, 1), .ice: (3, 1, 0, 1), .ocn: (1, 1, 2, 1), .cpl: (2, 1, 0, 2)]),
                ranks: 3, in: three)

        for folder in [one, three] {
            let log = try #require(folder.read("lnd.log"))
            #expect(log.contains("LND: mymodel two-layer soil land on lnd (nj = 94, ni = 192)"), "\(log)")
            #expect(log.contains("LND: mymodel, final means over the land: surface layer"), "\(log)")
            #expect(folder.read("cpl.log")?.contains("lnd runs model 'mymodel'") == true)
        }
        #expect(three.read("lnd.log")?.contains("2 task(s) of 2 thread(s)") == true)
        let land = try #require(FileManager.default.contents(atPath: one.path + "/mymodel.lnd.h.0001-01-02-00000.nc"))
        for variable in ["state_soil_t_surface", "state_soil_t_deep", "state_ground_heat_flux", "l2x_Fall_lwup"] {
            #expect(land.range(of: Data(variable.utf8)) != nil, "the land history file has no \(variable)")
        }

        let names = try historyFiles(in: one)
        #expect(names == ["mymodel.atm.h.0001-01-02-00000.nc", "mymodel.cpl.hi.0001-01-02-00000.nc", "mymodel.ice.h.0001-01-02-00000.nc",
                          "mymodel.lnd.h.0001-01-02-00000.nc", "mymodel.ocn.h.0001-01-02-00000.nc"])
        #expect(try historyFiles(in: three) == names)
        for name in names {
            let a = FileManager.default.contents(atPath: one.path + "/" + name), b = FileManager.default.contents(atPath: three.path + "/" + name)
            #expect(a != nil && a == b, "\(name) differs between 1 and 3 ranks")
        }
    }

    @Test("my-driver check lists mymodel, its help names my-driver; coupled-driver, without it, names the unknown model and group")
    func check() throws {
        let executable = try Self.myDriver.get()
        let folder = TemporaryDirectory("mymodel-check")
        let namelist = Self.package + "/my.nml"
        let result = Job.run(executable, ["check", namelist, "--ranks", "4", "--picture", folder.path + "/layout.svg"])
        #expect(result.exitCode == 0, "\(result.output)")
        let landRow = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("lnd ") }
        #expect(landRow?.split(separator: " ").prefix(3).map(String.init) == ["lnd", "mymodel", "0-3"], "\(result.output)")
        #expect(result.standardOutput.contains("The namelist is valid for 4 ranks."))
        let help = Job.run(executable, ["check", "--help"])
        #expect(help.standardOutput.contains("USAGE: my-driver check <namelist>"), "usage names the executable:\n\(help.output)")

        let builtIn = Job.run(Job.product("coupled-driver"), ["check", namelist, "--ranks", "4", "--picture", folder.path + "/other.svg"])
        #expect(builtIn.exitCode != 0)
        #expect(builtIn.standardError.contains("unknown land model 'mymodel'"), "\(builtIn.output)")
        #expect(builtIn.standardError.contains("mymodel_nml"), "\(builtIn.output)")
    }

    @Test("my-driver balance reads the namelist with mymodel and its test run runs it")
    func balance() throws {
        let executable = try Self.myDriver.get()
        let output = TemporaryDirectory("mymodel-balance")
        let result = Job.run(executable, ["balance", Self.package + "/my.nml", "--total-tasks", "1", "--days", "1", "--output", output.path],
                             timeout: 300)
        #expect(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        #expect(output.read("proposed.nml")?.contains("lnd = 'mymodel'") == true)
        #expect(output.read("runs/run01-1ranks/lnd.log")?.contains("LND: mymodel two-layer soil land") == true, "\(result.output)")
    }

    @Test("my-driver test-suite: an exact restart of mymodel (ERS) with the test runs started by my-driver")
    func exactRestart() throws {
        let executable = try Self.myDriver.get()
        let output = TemporaryDirectory("mymodel-ers")
        let result = Job.run(executable, ["test-suite", Self.package + "/my.nml", "--ranks", "2", "--days", "2", "--tests", "ERS",
                                          "--output", output.path], timeout: 600)
        #expect(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        #expect(result.standardOutput.contains("PASS ERS: 10 history files identical"), "\(result.output)")
        let continued = try #require(output.read("ERS/restarted/lnd.log"))
        #expect(continued.contains("LND: mymodel continues from"), "\(continued)")
    }
}

/// `swift build` of the example failed.
struct ExampleBuildFailure: Error, CustomStringConvertible {
    let output: String
    var description: String { "swift build of examples/swift-component failed:\n\(output)" }
}
