/// One namelist group, `&name ... /`, with its assignments in file order.
public struct NamelistGroup: Sendable, Hashable {
    /// The group name in lower case, for lookups.
    public let name: String
    /// The group name as written in the file, for messages.
    public let spelledName: String
    /// Where the group opener (`&name` or `$name`) is written.
    public let location: TextLocation
    /// The assignments in the order they appear.
    public let assignments: [NamelistAssignment]

    /// The assignments to `key` (compared case-insensitively), in file order.
    public func assignments(to key: String) -> [NamelistAssignment] {
        let key = key.lowercased()
        return assignments.filter { $0.key == key }
    }
}
