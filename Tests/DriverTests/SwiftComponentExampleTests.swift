import Coupling
import Foundation
import Namelist
import Testing
import TestSupport

/// The Swift component example (examples/swift-component), built and run as its README says: a
/// package of its own that depends on coupled-driver by path and builds `my-driver`, the
/// standard command line with one more land model, `mymodel`. The tests build it as its README
/// says, `swift build -c release --package-path examples/swift-component`, but into this
/// package's own build folder (`--scratch-path .build`): coupled-driver's modules, built with the
/// same flags for the tests, are reused, and only the example's code compiles (seconds, not the
/// minutes of a second release build of the whole package). They run it as users would: a model
/// day on 1 and on 3 ranks under mpirun (the same history bytes), `check`, `balance`, and an
/// exact restart through `test-suite`.
@Suite("Swift component example", .serialized)
struct SwiftComponentExampleTests {
    /// The example's folder.
    static let package = Repository.path("examples/swift-component")

    /// `my-driver`, built once per test process, or why it could not be built.
    static let myDriver: Result<String, ExampleBuildFailure> = build()

    /// `--ignore-lock`: the `swift test` running these tests holds the build folder's lock; this
    /// build only compiles the example's own modules and links `my-driver`, touching nothing the
    /// running tests use.
    private static func build() -> Result<String, ExampleBuildFailure> {
        let scratch = Repository.path(".build")
        let result = Job.run("/usr/bin/env", ["swift", "build", "-c", "release", "--package-path", package, "--scratch-path", scratch,
                                              "--ignore-lock"], timeout: 1800)
        guard result.exitCode == 0, !result.timedOut else { return .failure(ExampleBuildFailure(output: result.output)) }
        return .success(scratch + "/release/my-driver")
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

/// A field neither the standard table nor the driver knows, declared by the components that
/// exchange it: the C ocean (examples/c-ocean, plug-in ABI version 2) declares and exports
/// `So_steric`, and mymodel, a Swift component, declares it alike and imports it when
/// `coastal_sea_level = .true.`. The coupler maps it from the ocean grid to the land's (the
/// atmosphere's) with the ocean-to-atmosphere state map.
extension SwiftComponentExampleTests {
    /// The example's namelist for one model day on layout `pes`, with the C ocean of `build` and
    /// mymodel importing its sea level.
    private func withOceanPlugin(_ build: PluginBuild, _ pes: [ComponentKind: (Int, Int, Int, Int)]) throws -> String {
        var editor = NamelistEditor(text: try oneDay(pes), file: "my.nml")
        try editor.set("ocn", to: "'plugin:\(build.ocean)'", in: "components")
        try editor.set("grid_file", to: "'../../mapping-weights/grid_1deg_ocean.nc'", in: "ocn_plugin_nml")
        try editor.set("coastal_sea_level", to: ".true.", in: "mymodel_nml")
        return editor.text
    }

    @Test("a Swift and a C component exchange a field of their own through a real map: in coupler history, the same bytes on 1 and 4 ranks")
    func fieldOfTheirOwn() throws {
        let build = try PluginBuild.shared.get()
        let one = TemporaryDirectory("steric-1"), four = TemporaryDirectory("steric-4")
        let c = (1, 1, 0, 1)
        try run(try withOceanPlugin(build, [.atm: c, .lnd: c, .ice: c, .ocn: c, .cpl: c]), ranks: 1, in: one)
        try run(try withOceanPlugin(build, [.atm: (4, 1, 0, 1), .lnd: (2, 2, 2, 1), .ice: (4, 1, 0, 1), .ocn: (2, 1, 0, 2), .cpl: (3, 1, 1, 1)]),
                ranks: 4, in: four)
        let names = try historyFiles(in: one), namesOnFour = try historyFiles(in: four)
        #expect(names.count == 5 && namesOnFour == names)
        for name in names {
            let a = FileManager.default.contents(atPath: one.path + "/" + name), b = FileManager.default.contents(atPath: four.path + "/" + name)
            #expect(a != nil && a == b, "\(name) differs between 1 and 4 ranks")
        }
        let coupler = Job.run("/usr/bin/ncdump", ["-h", one.path + "/mymodel.cpl.hi.0001-01-02-00000.nc"]).standardOutput
        for variable in ["o2x_So_steric(time, ocn_nj, ocn_ni)", "xao_a_So_steric(time, atm_nj, atm_ni)", "x2l_So_steric(time, atm_nj, atm_ni)",
                         "x2l_So_steric:long_name = \"thermosteric sea-surface height anomaly\"", "x2l_So_steric:units = \"m\""] {
            #expect(coupler.contains(variable), "the coupler history has no \(variable)")
        }
        let ocean = Job.run("/usr/bin/ncdump", ["-h", one.path + "/mymodel.ocn.h.0001-01-02-00000.nc"]).standardOutput
        #expect(ocean.contains("state_relaxation_heating:units = \"W m-2\""), "the C ocean's own history variable is missing:\n\(ocean)")
        // The land received sea levels of the mixed layer (tenths of a metre), not zeros.
        let land = Job.run("/usr/bin/ncdump", ["-v", "state_coastal_sea_level", one.path + "/mymodel.lnd.h.0001-01-02-00000.nc"]).standardOutput
        let values = land.split(separator: "data:").last.map { $0.split { ",; \n=".contains($0) }.compactMap { Double($0) } } ?? []
        #expect(values.count == 94 * 192)
        #expect((values.map(abs).max() ?? 0) > 0.01 && (values.map(abs).max() ?? 1) < 1, "sea levels out of range: \(values.map(abs).max() ?? 0)")
        let log = try #require(one.read("cpl.log"))
        #expect(log.contains("declares So_steric (thermosteric sea-surface height anomaly, m, state): exported by ocn, copied to lnd"), "\(log)")
        #expect(one.read("ocn.log")?.contains("(ABI version 2)") == true && one.read("ocn.log")?.contains("declares So_steric") == true)
    }

    @Test("the field of their own restarts exactly (ERS), and a land importing it with an ocean that does not export it cannot start")
    func fieldOfTheirOwnRestartsAndIsChecked() throws {
        let build = try PluginBuild.shared.get()
        let executable = try Self.myDriver.get()
        let output = TemporaryDirectory("steric-ers")
        let both = (2, 1, 0, 1)
        let pes: [ComponentKind: (Int, Int, Int, Int)] = [.atm: both, .lnd: both, .ice: both, .ocn: both, .cpl: both]
        // test-suite resolves paths against the namelist's folder: make them absolute.
        let text = try withOceanPlugin(build, pes).replacingOccurrences(of: "'../../mapping-weights/", with: "'\(Repository.path("mapping-weights"))/")
        let namelist = output.write("steric.nml", text)
        let ers = Job.run(executable, ["test-suite", namelist, "--ranks", "2", "--days", "2", "--tests", "ERS", "--output", output.path],
                          timeout: 600)
        #expect(ers.exitCode == 0 && !ers.timedOut, "\(ers.output)")
        #expect(ers.standardOutput.contains("PASS ERS: 10 history files identical"), "\(ers.output)")

        var slab = NamelistEditor(text: try oneDay(pes), file: "my.nml")
        try slab.set("coastal_sea_level", to: ".true.", in: "mymodel_nml")
        let folder = TemporaryDirectory("steric-slab")
        let path = folder.write("my.nml", slab.text)
        let result = Job.run("/usr/bin/mpirun", ["--oversubscribe", "-n", "2", executable, path, "--rundir", folder.path,
                                                 "--paths-from", Self.package], timeout: 120)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("lnd (model 'mymodel') imports 'So_steric', which the coupler copies from ocn")
            || result.standardError.contains("the coupler needs 'So_steric' from ocn (model 'slab')"), "\(result.output)")
    }
}

/// `swift build` of the example failed.
struct ExampleBuildFailure: Error, CustomStringConvertible {
    let output: String
    var description: String { "swift build of examples/swift-component failed:\n\(output)" }
}
