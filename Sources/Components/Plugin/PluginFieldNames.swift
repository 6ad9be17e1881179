import Coupling

/// The field names a plug-in gives in its setup (colon-separated lists), checked against what
/// the coupler exchanges with its kind of component, and its restart field names.
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

    /// Parses and checks the lists a plug-in of kind `kind` gave.
    init(exports: String, imports: String, restart: String, kind: ComponentKind) throws(PluginFieldNamesError) {
        self.exports = try Self.list(exports, "exports", allowed: ExchangeTable.standard.exports(of: kind), kind: kind)
        self.imports = try Self.list(imports, "imports", allowed: ExchangeTable.standard.imports(of: kind), kind: kind)
        self.restart = try Self.list(restart, "restart fields", allowed: nil, kind: kind)
        for name in self.restart where !Self.isVariableName(name) {
            throw PluginFieldNamesError("restart field '\(name)' is not a usable netCDF variable name (a letter, then letters, digits and underscores)")
        }
        if let clash = self.restart.first(where: { $0 == RestartWriter.completionMarker }) {
            throw PluginFieldNamesError("restart field '\(clash)' is the name the driver gives the marker that ends every restart file")
        }
    }

    /// The names in colon-separated `text` (blanks separate too; empty names are skipped),
    /// each listed once and, when `allowed` is given, one of them.
    private static func list(_ text: String, _ what: String, allowed: [String]?, kind: ComponentKind) throws(PluginFieldNamesError) -> [String] {
        let names = text.split { $0 == ":" || $0.isWhitespace }.map(String.init)
        var seen = Set<String>()
        for name in names {
            guard seen.insert(name).inserted else { throw PluginFieldNamesError("its \(what) list '\(name)' twice") }
            if let allowed, !allowed.contains(name) {
                let known = ExchangeTable.standard.description(of: name) == nil ? "which the coupler does not know" : "which the coupler does not exchange with the \(kind.longName)"
                throw PluginFieldNamesError("its \(what) include '\(name)', \(known); the \(kind.longName)'s \(what) can be: "
                    + allowed.joined(separator: ", "))
            }
        }
        return names
    }

    /// Whether `name` is a letter followed by ASCII letters, digits and underscores.
    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0" ... "9").contains($0) || $0 == "_") }
    }
}

/// Field names a plug-in gave that the driver cannot use, with the reason.
struct PluginFieldNamesError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
