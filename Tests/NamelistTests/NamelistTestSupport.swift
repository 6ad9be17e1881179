import Namelist

/// Shared helpers for the namelist tests.
enum NamelistTestSupport {
    /// The diagnostics, as printed, that parsing `text` produces; empty if it parses.
    static func problems(in text: String, file: String = "drv_in") -> [String] {
        do {
            _ = try NamelistDocument.parse(text, file: file)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// The values of the only assignment in the only group of `text`.
    static func values(of text: String) throws -> [NamelistValue] {
        let document = try NamelistDocument.parse(text, file: "drv_in")
        return document.groups.first?.assignments.first?.values ?? []
    }

    /// A reader for group `name` of `text`, with a fresh collector.
    static func reader(_ text: String, group name: String) throws -> (NamelistGroupReader, DiagnosticCollector) {
        let document = try NamelistDocument.parse(text, file: "drv_in")
        let collector = DiagnosticCollector()
        let reader = NamelistGroupReader(group: document.group(named: name), name: name,
                                         file: document.file, collector: collector)
        return (reader, collector)
    }
}
