import Coupling
import Namelist

/// Reads the processor layout from `&cime_pes` (CESM keys `atm_ntasks`, `atm_nthreads`,
/// `atm_rootpe`, `atm_pestride`, ... for atm, lnd, rof, ice, ocn, glc, wav and cpl; defaults:
/// every rank, 1 thread, root 0, stride 1) and checks it against `worldSize` ranks, reporting
/// every problem at the key that causes it.
///
/// The layout places the coupler, every component that runs a model, and every stub whose
/// layout `&cime_pes` gives (so a CESM `drv_in` that places its stubs draws them where it
/// says); any other stub is not laid out: it has no ranks. `running` names the components that
/// run a model.
func readLayout(_ reader: NamelistGroupReader, worldSize: Int, running: Set<ComponentKind>, file: String,
                collector: DiagnosticCollector) -> ProcessorLayout {
    var sets = [ComponentKind: ProcessorSet]()
    for kind in ComponentKind.all {
        let c = kind.rawValue
        let keys = ["ntasks", "nthreads", "rootpe", "pestride"].map { "\(c)_\($0)" }
        let set = ProcessorSet(ntasks: reader.integer(keys[0], default: worldSize), nthreads: reader.integer(keys[1], default: 1),
                               rootRank: reader.integer(keys[2], default: 0), stride: reader.integer(keys[3], default: 1))
        if kind == .cpl || running.contains(kind) || keys.contains(where: reader.isSet) { sets[kind] = set }
    }
    let layout = ProcessorLayout(sets: sets)
    for problem in layout.problems(worldSize: worldSize) {
        let location = problem.key.flatMap { reader.location(of: $0) }
            ?? TextLocation(file: file, line: 0, column: 0)
        collector.report(Diagnostic("impossible processor layout: \(problem.message)", at: location.line > 0 ? location : nil))
    }
    return layout
}
