import Coupling
import Driver

/// One shape of the CESM-style layouts the search explores; with the task counts it gives a
/// layout. On `N` ranks (all stride 1, threads from the namelist):
///
/// - **ocean**: `concurrent` — on its own ranks, right after the last rank the others use (so
///   any idle ranks are the last ones), the others within `0 ..< N − n_ocn`; or `sequential` —
///   ranks `0 ..< n_ocn`, the others may use all `N` ranks;
/// - **land, river and sea ice**: land on `0 ..< n_lnd`, the river on `0 ..< n_rof` (on the
///   land's side: CESM's usual river placement); sea ice `stacked` on `0 ..< n_ice`, or
///   `sideBySide` on `w ..< w + n_ice` after the land and river, `w = max(n_lnd, n_rof)`;
/// - **atmosphere** on `0 ..< n_atm`, covering the land, river and sea ice ranks (n_atm ≥ the
///   width of the surface components together) and within the ranks left by a concurrent ocean;
/// - **coupler** on `0 ..< n_cpl` with n_cpl ≤ n_atm (within the ranks left by a concurrent ocean
///   when there is no atmosphere);
/// - an absent component has 1 task on rank 0 and costs nothing.
///
/// Counts need not fill the ranks: a component may use fewer tasks than it could when more
/// would be slower, and the ranks nobody uses stay idle.
///
/// In every such layout the coupler's rank 0 is shared with land, river, stacked ice, the atmosphere and
/// a sequential ocean, and a concurrent ocean meets the coupler at the start and end of each of
/// its intervals: every component starts its interval together with the coupler. That is what
/// makes the time of a layout the simple composition `LayoutSearch` uses, equal to the
/// `TimelinePredictor`'s. So side by side is offered only when the land or the river is present
/// and the sea ice imports fields (its inputs exchange starts it with the coupler; an ice that
/// imports nothing would run ahead on its own ranks, a timing the search does not compose), and
/// the concurrent ocean only when the ocean is present and the atmosphere's, land's, river's and
/// sea ice's intervals divide the ocean's (so every ocean interval holds the same steps). An
/// arrangement needs 1 rank, one more for a concurrent ocean and one more for side by side.
public struct LayoutArrangement: Sendable, Hashable, CustomStringConvertible {
    /// Whether the ocean has ranks of its own (`concurrent`) or shares rank 0 onwards (`sequential`).
    public var ocean: OceanPlacement
    /// Whether the sea ice shares the land's ranks (`stacked`) or runs beside them (`sideBySide`).
    public var surface: SurfacePlacement

    /// The arrangement with the given ocean and surface placements.
    public init(ocean: OceanPlacement, surface: SurfacePlacement) {
        self.ocean = ocean
        self.surface = surface
    }

    /// The arrangements that make sense for `sequence` on `totalTasks` ranks; others give no layout.
    public static func offered(for sequence: RunSequence, totalTasks: Int) -> [LayoutArrangement] {
        var oceans = [OceanPlacement.sequential]
        if sequence.isPresent(.ocn), sequence.cycleSteps == sequence.steps(.ocn) { oceans.append(.concurrent) }
        var surfaces = [SurfacePlacement.stacked]
        if sequence.isPresent(.lnd) || sequence.isPresent(.rof), sequence.role(.ice) == .importsAndExports { surfaces.append(.sideBySide) }
        return oceans.flatMap { ocean in surfaces.map { LayoutArrangement(ocean: ocean, surface: $0) } }
            .filter { $0.fewestRanks <= totalTasks }
    }

    /// The fewest ranks a layout of this arrangement needs.
    private var fewestRanks: Int {
        1 + (ocean == .concurrent ? 1 : 0) + (surface == .sideBySide ? 1 : 0)
    }

    /// The layout of this arrangement with `tasks` per component on `totalTasks` ranks, or nil
    /// when the counts do not fit the arrangement (an absent component given a count needs 1
    /// task on rank 0, one without is not laid out; see the type's description) or the
    /// arrangement is not offered. Every layout returned passes
    /// `ProcessorLayout.problems(worldSize: totalTasks)`.
    public func layout(tasks: [ComponentKind: Int], totalTasks: Int, threads: [ComponentKind: Int],
                       sequence: RunSequence) -> ProcessorLayout? {
        guard Self.offered(for: sequence, totalTasks: totalTasks).contains(self) else { return nil }
        guard (tasks[.cpl] ?? 0) >= 1 else { return nil }
        for kind in ComponentKind.models {
            if sequence.isPresent(kind) ? (tasks[kind] ?? 0) < 1 : (tasks[kind] ?? 1) != 1 { return nil }
        }
        let n = { (kind: ComponentKind) in sequence.isPresent(kind) ? tasks[kind]! : 0 }
        let others = ocean == .concurrent ? totalTasks - n(.ocn) : totalTasks
        guard others >= 1, n(.ocn) <= totalTasks else { return nil }
        let landSide = max(n(.lnd), n(.rof))
        let width = surface == .stacked ? max(landSide, n(.ice)) : landSide + n(.ice)
        let atmosphere = sequence.isPresent(.atm) ? n(.atm) : others
        guard width <= atmosphere, atmosphere <= others, tasks[.cpl]! <= atmosphere else { return nil }
        let used = max(n(.atm), width, tasks[.cpl]!)

        func set(_ kind: ComponentKind, root: Int) -> ProcessorSet {
            ProcessorSet(ntasks: tasks[kind]!, nthreads: threads[kind] ?? 1, rootRank: sequence.isPresent(kind) ? root : 0, stride: 1)
        }
        let roots: [ComponentKind: Int] = [.ice: surface == .stacked ? 0 : landSide, .ocn: ocean == .concurrent ? used : 0]
        let layout = ProcessorLayout(sets: Dictionary(uniqueKeysWithValues: tasks.keys.map { ($0, set($0, root: roots[$0] ?? 0)) }))
        return layout.problems(worldSize: totalTasks).isEmpty ? layout : nil
    }

    /// `concurrent ocean, land and sea ice side by side` (the river, when present, goes with the land).
    public var description: String {
        let oceanText = ocean == .concurrent ? "concurrent ocean" : "sequential ocean"
        let surfaceText = surface == .stacked ? "land and sea ice stacked" : "land and sea ice side by side"
        return "\(oceanText), \(surfaceText)"
    }
}
