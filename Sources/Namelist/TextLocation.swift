/// A place in a source text file: the file name and a 1-based line and column.
///
/// Rendered as `file:line:column`, the form compilers and editors use, so a
/// message such as `drv_in:12:5: error: ...` leads straight to the problem.
public struct TextLocation: Sendable, Hashable, CustomStringConvertible {
    /// The name of the file, as given to the parser (usually its path).
    public let file: String
    /// The 1-based line number.
    public let line: Int
    /// The 1-based column, counted in characters.
    public let column: Int

    /// Creates a location in `file` at `line` and `column` (both 1-based).
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location as `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// The location `count` characters further along the same line.
    func movedRight(by count: Int) -> TextLocation {
        TextLocation(file: file, line: line, column: column + count)
    }
}
