import Coupling
import MPI
import TimeManager

extension CoupledRun {
    /// Writes a restart set at the current time: each component's file on its ranks, the
    /// coupler's on its ranks, each under a temporary name; then rank 0 publishes the set
    /// (renames, then replaces `rpointer.drv`). Collective over the job.
    func writeRestartSet() throws(RunFailure) {
        let time = "\(clock.currentDate)"
        guard let plan else { return }
        let present = ComponentKind.models.filter { plan.summary($0) != nil }
        let misaligned = present.filter { (clock.currentTime - clock.startTime) % configuration.time.couplingIntervals[$0]! != 0 }
        if !misaligned.isEmpty {
            throw RunFailure(what: "the restart at \(time)", phase: "restart write", worldRank: groups.world.rank, modelTime: time,
                             reason: "it falls inside a coupling interval of \(misaligned.map(\.rawValue).joined(separator: ", ")): "
                                + "restarts must come where every component ends an interval", sharedByAllRanks: true)
        }
        let set = RestartSet(caseName: configuration.run.caseName, date: clock.currentDate, kinds: present, instance: configuration.instance)
        try timers.time("restart write") { () throws(RunFailure) in
            for kind in ComponentKind.models {
                guard let instance = instances[kind], let file = set.components[kind] else { continue }
                watchdog?.doing("writing \(file)\(RestartSet.temporarySuffix) with the other ranks of \(kind.rawValue) "
                    + "(world ranks \(configuration.layout[kind].rankSummary))")
                try call(instance, phase: "restart write") {
                    let writer = RestartWriter(communicator: instance.context.communicator, domain: instance.setup.domain)
                    try instance.model.writeRestart(writer, context: instance.context)
                    try writer.write(to: resolve(file + RestartSet.temporarySuffix, against: runDirectory),
                                     title: "coupled-driver \(kind.rawValue) restart (model '\(instance.context.modelName)')")
                }
            }
            watchdog?.doing("writing \(set.coupler)\(RestartSet.temporarySuffix) with the coupler's ranks, then publishing the set on all ranks")
            do {
                try coupler?.saveRestart(to: resolve(set.coupler + RestartSet.temporarySuffix, against: runDirectory),
                                         metadata: RestartMetadata(configuration: configuration, plan: plan),
                                         currentTime: clock.currentTime, budgets: budgets)
                try groups.world.barrier()
                if groups.world.rank == 0 { try set.publish(in: runDirectory) }
                try groups.world.barrier()
            } catch {
                throw RunFailure(what: "the coupler", phase: "restart write", worldRank: groups.world.rank, modelTime: time, reason: "\(error)")
            }
        }
        couplerLog.write("wrote restart set \(set.files.joined(separator: ", ")) and \(set.pointerName)")
    }
}
