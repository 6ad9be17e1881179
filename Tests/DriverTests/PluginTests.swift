import Foundation
import Testing
import TestSupport

/// C and Fortran plug-in components (`include/coupled_driver_component.h`): the examples
/// (`examples/c-ocean`, `examples/fortran-land`) in place of the slab ocean and the bucket land
/// give the same output on any layout and restart exactly; a library that does not load, lacks
/// a function, has another ABI version, names an unknown field, does not fit its grid or
/// returns an error ends the job with a message naming it; the Fortran module mirrors the header.
@Suite("C and Fortran plug-ins", .serialized)
struct PluginTests {
    /// The history files of a straight one-day run of the examples on one rank, made once.
    private static let straightRun: Result<[String: Data], PluginRunFailure> = {
        guard case .success(let build) = PluginBuild.shared else { return .failure(PluginRunFailure(output: "the plug-ins did not build")) }
        let dir = TemporaryDirectory("plugins-straight")
        let path = dir.write("straight.nml", namelist(build, hours: 24, pes: allOn(1)).text)
        let result = Job.mpirun(ranks: 1, "coupled-driver", [path, "--rundir", dir.path], timeout: 120)
        guard result.exitCode == 0, !result.timedOut else { return .failure(PluginRunFailure(output: result.output)) }
        return .success(historyFiles(in: dir.path))
    }()

    /// A layout with every component on ranks `0 ..< ranks`.
    private static func allOn(_ ranks: Int) -> [String: (Int, Int, Int, Int)] {
        Dictionary(uniqueKeysWithValues: ["atm", "lnd", "ice", "ocn", "cpl"].map { ($0, (ranks, 1, 0, 1)) })
    }

    /// `examples/plugins.nml` with the libraries of `build`, `hours` long, on layout `pes`.
    private static func namelist(_ build: PluginBuild, hours: Int, pes: [String: (Int, Int, Int, Int)], restartAtEnd: Bool = false,
                                 continuing: Bool = false) -> ConfigurationNamelist {
        var n = ConfigurationNamelist(file: "examples/plugins.nml")
        n.set("ocn", "'plugin:\(build.ocean)'", in: "components")
        n.set("lnd", "'plugin:\(build.land)'", in: "components")
        n.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
        n.set("stop_n", "\(hours)", in: "seq_timemgr_inparm")
        if restartAtEnd { n.set("restart_option", "'end'", in: "seq_timemgr_inparm") }
        if continuing { n.set("start_type", "'continue'", in: "seq_infodata_inparm") }
        n.layout(pes)
        return n
    }

    /// The history files (`*.h*.nc`) of `directory`, by name.
    private static func historyFiles(in directory: String) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files = [String: Data]()
        for name in names where name.contains(".h") && name.hasSuffix(".nc") {
            files[name] = FileManager.default.contents(atPath: directory + "/" + name)
        }
        return files
    }

    /// Runs `namelist` on `ranks` ranks in `dir`, expecting success.
    private func run(_ namelist: ConfigurationNamelist, ranks: Int, in dir: TemporaryDirectory, name: String) throws {
        let path = dir.write(name, namelist.text)
        let result = Job.mpirun(ranks: ranks, "coupled-driver", [path, "--rundir", dir.path], timeout: 120)
        #expect(result.exitCode == 0 && !result.timedOut, "\(name) on \(ranks) ranks failed: \(result.output)")
        try #require(result.exitCode == 0)
    }

    /// Expects `files` to be the straight run's history files, byte for byte.
    private func expectStraightHistory(_ files: [String: Data], _ what: String) throws {
        let straight = try Self.straightRun.get()
        #expect(straight.count == 5, "one history file per component and the coupler: \(straight.keys.sorted())")
        #expect(files.keys.sorted() == straight.keys.sorted())
        for (name, data) in straight.sorted(by: { $0.key < $1.key }) {
            #expect(files[name] == data, "\(name) of \(what) differs from the straight run on 1 rank")
        }
    }

    @Test("the C ocean and the Fortran land give the same history on 1 and 4 ranks")
    func layoutInvariance() throws {
        let build = try PluginBuild.shared.get()
        let dir = TemporaryDirectory("plugins-4")
        let pes = ["atm": (4, 1, 0, 1), "lnd": (3, 1, 1, 1), "ice": (2, 1, 0, 1), "ocn": (3, 1, 0, 1), "cpl": (4, 1, 0, 1)]
        try run(Self.namelist(build, hours: 24, pes: pes), ranks: 4, in: dir, name: "four.nml")
        try expectStraightHistory(Self.historyFiles(in: dir.path), "the run on 4 ranks")
        let ocean = try #require(dir.read("cocean.log")), land = try #require(dir.read("fland.log"))
        #expect(ocean.contains("cocean: 43481 ocean points of 64800"), "\(ocean)")
        #expect(ocean.contains("cocean: warmest mixed layer at the end"))
        #expect(land.contains("fland: grid 192 x 94"), "\(land)")
        #expect(land.contains(" cells with land at the last run"))
        let log = try #require(dir.read("lnd.log"))
        #expect(log.contains("LND: plug-in \(build.land) (ABI version 2)") && log.contains("points chosen by the plug-in"), "\(log)")
        // The Fortran land's own history variable (ABI version 2, through the Fortran module).
        let landHistory = try #require(Self.historyFiles(in: dir.path).first { $0.key.contains(".lnd.h.") }?.value)
        #expect(landHistory.range(of: Data("state_surface_heating".utf8)) != nil && landHistory.range(of: Data("W m-2".utf8)) != nil)
    }

    @Test("a run continued from a restart on another layout ends where a straight run ends")
    func restart() throws {
        let build = try PluginBuild.shared.get()
        let dir = TemporaryDirectory("plugins-chunked")
        let first = ["atm": (3, 1, 0, 1), "lnd": (2, 1, 1, 1), "ice": (3, 1, 0, 1), "ocn": (3, 1, 0, 1), "cpl": (2, 1, 0, 2)]
        try run(Self.namelist(build, hours: 12, pes: first, restartAtEnd: true), ranks: 3, in: dir, name: "first.nml")
        #expect(dir.exists("plugins.ocn.r.0001-01-01-43200.nc") && dir.exists("plugins.lnd.r.0001-01-01-43200.nc"))
        let second = ["atm": (2, 1, 0, 1), "lnd": (1, 1, 1, 1), "ice": (2, 1, 0, 1), "ocn": (1, 1, 0, 1), "cpl": (2, 1, 0, 1)]
        try run(Self.namelist(build, hours: 12, pes: second, continuing: true), ranks: 2, in: dir, name: "second.nml")
        try expectStraightHistory(Self.historyFiles(in: dir.path), "the run in two halves")
        #expect(dir.read("cocean.log")?.contains("cocean: continuing from a restart") == true)
        #expect(dir.read("fland.log")?.contains("fland: continuing from a restart") == true)
    }

    @Test("a plug-in built for ABI version 1 loads and runs unchanged: every other component's history is the version-2 run's")
    func version1() throws {
        let build = try PluginBuild.shared.get()
        let straight = try Self.straightRun.get()
        var namelist = Self.namelist(build, hours: 24, pes: Self.allOn(1))
        namelist.set("ocn", "'plugin:\(build.oceanVersion1)'", in: "components")
        let dir = TemporaryDirectory("plugins-abi1")
        try run(namelist, ranks: 1, in: dir, name: "abi1.nml")
        #expect(dir.read("ocn.log")?.contains("plug-in \(build.oceanVersion1) (ABI version 1)") == true, "\(dir.read("ocn.log") ?? "")")
        let files = Self.historyFiles(in: dir.path)
        #expect(files.keys.sorted() == straight.keys.sorted())
        for (name, data) in straight.sorted(by: { $0.key < $1.key }) where [".atm.", ".lnd.", ".ice."].contains(where: name.contains) {
            #expect(files[name] == data, "\(name) of the version-1 ocean's run differs from the version-2 run")
        }
        // The version-2 ocean's own field and history variable are its alone.
        let ocean = try #require(files.first { $0.key.contains(".ocn.h.") }?.value)
        #expect(ocean.range(of: Data("So_steric".utf8)) == nil && ocean.range(of: Data("relaxation_heating".utf8)) == nil)
        let versionTwo = try #require(straight.first { $0.key.contains(".ocn.h.") }?.value)
        #expect(versionTwo.range(of: Data("So_steric".utf8)) != nil && versionTwo.range(of: Data("relaxation_heating".utf8)) != nil)
    }

    @Test("coupled-driver check loads the plug-ins")
    func check() throws {
        let build = try PluginBuild.shared.get()
        let dir = TemporaryDirectory("plugins-check")
        let path = dir.write("plugins.nml", Self.namelist(build, hours: 1, pes: Self.allOn(2)).text)
        let result = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "2", "--picture", dir.path + "/layout.svg"])
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(result.standardOutput.contains("plugin:\(build.ocean)"))
    }

    /// A library that cannot be a plug-in, and what the message must say.
    struct Unloadable: Sendable, CustomTestStringConvertible {
        let library: @Sendable (PluginBuild) -> String
        let expected: [String]
        let testDescription: String
    }

    @Test("a library that is missing, lacks a function or has another ABI version is refused by check and by the run on every rank",
          arguments: [
              Unloadable(library: { $0.directory + "/libmissing.so" }, expected: ["cannot be loaded", "No such file"],
                         testDescription: "missing library"),
              Unloadable(library: \.withoutRun, expected: ["does not export the required function 'cdc_run'"],
                         testDescription: "no cdc_run"),
              Unloadable(library: \.otherVersion, expected: ["ABI version 3", "this driver loads versions 1 and 2"],
                         testDescription: "ABI version 3"),
          ])
    func unloadable(_ bad: Unloadable) throws {
        let build = try PluginBuild.shared.get()
        let library = bad.library(build)
        var namelist = Self.namelist(build, hours: 1, pes: Self.allOn(2))
        namelist.set("ocn", "'plugin:\(library)'", in: "components")
        let dir = TemporaryDirectory("plugins-unloadable")
        let path = dir.write("bad.nml", namelist.text)
        let check = Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "2", "--picture", dir.path + "/layout.svg"])
        let run = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", dir.path + "/run"], timeout: 60)
        #expect(!run.timedOut)
        for (what, result) in [("check", check), ("the run", run)] {
            #expect(result.exitCode != 0, "\(what) succeeded")
            #expect(result.standardError.contains("bad.nml:"), "\(what): \(result.standardError)")
            #expect(result.standardError.contains("ocean model 'plugin:\(library)' (ocn in &components): plug-in \(library)"),
                    "\(what): \(result.standardError)")
            for text in bad.expected { #expect(result.standardError.contains(text), "\(what): \(result.standardError)") }
        }
    }

    /// Runs `namelist` on 2 ranks, expecting a failure that ends the job, and returns its error output.
    private func failingRun(_ namelist: ConfigurationNamelist) -> String {
        let dir = TemporaryDirectory("plugins-failing")
        let path = dir.write("failing.nml", namelist.text)
        let result = Job.mpirun(ranks: 2, "coupled-driver", [path, "--rundir", dir.path], timeout: 60)
        #expect(!result.timedOut, "the job hung")
        #expect(result.exitCode != 0, "the job succeeded: \(result.output)")
        return result.standardError
    }

    /// The examples' namelist with the bad plug-in as the ocean in `mode`.
    private func badOcean(_ build: PluginBuild, mode: String) -> ConfigurationNamelist {
        var namelist = Self.namelist(build, hours: 2, pes: Self.allOn(2))
        namelist.set("ocn", "'plugin:\(build.bad)'", in: "components")
        namelist.replaceGroup("ocn_plugin_nml", with: "&ocn_plugin_nml\n  grid_file = '\(Repository.path("mapping-weights/grid_1deg_ocean.nc"))'\n  mode = '\(mode)'\n/")
        return namelist
    }

    /// A bad plug-in mode and what the job's error says.
    struct BadFields: Sendable, CustomTestStringConvertible {
        let mode: String
        let expected: @Sendable (PluginBuild) -> [String]
        var testDescription: String { mode }
    }

    @Test("a plug-in exporting a field the coupler does not know, or declaring fields it cannot use, ends the job naming them", arguments: [
        BadFields(mode: "unknown_export") { build in
            ["the coupling set-up failed during initialization",
             "ocn (model 'plugin:\(build.bad)') exports 'So_tt', which no exchange-table entry declares as an export of ocn"]
        },
        BadFields(mode: "redeclare") { _ in
            ["the coupling set-up failed during initialization",
             "ocn declares the field 'So_t', which the standard table declares otherwise"]
        },
        BadFields(mode: "no_kind") { build in
            ["ocn (model 'plugin:\(build.bad)') failed on world rank", "cdc_initialize: field 1 ('So_x') has kind 0: CDC_STATE (1) or CDC_FLUX (2)"]
        },
        BadFields(mode: "history_without_function") { build in
            ["plug-in \(build.bad): names history variables but does not export cdc_history"]
        },
    ])
    func badFields(_ bad: BadFields) throws {
        let build = try PluginBuild.shared.get()
        let error = failingRun(badOcean(build, mode: bad.mode))
        for expected in bad.expected(build) { #expect(error.contains(expected), "\(error)") }
    }

    @Test("an error a plug-in returns ends the job with its message, the phase and the model time")
    func errorReturned() throws {
        let build = try PluginBuild.shared.get()
        let error = failingRun(badOcean(build, mode: "fail_run"))
        #expect(error.contains("ocn (model 'plugin:\(build.bad)') failed on world rank"), "\(error)")
        #expect(error.contains("during run at model time 0001-01-01-03600"))
        #expect(error.contains("cdc_run failed (returned 7): the ocean boiled at 0001-01-01 second 3600"))
    }

    @Test("a plug-in whose points do not fit the grid ends the job", arguments: [95, 93])
    func gridMismatch(rows: Int) throws {
        let build = try PluginBuild.shared.get()
        var namelist = Self.namelist(build, hours: 1, pes: Self.allOn(2))
        namelist.set("nj", "\(rows)", in: "lnd_plugin_nml")
        let error = failingRun(namelist)
        #expect(error.contains("lnd (model 'plugin:\(build.land)') failed on world rank"), "\(error)")
        #expect(error.contains("plug-in \(build.land): its points: "))
        #expect(error.contains(rows > 94 ? "outside the grid of 18048 points" : "belong to no task"), "\(error)")
    }

    @Test("the Fortran module mirrors every field of the C header at the same offset")
    func fortranMirror() throws {
        let layout: [(String, [String])] = [
            ("cdc_time", ["year", "month", "day", "second"]),
            ("cdc_init_args", ["comm", "threads", "start", "stop", "coupling_interval", "namelist", "namelist_length", "kind", "calendar",
                               "case_name", "namelist_directory", "run_directory"]),
            ("cdc_field", ["name", "long_name", "units", "kind", "importers", "merge"]),
            ("cdc_variable", ["name", "long_name", "units"]),
            ("cdc_setup", ["instance", "points", "point_count", "grid_file", "exports", "imports", "restart_fields", "field_count", "fields",
                           "history_count", "history"]),
            ("cdc_domain", ["global_size", "ni", "nj", "local_size", "points", "lon", "lat", "area", "mask"]),
            ("cdc_error", ["message"]),
        ]
        let dir = TemporaryDirectory("plugins-mirror")
        var c = "#include <stddef.h>\n#include <stdio.h>\n#include \"coupled_driver_component.h\"\nint main(void) {\n"
        var fortran = "program offsets\n  use, intrinsic :: iso_c_binding\n  use coupled_driver_component\n  implicit none\n"
        for (type, _) in layout { fortran += "  type(\(type)), target :: v_\(type)\n" }
        for (type, fields) in layout {
            for field in fields {
                c += "  printf(\"\(type) \(field) %zu\\n\", offsetof(\(type), \(field)));\n"
                fortran += "  call show('\(type) \(field)', c_loc(v_\(type)), c_loc(v_\(type)%\(field)))\n"
            }
            c += "  printf(\"\(type) size %zu\\n\", sizeof(\(type)));\n"
            fortran += "  print '(a, i0)', '\(type) size ', c_sizeof(v_\(type))\n"
        }
        c += "  return 0;\n}\n"
        fortran += """
            contains
              subroutine show(name, base, field)
                character(len=*), intent(in) :: name
                type(c_ptr), intent(in) :: base, field
                print '(a, 1x, i0)', name, transfer(field, 0_c_intptr_t) - transfer(base, 0_c_intptr_t)
              end subroutine show
            end program offsets

            """
        dir.write("offsets.c", c)
        dir.write("offsets.f90", fortran)
        let include = Repository.path("include")
        let cBuild = Job.run("/usr/bin/cc", ["-I", include, "-o", dir.path + "/c-offsets", dir.path + "/offsets.c"])
        let fBuild = Job.run("/usr/bin/gfortran", ["-J", dir.path, "-o", dir.path + "/f-offsets", include + "/coupled_driver_component.f90",
                                                   dir.path + "/offsets.f90"])
        try #require(cBuild.exitCode == 0, "\(cBuild.output)")
        try #require(fBuild.exitCode == 0, "\(fBuild.output)")
        let fromC = Job.run(dir.path + "/c-offsets", []).standardOutput
        let fromFortran = Job.run(dir.path + "/f-offsets", []).standardOutput
        #expect(fromC.split(separator: "\n").count == layout.reduce(0) { $0 + $1.1.count + 1 })
        #expect(fromFortran == fromC, "C:\n\(fromC)\nFortran:\n\(fromFortran)")
    }
}

/// The straight run of the examples failed.
struct PluginRunFailure: Error, CustomStringConvertible {
    let output: String
    var description: String { "the straight run with the plug-ins failed: \(output)" }
}
