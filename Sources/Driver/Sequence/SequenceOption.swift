/// The order in which a driver step runs the components: `cpl_seq_option` in
/// `&seq_infodata_inparm`, with cpl7's names.
public enum SequenceOption: String, Sendable, Hashable, CaseIterable, Codable {
    /// The ocean runs lagged by one ocean coupling interval: it starts its interval on the
    /// forcing averaged over the last one, runs beside everything else, and its state comes
    /// back at the end of its interval, after the atmosphere has run (cpl7's default).
    case cesm1Mod = "CESM1_MOD"
    /// The ocean is tightly coupled: it runs beside land and sea ice, and its state comes back
    /// at the end of its interval before the coupler computes the atmosphere–ocean fluxes, so
    /// the atmosphere sees it in the same step.
    case cesm1ModTight = "CESM1_MOD_TIGHT"

    /// The namelist values, quoted, for messages.
    public static var namelistValues: String { allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") }
}
