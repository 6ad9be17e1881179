import TestSupport
import Coupling

/// A namelist for driver tests: a processor layout, coupling intervals, a run length and
/// the test component everywhere. `expectedCalls(onRank:)` works out independently of the
/// driver which calls each rank's test components must record.
struct TestNamelist {
    var pes: [ComponentKind: ProcessorSet]
    var intervals: [ComponentKind: Int] = [.atm: 1800, .lnd: 1800, .ice: 3600, .ocn: 3600]
    var stopOption = "nhours"
    var stopN = 4
    /// More `&seq_timemgr_inparm` settings (`history_option = 'nhours', history_n = 2`).
    var timeSettings = ""
    var models: [ComponentKind: String] = [.atm: "test", .lnd: "test", .ice: "test", .ocn: "test"]
    var extraGroups = ""

    /// atm, lnd, ice, ocn and cpl on every rank unless `pes` says otherwise; a kind `pes` adds
    /// (rof, glc, wav) is laid out too.
    init(worldSize: Int, pes: [ComponentKind: ProcessorSet] = [:]) {
        var all = pes
        for kind in [ComponentKind.atm, .lnd, .ice, .ocn, .cpl] where all[kind] == nil { all[kind] = ProcessorSet(ntasks: worldSize) }
        self.pes = all
    }

    var text: String {
        var lines = ["! written by a driver test", "&cime_pes"]
        for kind in pes.keys.sorted() {
            let p = pes[kind]!
            let c = kind.rawValue
            lines.append("  \(c)_ntasks = \(p.ntasks), \(c)_nthreads = \(p.nthreads), \(c)_rootpe = \(p.rootRank), \(c)_pestride = \(p.stride)")
        }
        lines.append("/")
        lines.append("&seq_timemgr_inparm")
        lines.append("  calendar = 'NO_LEAP', start_ymd = 10101, start_tod = 0")
        for kind in intervals.keys.sorted() { lines.append("  \(kind.rawValue)_cpl_dt = \(intervals[kind]!)") }
        lines.append("  stop_option = '\(stopOption)', stop_n = \(stopN)")
        if !timeSettings.isEmpty { lines.append("  " + timeSettings) }
        lines.append("/")
        lines.append("&seq_infodata_inparm case_name = 'drivertest' /")
        lines.append("&components")
        for kind in models.keys.sorted() { lines.append("  \(kind.rawValue) = '\(models[kind]!)'") }
        lines.append("/")
        return lines.joined(separator: "\n") + "\n" + extraGroups
    }

    var stopSeconds: Int {
        switch stopOption {
        case "nhours": stopN * 3600
        case "ndays": stopN * 86_400
        default: fatalError("test namelists use nhours or ndays")
        }
    }

    /// The lines the test components on world rank `rank` must record, in order.
    func expectedCalls(onRank rank: Int) -> [String] {
        func date(_ seconds: Int) -> String {
            let day = 1 + seconds / 86_400
            return "0001-01-" + (day < 10 ? "0\(day)" : "\(day)") + "-" + String(repeating: "0", count: 5 - "\(seconds % 86_400)".count) + "\(seconds % 86_400)"
        }
        let mine = ComponentKind.models.filter { pes[$0]?.contains(rank: rank) == true && models[$0] == "test" }
        func suffix(_ kind: ComponentKind) -> String {
            let p = pes[kind]!
            return "task=\(p.task(ofRank: rank)!)/\(p.ntasks) threads=\(p.nthreads)"
        }
        var lines = mine.map { "\($0) initialize \(date(0)) \(suffix($0))" }
        let step = intervals.values.min()!
        for t in stride(from: 0, to: stopSeconds, by: step) {
            for kind in [ComponentKind.ocn, .lnd, .ice, .atm] where mine.contains(kind) && t % intervals[kind]! == 0 {
                lines.append("\(kind) run \(date(t)) \(date(t + intervals[kind]!)) \(suffix(kind))")
            }
        }
        lines += mine.map { "\($0) finalize  \(suffix($0))" }
        return lines
    }
}
