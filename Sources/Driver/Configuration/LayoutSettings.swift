import Coupling
import Namelist

/// Reads the processor layout from `&cime_pes` (CESM keys `atm_ntasks`, `atm_nthreads`,
/// `atm_rootpe`, `atm_pestride`, ... for atm, lnd, ice, ocn, cpl; defaults: every rank,
/// 1 thread, root 0, stride 1) and checks it against `worldSize` ranks, reporting every
/// problem at the key that causes it.
func readLayout(_ reader: NamelistGroupReader, worldSize: Int, file: String, collector: DiagnosticCollector) -> ProcessorLayout {
    var sets = [ComponentKind: ProcessorSet]()
    for kind in ComponentKind.all {
        let c = kind.rawValue
        sets[kind] = ProcessorSet(ntasks: reader.integer("\(c)_ntasks", default: worldSize),
                                  nthreads: reader.integer("\(c)_nthreads", default: 1),
                                  rootRank: reader.integer("\(c)_rootpe", default: 0),
                                  stride: reader.integer("\(c)_pestride", default: 1))
    }
    let layout = ProcessorLayout(sets: sets)
    for problem in layout.problems(worldSize: worldSize) {
        let location = problem.key.flatMap { reader.location(of: $0) }
            ?? TextLocation(file: file, line: 0, column: 0)
        collector.report(Diagnostic("impossible processor layout: \(problem.message)", at: location.line > 0 ? location : nil))
    }
    return layout
}
