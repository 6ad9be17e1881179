extension BidirectionalCollection where Element == Character {
    /// The characters as a string, without leading and trailing blanks.
    public func trimmingBlanks() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
