import Coupling
import Driver
import Foundation
import LoadBalancing
import Testing
import TestSupport

/// The run sequence has one definition: the events each rank of a real run recorded (written
/// into `timing/timing.json` by the driver) are exactly the predictor's walk of the sequence the
/// same run reported, rank by rank and step by step.
@Suite("Recorded run sequence", .serialized)
struct RecordedSequenceTests {
    /// The default configuration for 12 hours on `ranks` ranks with `layout` (tasks, threads,
    /// root, stride per component) or every component on every rank, without history or restart.
    private func runDefault(option: SequenceOption, ranks: Int, layout: [String: (Int, Int, Int, Int)]?) throws -> TimingReport {
        var namelist = ConfigurationNamelist("default")
        if let layout { namelist.layout(layout) } else { namelist.allOn(ranks: ranks) }
        namelist.set("stop_option", "'nhours'", in: "seq_timemgr_inparm")
        namelist.set("stop_n", "12", in: "seq_timemgr_inparm")
        namelist.set("history_option", "'never'", in: "seq_timemgr_inparm")
        namelist.set("cpl_seq_option", "'\(option.rawValue)'", in: "seq_infodata_inparm")
        let folder = TemporaryDirectory("recorded-sequence")
        let path = folder.write("run.nml", namelist.text)
        let result = Job.mpirun(ranks: ranks, "coupled-driver", [path, "--rundir", folder.path + "/run"])
        try #require(result.exitCode == 0 && !result.timedOut, "\(result.output)")
        return try TimingReport.read(from: folder.path + "/run")
    }

    private func expectRecordedEqualsPredicted(_ report: TimingReport, option: SequenceOption) throws {
        let sequence = try #require(report.sequence)
        let events = try #require(report.events)
        #expect(sequence.option == option)
        let layout = report.layout
        let predictor = TimelinePredictor(sequence: sequence, costs: [:])
        let roots = Set(layout.components.map { layout[$0].rootRank })
        #expect(Set(events.map(\.rank)) == roots, "every group's root rank records its events")
        for rank in roots {
            let steps = events.filter { $0.rank == rank }.map(\.step)
            #expect(steps.count >= 2 * sequence.cycleSteps && steps == Array(steps.first! ..< steps.first! + steps.count),
                    "rank \(rank) recorded whole consecutive cycles: \(steps)")
        }
        for recorded in events {
            let predicted = sequence.events(atStep: recorded.step).filter { predictor.participants(of: $0, in: layout).contains(recorded.rank) }
            #expect(recorded.events == predicted.map(\.description), "rank \(recorded.rank), step \(recorded.step)")
        }
    }

    @Test("every component on every rank", arguments: SequenceOption.allCases)
    func sequential(option: SequenceOption) throws {
        try expectRecordedEqualsPredicted(try runDefault(option: option, ranks: 2, layout: nil), option: option)
    }

    @Test("a concurrent ocean, land and ice side by side, the coupler on its own rank", arguments: SequenceOption.allCases)
    func concurrent(option: SequenceOption) throws {
        let layout = ["atm": (2, 1, 0, 1), "lnd": (1, 1, 0, 1), "rof": (1, 1, 0, 1), "ice": (1, 1, 1, 1), "ocn": (1, 1, 3, 1), "cpl": (1, 1, 2, 1)]
        let report = try runDefault(option: option, ranks: 4, layout: layout)
        try expectRecordedEqualsPredicted(report, option: option)
        // The ocean's root sees only its own exchanges and runs: it is not waiting on the others' work.
        let ocean = (report.events ?? []).filter { $0.rank == 3 }.flatMap(\.events)
        #expect(!ocean.isEmpty && ocean.allSatisfy { $0.contains("ocn") || $0 == "advance clock" }, "\(ocean)")
    }
}
