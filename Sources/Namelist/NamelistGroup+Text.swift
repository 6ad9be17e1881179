extension NamelistGroup {
    /// The group as namelist text in a fixed form: `&name`, then one `  key = value, ...` line
    /// per assignment in file order (`key(n) = ...` when indexed; strings quoted with `'`), then
    /// `/`, each line ending in a newline; comments are dropped. A Fortran namelist read takes
    /// it as it is; plug-in components get their group this way.
    public var text: String {
        var lines = ["&" + spelledName]
        for assignment in assignments {
            let key = assignment.isIndexed ? "\(assignment.spelledKey)(\(assignment.startIndex))" : assignment.spelledKey
            lines.append("  \(key) = " + assignment.values.map(\.description).joined(separator: ", "))
        }
        lines.append("/")
        return lines.joined(separator: "\n") + "\n"
    }
}
