/// One `name: value` line of a resource file such as CESM's `seq_maps.rc`.
public struct ResourceEntry: Sendable, Hashable {
    /// The name in lower case, for lookups.
    public let key: String
    /// The name as the file spells it, for messages.
    public let spelledKey: String
    /// The value with any surrounding quotes removed.
    public let value: String
    /// Where the name is written.
    public let location: TextLocation
}
