/// A setting a program accepts without acting on it: a key of another program's vocabulary that
/// this one does not implement (a CESM driver key coupled-driver leaves to CESM), or a whole
/// group of them. Reported as a warning, not an error (see `NamelistGroupReader.accept(_:)`).
public struct IgnoredSetting: Sendable, Hashable, CustomStringConvertible {
    /// Where the key belongs, as messages name it: a namelist group (`&cime_pes`) or a resource
    /// file (`seq_maps.rc`).
    public let scope: String
    /// The key as the file spells it, or `nil` for a whole group.
    public let key: String?
    /// Where it is set.
    public let location: TextLocation?
    /// Why it is ignored, when there is more to say than that it is not implemented.
    public let note: String?

    /// A setting of `key` (`nil`: the whole group) in namelist group `group` at `location`.
    public init(group: String, key: String?, location: TextLocation?, note: String? = nil) {
        self.init(scope: "&" + group, key: key, location: location, note: note)
    }

    /// A setting of `key` in `scope` (a group with its `&`, or a file name) at `location`.
    public init(scope: String, key: String, location: TextLocation?, note: String? = nil) {
        self.init(scope: scope, key: Optional(key), location: location, note: note)
    }

    private init(scope: String, key: String?, location: TextLocation?, note: String?) {
        self.scope = scope
        self.key = key
        self.location = location
        self.note = note
    }

    /// The same setting with `note`.
    public func noted(_ note: String?) -> IgnoredSetting {
        IgnoredSetting(scope: scope, key: key, location: location, note: note)
    }

    /// `'esp_ntasks' in &cime_pes`, `'atm2ocn_vmapname' in seq_maps.rc`, or `&prof_inparm` for a group.
    public var subject: String { key.map { "'\($0)' in \(scope)" } ?? scope }

    /// `drv_in:12:3: 'esp_ntasks' in &cime_pes`, with the note in parentheses when there is one.
    public var description: String {
        (location.map { "\($0): " } ?? "") + subject + (note.map { " (\($0))" } ?? "")
    }
}
