import Components
import Foundation
import LoadBalancing
import Testing
import TestSupport

/// The Swift API of ensembles: `EnsembleRunner.results` in completion order, structured clean-up
/// when the caller leaves early, and the calibration example of docs/ensembles.md run for real.
@Suite("EnsembleRunner", .serialized)
struct EnsembleRunnerTests {
    /// The default configuration on one rank for 3 hours, history at the end and no restarts:
    /// about a second per run.
    static func tinyNamelist(in folder: TemporaryDirectory) -> String {
        var namelist = ConfigurationNamelist("default")
        namelist.allOn(ranks: 1)
        namelist.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
        namelist.set("stop_n", "3", in: "seq_timemgr_inparm")
        namelist.set("history_option", "'end'", in: "seq_timemgr_inparm")
        return folder.write("tiny.nml", namelist.text)
    }

    @Test("the calibration example moves the cloud albedo to the value that produced the target")
    func calibration() async throws {
        let folder = TemporaryDirectory("calibration")
        let namelist = Self.tinyNamelist(in: folder)
        let executable = Job.product("coupled-driver")
        // The target: the surface shortwave of a run with the albedo the calibration must find.
        let truth = 0.45
        let definition = EnsembleDefinition(namelist: namelist, memberCount: 1,
                                            settings: [EnsembleSetting(group: "slab_atm_nml", key: "cloud_albedo", source: .values(["\(truth)"]))],
                                            executable: executable, resources: JobResources(ranks: 1, wallTimeSeconds: 600))
        let reference = try Ensemble.create(definition, in: folder.path + "/truth", registry: .builtIn)
        let status = try await LocalBackend().withStarted { try await EnsembleRunner(ensemble: reference, backend: $0).run() }
        #expect(status.members.map(\.state) == [.completed])
        let target = try surfaceShortwave(in: reference.members[0].runDirectory)

        let means = try await calibrateCloudAlbedo(namelist: namelist, target: target, folder: folder.path + "/calibration", executable: executable)
        print("cloud albedo: \(means.map { String(format: "%.6f", $0) }.joined(separator: " -> ")), truth \(truth)")
        #expect(means.count == 3)
        #expect(abs(means.last! - truth) < abs(means.first! - truth) / 100, "\(means)")
        // The members of each iteration ran with the albedo the update gave them.
        let second = try EnsembleStatus.read(from: folder.path + "/calibration/iteration_2/ensemble.json")
        let albedos = second.members.map { Double($0.member.values["slab_atm_nml.cloud_albedo"]!)! }
        #expect(abs(albedos.mean - means[1]) < 1e-12)
    }

    @Test("docs/ensembles.md shows the calibration example as the tests run it")
    func documentedExample() throws {
        let source = Repository.text("Tests/LoadBalancingTests/Ensemble/CalibrationExample.swift")
        let start = try #require(source.range(of: "func calibrateCloudAlbedo"))
        let end = try #require(source.range(of: "\n}\n", range: source.range(of: "func surfaceShortwave")!.upperBound ..< source.endIndex))
        let example = String(source[start.lowerBound ..< end.upperBound])
        let docs = Repository.text("docs/ensembles.md")
        #expect(docs.contains(example), "docs/ensembles.md must show CalibrationExample.swift from calibrateCloudAlbedo to the end of surfaceShortwave")
    }

    @Test("results come in completion order; leaving the loop early cancels the members still running, and stopping the backend waits for them")
    func structuredCleanUp() async throws {
        let folder = TemporaryDirectory("runner-cleanup")
        let namelist = folder.write("ens.nml", EnsembleCommandTests.namelist(days: 40))
        // Member 1 runs 1 day, member 2 runs 40: member 1 ends first.
        let definition = EnsembleDefinition(namelist: namelist, memberCount: 2,
                                            settings: [EnsembleSetting(group: "seq_timemgr_inparm", key: "stop_n", source: .values(["1", "40"]))],
                                            executable: Job.product("coupled-driver"), resources: JobResources(ranks: 1, wallTimeSeconds: 600))
        let ensemble = try Ensemble.create(definition, in: folder.path + "/out", registry: .builtIn)
        let first = try await MPIRunBackend(cores: 2).withStarted { backend in
            var first: MemberResult?
            for try await result in EnsembleRunner(ensemble: ensemble, backend: backend).results {
                first = result
                break
            }
            return first
        }
        #expect(first?.member.number == 1 && first?.succeeded == true)
        // When withStarted returns, member 2's job has ended and nothing of it runs.
        #expect(EnsembleCommandTests.processes(naming: folder.path + "/out/member_0002").isEmpty)
        let record = try JobRecord.read(from: folder.path + "/out/member_0002/job/record.json")
        #expect(record.status == .cancelled)
        // The ensemble's own task, cancelled when the loop was left, marks member 2 interrupted
        // once it has seen its job end.
        var states = [MemberState]()
        for _ in 0 ..< 100 {
            states = try EnsembleStatus.read(from: folder.path + "/out/ensemble.json").members.map(\.state)
            if states == [.completed, .interrupted] { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(states == [.completed, .interrupted])
    }
}
