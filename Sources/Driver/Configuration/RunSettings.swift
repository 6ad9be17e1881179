import Coupling

/// General run settings from `&seq_infodata_inparm`.
public struct RunSettings: Sendable {
    /// The case name, used in file names (`CASE.cpl.hi...`).
    public var caseName: String
    /// `startup` (a new run) or `continue` (from the restart named in `rpointer.drv`).
    public var startType: String
    /// Whether every coupling field is checked for NaN and infinity.
    public var checkNaNs: Bool
    /// How much the driver writes to `cpl.log` (0 quiet, 1 normal, 2 more).
    public var infoDebug: Int
}

/// Reads `&seq_infodata_inparm`.
func readRunSettings(_ r: NamelistGroupReader) -> RunSettings {
    RunSettings(caseName: r.string("case_name", default: "coupled"),
                startType: r.string("start_type", default: "startup", allowed: ["startup", "continue"]),
                checkNaNs: r.logical("check_nans", default: false),
                infoDebug: r.integer("info_debug", default: 1, range: 0 ... 3))
}
