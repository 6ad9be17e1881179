import CComponentABI
import Coupling

/// What a version-2 plug-in declares in its setup beyond version 1: fields of its own
/// (`cdc_field`, as exchange-table rows) and variables of its own for its history file
/// (`cdc_variable`). A version-1 plug-in declares neither.
struct PluginDeclarations {
    /// The plug-in's own coupling fields.
    let fields: [FieldDeclaration]
    /// Its own history variables: name, long name, units.
    let history: [(name: String, longName: String, units: String)]

    /// Nothing declared (a version-1 plug-in).
    static let none = PluginDeclarations(fields: [], history: [])

    private init(fields: [FieldDeclaration], history: [(name: String, longName: String, units: String)]) {
        self.fields = fields
        self.history = history
    }

    /// What `setup` declares, for a plug-in of kind `kind`.
    init(_ setup: cdc_setup, kind: ComponentKind) throws(PluginFieldNamesError) {
        let maximum = Int(CDC_MAX_FIELDS)
        let fieldCount = Int(setup.field_count), historyCount = Int(setup.history_count)
        guard (0 ... maximum).contains(fieldCount), (0 ... maximum).contains(historyCount) else {
            throw PluginFieldNamesError("cdc_setup.field_count = \(fieldCount) and history_count = \(historyCount): each is 0 to \(maximum)")
        }
        let declared = withUnsafeBytes(of: setup.fields) { Array($0.bindMemory(to: cdc_field.self).prefix(fieldCount)) }
        fields = try declared.enumerated().map { (index, field) throws(PluginFieldNamesError) in
            try Self.declaration(field, number: index + 1, kind: kind)
        }
        let variables = withUnsafeBytes(of: setup.history) { Array($0.bindMemory(to: cdc_variable.self).prefix(historyCount)) }
        history = variables.map { (CharacterArray.string($0.name), CharacterArray.string($0.long_name), CharacterArray.string($0.units)) }
        var seen = Set<String>()
        for variable in history {
            guard FieldDeclaration.isFieldName(variable.name) else {
                throw PluginFieldNamesError("history variable '\(variable.name)' is not a usable netCDF variable name (a letter, then letters, digits and underscores)")
            }
            guard seen.insert(variable.name).inserted else { throw PluginFieldNamesError("its history variables list '\(variable.name)' twice") }
        }
    }

    /// The table row `field` (the `number`-th) declares.
    private static func declaration(_ field: cdc_field, number: Int, kind: ComponentKind) throws(PluginFieldNamesError) -> FieldDeclaration {
        let name = CharacterArray.string(field.name)
        let what = "field \(number) ('\(name)')"
        let fieldKind: FieldKind
        switch field.kind {
        case Int32(CDC_STATE): fieldKind = .state
        case Int32(CDC_FLUX): fieldKind = .flux
        default: throw PluginFieldNamesError("\(what) has kind \(field.kind): CDC_STATE (\(CDC_STATE)) or CDC_FLUX (\(CDC_FLUX))")
        }
        var importers = [ComponentKind]()
        for item in CharacterArray.string(field.importers).split(whereSeparator: { $0 == ":" || $0.isWhitespace }) {
            guard let importer = ComponentKind(rawValue: String(item)), importer != .cpl else {
                throw PluginFieldNamesError("\(what) names importer '\(item)', which is not a component kind ("
                    + ComponentKind.models.map(\.rawValue).joined(separator: ", ") + ")")
            }
            importers.append(importer)
        }
        let merge = CharacterArray.string(field.merge)
        let rules: [ComponentKind: ImportRule]
        do {
            let rule: ImportRule = merge.isEmpty ? .copy() : .merge(try MergeExpression.terms(of: merge))
            rules = Dictionary(importers.map { ($0, rule) }, uniquingKeysWith: { first, _ in first })
        } catch {
            throw PluginFieldNamesError("\(what): \(error)")
        }
        return FieldDeclaration(name, CharacterArray.string(field.long_name), CharacterArray.string(field.units), fieldKind,
                                from: merge.isEmpty ? .component(kind) : .importOnly, to: rules)
    }
}
