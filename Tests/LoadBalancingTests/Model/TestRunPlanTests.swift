import Coupling
import LoadBalancing
import Testing

@Suite("Test-run plan")
struct TestRunPlanTests {
    /// The components a four-model namelist lays out.
    private let laidOut: [ComponentKind] = [.atm, .lnd, .ice, .ocn, .cpl]

    @Test("default sizes: powers of two below N, then N", arguments: [
        (1, [1]), (2, [1, 2]), (3, [1, 2, 3]), (5, [1, 2, 4, 5]), (16, [1, 2, 4, 8, 16]), (24, [1, 2, 4, 8, 16, 24]),
    ])
    func defaultSizes(totalTasks: Int, expected: [Int]) {
        #expect(TestRunPlan.defaultSizes(totalTasks: totalTasks) == expected)
    }

    @Test("at least 3 distinct sizes whenever N ≥ 3, always including N")
    func ladder() {
        for n in 3 ... 300 {
            let sizes = TestRunPlan.defaultSizes(totalTasks: n)
            #expect(Set(sizes).count >= 3 && sizes.last == n && sizes == sizes.sorted())
        }
    }

    @Test("default plan: every component on the same s ranks from rank 0, threads kept")
    func defaultPlan() throws {
        let plan = try TestRunPlan(totalTasks: 12, components: laidOut, threads: [.atm: 2, .ocn: 4])
        #expect(plan.runs.map(\.ranks) == [1, 2, 4, 8, 12])
        for run in plan.runs {
            #expect(run.layout.problems(worldSize: run.ranks).isEmpty)
            #expect(run.layout.components == laidOut)
            for kind in laidOut {
                #expect(run.layout[kind] == ProcessorSet(ntasks: run.ranks, nthreads: kind == .atm ? 2 : kind == .ocn ? 4 : 1, rootRank: 0, stride: 1))
            }
        }
    }

    @Test("user sizes override; runs are the union of sizes, each component on its largest size not above the run's")
    func userSizes() throws {
        let plan = try TestRunPlan(totalTasks: 16, components: laidOut, absent: [.lnd], requestedSizes: [.atm: [16, 4, 8, 8]])
        #expect(plan.sizes[.atm] == [4, 8, 16])
        #expect(plan.sizes[.ocn] == [1, 2, 4, 8, 16])
        #expect(plan.sizes[.lnd] == nil)
        let expected: [(ranks: Int, atm: Int, others: Int)] = [(4, 4, 1), (4, 4, 2), (4, 4, 4), (8, 8, 8), (16, 16, 16)]
        #expect(plan.runs.count == expected.count)
        for (run, want) in zip(plan.runs, expected) {
            #expect(run.ranks == want.ranks && run.tasks(of: .atm) == want.atm)
            #expect([ComponentKind.ice, .ocn, .cpl].allSatisfy { run.tasks(of: $0) == want.others })
            #expect(run.layout[.lnd] == ProcessorSet(ntasks: 1))
            #expect(run.layout.problems(worldSize: run.ranks).isEmpty)
            #expect(run.layout.components.allSatisfy { run.layout[$0].rootRank == 0 && run.layout[$0].stride == 1 })
        }
        // Every component is measured at each of its sizes, and at nothing else.
        for (kind, sizes) in plan.sizes {
            #expect(Set(plan.runs.map { $0.tasks(of: kind) }) == Set(sizes))
        }
    }

    @Test("identical runs are made once")
    func merging() throws {
        let plan = try TestRunPlan(totalTasks: 8, components: laidOut, requestedSizes: [.atm: [8], .lnd: [8], .ice: [8], .ocn: [8], .cpl: [2, 8]])
        #expect(plan.runs.map(\.ranks) == [8, 8])
        #expect(plan.runs.map { $0.tasks(of: .cpl) } == [2, 8])
    }

    @Test("impossible requests are refused")
    func errors() {
        #expect(throws: TestRunPlanError.self) { try TestRunPlan(totalTasks: 0, components: laidOut) }
        #expect(throws: TestRunPlanError.self) { try TestRunPlan(totalTasks: 8, components: laidOut, requestedSizes: [.atm: [16]]) }
        #expect(throws: TestRunPlanError.self) { try TestRunPlan(totalTasks: 8, components: laidOut, requestedSizes: [.atm: [0, 4]]) }
        #expect(throws: TestRunPlanError.self) { try TestRunPlan(totalTasks: 8, components: laidOut, requestedSizes: [.atm: []]) }
        #expect(throws: TestRunPlanError.self) { try TestRunPlan(totalTasks: 8, components: laidOut, absent: [.lnd], requestedSizes: [.lnd: [2]]) }
        #expect(throws: TestRunPlanError.self) { try TestRunPlan(totalTasks: 8, components: laidOut, absent: [.cpl]) }
        #expect(throws: TestRunPlanError.self) { try TestRunPlan(totalTasks: 8, components: laidOut, threads: [.atm: 0]) }
        // A stub the namelist does not lay out takes no sizes.
        #expect(throws: TestRunPlanError.self) { try TestRunPlan(totalTasks: 8, components: laidOut, requestedSizes: [.rof: [2]]) }
    }
}
