import Coupling

/// The field names a plug-in gives in its setup (colon-separated lists): its exports, its
/// imports (each checked against the run's exchange table when the coupling is set up, where the
/// fields every component declares are known) and its restart field names.
struct PluginFieldNames {
    let exports: [String]
    let imports: [String]
    let restart: [String]

    /// No fields (before the plug-in has named them).
    static let empty = PluginFieldNames()

    private init() {
        exports = []
        imports = []
        restart = []
    }

    /// Parses the lists a plug-in gave.
    init(exports: String, imports: String, restart: String) throws(PluginFieldNamesError) {
        self.exports = try Self.list(exports, "exports")
        self.imports = try Self.list(imports, "imports")
        self.restart = try Self.list(restart, "restart fields")
        for name in self.restart where !FieldDeclaration.isFieldName(name) {
            throw PluginFieldNamesError("restart field '\(name)' is not a usable netCDF variable name (a letter, then letters, digits and underscores)")
        }
        if let clash = self.restart.first(where: { $0 == RestartWriter.completionMarker }) {
            throw PluginFieldNamesError("restart field '\(clash)' is the name the driver gives the marker that ends every restart file")
        }
    }

    /// The names in colon-separated `text` (blanks separate too; empty names are skipped), each
    /// listed once.
    private static func list(_ text: String, _ what: String) throws(PluginFieldNamesError) -> [String] {
        let names = text.split { $0 == ":" || $0.isWhitespace }.map(String.init)
        var seen = Set<String>()
        for name in names {
            guard seen.insert(name).inserted else { throw PluginFieldNamesError("its \(what) list '\(name)' twice") }
        }
        return names
    }
}

/// Field names a plug-in gave that the driver cannot use, with the reason.
struct PluginFieldNamesError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
