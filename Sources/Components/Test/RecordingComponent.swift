import Coupling
import Namelist
import MPI
import TimeManager
#if canImport(Glibc)
import Glibc
#endif

/// A component for testing the driver (`atm = 'test'`, for any kind): it exports fields with values
/// that depend only on the global point, the field and the model time, and records every
/// call it receives (component, phase, times, task, threads) in
/// `calls.rank<world rank>.txt` in the run directory, so tests can check the calling
/// order, the clock and the group membership. Namelist group `&test_component_nml` can
/// make it fail on purpose (throw, hang or die in a chosen phase, call and rank), set each
/// kind's grid size (`rof_nlat`, `rof_nlon`; default `nlat`, `nlon`) and the fields it exports
/// and imports (`rof_exports`, `rof_imports`), put a NaN in an export, and add to its exports a count of
/// its run calls that a restart does not keep (a model that cannot restart exactly).
public final class RecordingComponent: Component {
    /// Settings from `&test_component_nml`.
    struct Settings {
        var nlat: Int
        var nlon: Int
        var failComponent: String
        var failPhase: String
        var failRank: Int
        var failCall: Int
        var failMode: String
        var countInExports: Bool
        var exports: [String]
        var imports: [String]
        var nanField: String
        var nanCall: Int
    }

    private var settings = Settings(nlat: 4, nlon: 8, failComponent: "", failPhase: "run", failRank: -1, failCall: 1, failMode: "error",
                                    countInExports: false, exports: [], imports: [], nanField: "", nanCall: 1)
    private var record: LogFile?
    private var worldRank = 0
    /// How often each phase has been called in this process.
    private var calls: [String: Int] = [:]
    private var runCalls: Int { calls["run", default: 0] }

    /// A test component waiting for `initialize`.
    public init() {}

    /// Reads `&test_component_nml`: its problems, or the setup (the test model reads no files).
    public func check(_ preflight: ModelPreflight) -> ModelCheck {
        switch preflight.settings(group: "test_component_nml", { Self.settings(reading: $0, kind: preflight.kind) }) {
        case .failure(let problems): return ModelCheck(problems: problems.diagnostics)
        case .success(let settings):
            return ModelCheck(setup: PlannedSetup(grid: Self.grid(settings), gridFile: nil,
                                                  exports: settings.exports.isEmpty ? exportNames(preflight.kind) : settings.exports,
                                                  imports: settings.imports))
        }
    }

    /// The lat-lon grid of `settings`' size.
    private static func grid(_ settings: Settings) -> GridDescription {
        GridDescription.latLon(name: "test\(settings.nlat)x\(settings.nlon)", nlat: settings.nlat, nlon: settings.nlon)
    }

    /// The settings of component `kind` from `&test_component_nml`.
    private static func settings(reading r: NamelistGroupReader, kind: ComponentKind) -> Settings {
        let nlat = r.integer("nlat", default: 4, range: 1 ... 100_000), nlon = r.integer("nlon", default: 8, range: 1 ... 100_000)
        // Every kind's keys are read, so that each test component accepts the others'.
        var own: (nlat: Int, nlon: Int, exports: [String], imports: [String]) = (nlat, nlon, [], [])
        for other in ComponentKind.models {
            let keys = (nlat: r.integer("\(other)_nlat", default: nlat, range: 1 ... 100_000),
                        nlon: r.integer("\(other)_nlon", default: nlon, range: 1 ... 100_000),
                        exports: r.strings("\(other)_exports", default: []), imports: r.strings("\(other)_imports", default: []))
            if other == kind { own = keys }
        }
        return Settings(nlat: own.nlat, nlon: own.nlon,
                        failComponent: r.string("fail_component", default: "", allowed: [""] + ComponentKind.models.map(\.rawValue)),
                        failPhase: r.string("fail_phase", default: "run", allowed: Self.phases),
                        failRank: r.integer("fail_rank", default: -1, range: -1 ... Int(Int32.max)),
                        failCall: r.integer("fail_call", default: 1, range: 1 ... Int(Int32.max)),
                        failMode: r.string("fail_mode", default: "error", allowed: ["error", "hang", "crash"]),
                        countInExports: r.logical("count_in_exports", default: false),
                        exports: own.exports, imports: own.imports,
                        nanField: r.string("nan_field", default: ""),
                        nanCall: r.integer("nan_call", default: 1, range: 1 ... Int(Int32.max)))
    }

    /// Reads `&test_component_nml`, opens the call record and sets up a block-decomposed
    /// lat-lon grid of its kind's size with its test fields.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        settings = try context.settings(group: "test_component_nml") { Self.settings(reading: $0, kind: context.kind) }
        worldRank = try Communicator.world().rank
        record = try LogFile(path: resolve("calls.rank\(worldRank).txt", against: context.runDirectory), append: true)
        note("initialize", context: context, times: "\(context.calendar.date(of: context.startTime))")
        try failIfAsked(phase: "initialize", context: context)

        let grid = Self.grid(settings)
        let decomposition = Decomposition.block(globalSize: grid.size, parts: context.communicator.size, part: context.communicator.rank)
        let indices = decomposition.globalIndices
        let latitudes = indices.map { -90.0 + (Double($0 / settings.nlon) + 0.5) * 180.0 / Double(settings.nlat) }
        let longitudes = indices.map { (Double($0 % settings.nlon) + 0.5) * 360.0 / Double(settings.nlon) }
        let ones = [Double](repeating: 1, count: indices.count)
        let domain = Domain(grid: grid, decomposition: decomposition, longitude: longitudes, latitude: latitudes,
                            area: ones.map { $0 * 4 * Double.pi / Double(grid.size) }, mask: ones, fraction: ones)
        context.log.write("\(context.kind.label): test component on grid \(grid), \(context.communicator.size) tasks")
        return ComponentSetup(domain: domain, exports: settings.exports.isEmpty ? exportNames(context.kind) : settings.exports,
                              imports: settings.imports)
    }

    /// Records the call, then fills the exports with values made from the global point, the
    /// field and the time of day at `end` (plus the run-call count if `count_in_exports`).
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        note("run", context: context, times: "\(context.calendar.date(of: start)) \(context.calendar.date(of: end))")
        try failIfAsked(phase: "run", context: context)
        let count = settings.countInExports ? Double(runCalls) * 1.0e-3 : 0
        let decomposition = Decomposition.block(globalSize: settings.nlat * settings.nlon, parts: context.communicator.size,
                                                part: context.communicator.rank)
        for point in 0 ..< exports.pointCount {
            let global = Double(decomposition.globalIndex(ofLocal: point))
            for field in 0 ..< exports.fieldCount {
                exports[field: field, point: point] = global + Double(field) * 0.25 + Double(end.seconds % 86_400) / 86_400 + count
            }
        }
        if runCalls == settings.nanCall, context.communicator.isRoot, let field = exports.index(of: settings.nanField), exports.pointCount > 0 {
            exports[field: field, point: 0] = .nan
        }
    }

    /// Saves nothing: the exports depend only on the time (unless `count_in_exports` is set).
    public func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws {
        note("writeRestart", context: context, times: "")
        try failIfAsked(phase: "writeRestart", context: context)
    }

    /// Records the call; there is nothing to restore.
    public func readRestart(_ reader: RestartReader, context: ComponentContext) throws {
        note("readRestart", context: context, times: "")
        try failIfAsked(phase: "readRestart", context: context)
    }

    /// Records the call and closes the call record.
    public func finalize(context: ComponentContext) throws {
        note("finalize", context: context, times: "")
        try failIfAsked(phase: "finalize", context: context)
        record?.close()
    }

    /// The fields it exports unless told otherwise: the last state and the first flux the
    /// exchange table declares as exports of its kind.
    private func exportNames(_ kind: ComponentKind) -> [String] {
        let table = ExchangeTable.standard, exports = table.exportsWithoutStores(of: kind)
        let state = exports.last { table.description(of: $0)?.kind == .state }
        let flux = exports.first { table.description(of: $0)?.kind == .flux }
        return [state, flux].compactMap { $0 }
    }

    private func note(_ phase: String, context: ComponentContext, times: String) {
        record?.write("\(context.kind) \(phase) \(times) task=\(context.communicator.rank)/\(context.communicator.size) threads=\(context.threads.count)")
    }

    /// The phases `fail_phase` can name.
    static let phases = ["initialize", "readRestart", "run", "writeRestart", "finalize"]

    /// Counts the call of `phase` and fails as `&test_component_nml` asks: throws (`error`),
    /// never returns (`hang`) or kills the process with SIGKILL (`crash`), at call `fail_call`.
    private func failIfAsked(phase: String, context: ComponentContext) throws {
        calls[phase, default: 0] += 1
        guard settings.failComponent == context.kind.rawValue, settings.failPhase == phase,
              settings.failRank == -1 || settings.failRank == worldRank,
              calls[phase] == settings.failCall else { return }
        switch settings.failMode {
        case "hang":
            context.log.write("\(context.kind.label): hanging on purpose in \(phase) as &test_component_nml asks")
            while true { sleep(3600) }
        case "crash":
            record?.close()
            kill(getpid(), SIGKILL)
        default:
            break
        }
        throw TestComponentFailure(message: "failing on purpose in \(phase) as &test_component_nml asks")
    }
}

/// The error the test component throws when asked to fail.
public struct TestComponentFailure: Error, CustomStringConvertible {
    /// The failure's text, naming the phase that failed on purpose.
    public let message: String
    /// The message.
    public var description: String { message }
}
