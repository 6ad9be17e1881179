import Coupling

extension ProcessorLayout {
    /// The layout as a `&cime_pes` namelist group, one line per component laid out in the order
    /// of `ComponentKind.all`, for `NamelistEditor.replaceGroup("cime_pes", with:)`:
    ///
    ///     &cime_pes
    ///       atm_ntasks = 12, atm_nthreads = 1, atm_rootpe = 0, atm_pestride = 1
    ///       ...
    ///     /
    public var cimePesGroup: String {
        var lines = ["&cime_pes"]
        for kind in components {
            let set = self[kind], c = kind.rawValue
            lines.append("  \(c)_ntasks = \(set.ntasks), \(c)_nthreads = \(set.nthreads), \(c)_rootpe = \(set.rootRank), \(c)_pestride = \(set.stride)")
        }
        lines.append("/")
        return lines.joined(separator: "\n")
    }
}
