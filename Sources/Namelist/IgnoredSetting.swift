/// A setting a program accepts without acting on it: a key of another program's vocabulary that
/// this one does not implement (a CESM driver key coupled-driver leaves to CESM), or a whole
/// group of them. Reported as a warning, not an error (see `NamelistGroupReader.accept(_:)`).
public struct IgnoredSetting: Sendable, Hashable, CustomStringConvertible {
    /// The group, as the file spells it.
    public let group: String
    /// The key as the file spells it, or `nil` for a whole group.
    public let key: String?
    /// Where it is set.
    public let location: TextLocation?

    /// A setting of `key` (`nil`: the whole group) in `group` at `location`.
    public init(group: String, key: String?, location: TextLocation?) {
        self.group = group
        self.key = key
        self.location = location
    }

    /// `drv_in:12:3: 'esp_ntasks' in &cime_pes`, or `drv_in:40:1: &prof_inparm` for a group.
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return place + (key.map { "'\($0)' in &\(group)" } ?? "&\(group)")
    }
}
