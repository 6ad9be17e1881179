extension NamelistDocument {
    /// Reads settings from group `group` (absent group: all defaults). `read` asks for each key;
    /// unknown keys, wrong types and out-of-range values are thrown together, each with its
    /// file, line and column.
    public func settings<T>(group: String, _ read: (NamelistGroupReader) -> T) throws(DiagnosticList) -> T {
        let collector = DiagnosticCollector()
        let reader = NamelistGroupReader(group: self.group(named: group), name: group, file: file, collector: collector)
        let value = read(reader)
        reader.finish()
        try collector.throwIfAny()
        return value
    }
}
