import Coupling
import Namelist

/// Which of the coupler's bundles its time-averaged history file holds: `histavg_atm`,
/// `histavg_lnd`, `histavg_rof`, `histavg_ice`, `histavg_ocn`, `histavg_glc` and `histavg_wav`
/// of `&seq_infodata_inparm` each keep a component's bundles (what it sent, what it was sent
/// and its exports mapped to other grids), `histavg_xao` the atmosphere–ocean fluxes. All are
/// `.true.` by default, as in CESM. The surface fractions are always in the file.
public struct AveragedHistoryContents: Sendable, Hashable {
    /// The components whose bundles are averaged.
    public var components: Set<ComponentKind>
    /// Whether the atmosphere–ocean fluxes (`xao`) are averaged.
    public var oceanFluxes: Bool

    /// Everything.
    public static let all = AveragedHistoryContents(components: Set(ComponentKind.models), oceanFluxes: true)

    /// The contents the `histavg_*` switches of `r` select.
    static func read(_ r: NamelistGroupReader) -> AveragedHistoryContents {
        AveragedHistoryContents(components: Set(ComponentKind.models.filter { r.logical("histavg_\($0.rawValue)", default: true) }),
                                oceanFluxes: r.logical("histavg_xao", default: true))
    }
}
