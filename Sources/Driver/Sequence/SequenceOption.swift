/// The order in which a driver step runs the components: `cpl_seq_option` in
/// `&seq_infodata_inparm`, with cpl7's names.
///
/// The options differ in three choices (see `RunSequence.init`): where the ocean's forcing is
/// merged and accumulated relative to the atmosphere–ocean fluxes and to the ocean's send,
/// whether the ocean runs first or after the surface components, and whether its state comes
/// back before or after the atmosphere.
public enum SequenceOption: String, Sendable, Hashable, CaseIterable, Codable {
    /// Like `cesm1Mod`, but the step's ocean forcing is merged and added to the interval's sum
    /// before the atmosphere–ocean fluxes are computed, so it carries the previous step's
    /// fluxes (cpl7's original order).
    case cesm1Orig = "CESM1_ORIG"
    /// `cesm1Orig` with the tightly coupled ocean of `cesm1ModTight`.
    case cesm1OrigTight = "CESM1_ORIG_TIGHT"
    /// The ocean runs lagged by one ocean coupling interval: it starts its interval on the
    /// forcing averaged over the last one, runs beside everything else, and its state comes
    /// back at the end of its interval, after the atmosphere has run (cpl7's default).
    case cesm1Mod = "CESM1_MOD"
    /// The ocean is tightly coupled: it runs beside land and sea ice, and its state comes back
    /// at the end of its interval before the coupler computes the atmosphere–ocean fluxes, so
    /// the atmosphere sees it in the same step.
    case cesm1ModTight = "CESM1_MOD_TIGHT"
    /// The atmosphere–ocean fluxes and the ocean's forcing are computed at the top of the step,
    /// from the previous step's atmosphere and sea ice, before the ocean is sent its forcing: the
    /// average the ocean receives includes the step it starts in. The ocean then runs beside
    /// everything else, as in `cesm1Mod` (CESM 2's default for fully coupled cases).
    case rasmOption1 = "RASM_OPTION1"
    /// The fluxes and the ocean's forcing are computed after the surface components are back
    /// and the fractions updated (the current sea ice), then the ocean is sent its forcing and
    /// runs beside the atmosphere.
    case rasmOption2 = "RASM_OPTION2"

    /// Whether the ocean's state comes back before the atmosphere–ocean fluxes of the step its
    /// interval ends (the `_TIGHT` options).
    public var isTight: Bool { self == .cesm1ModTight || self == .cesm1OrigTight }

    /// Whether the step's ocean forcing is accumulated before that step's fluxes are computed
    /// (the `CESM1_ORIG` options).
    public var accumulatesBeforeFluxes: Bool { self == .cesm1Orig || self == .cesm1OrigTight }

    /// The namelist values, quoted, for messages.
    public static var namelistValues: String { allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") }
}
