import NetCDF

/// A whole small netCDF file held in memory (dimensions, variables with their values and
/// attributes, global attributes), read from a real file, changed freely, and written back
/// in any format: the fuzz tests make valid netCDF files with wrong content from it.
struct NetCDFModel: Sendable {
    struct DimensionModel: Sendable {
        var name: String
        var length: Int
        var isUnlimited: Bool
    }

    struct VariableModel: Sendable {
        var name: String
        var type: NetCDFType
        /// Names of dimensions of the model, slowest first.
        var dimensions: [String]
        /// The values in C order (character variables: their bytes).
        var values: [Double]
        var attributes: [(name: String, value: AttributeValue)]
    }

    var dimensions: [DimensionModel]
    var variables: [VariableModel]
    var globalAttributes: [(name: String, value: AttributeValue)]

    /// The file at `path`, whole.
    init(readingAt path: String) throws(NetCDFError) {
        let file = try Dataset(openingAt: path)
        dimensions = try file.dimensions().map { DimensionModel(name: $0.name, length: $0.length, isUnlimited: $0.isUnlimited) }
        variables = []
        for variable in try file.variables() {
            let values: [Double] = variable.type.isNumeric ? try file.read(variable)
                : try file.readCharacters(variable).map(Double.init)
            var attributes = [(name: String, value: AttributeValue)]()
            for name in try file.attributeNames(of: variable) {
                if let value = try file.attribute(name, of: variable) { attributes.append((name, value)) }
            }
            variables.append(VariableModel(name: variable.name, type: variable.type, dimensions: variable.dimensions.map(\.name),
                                           values: values, attributes: attributes))
        }
        globalAttributes = []
        for name in try file.attributeNames(of: nil) {
            if let value = try file.attribute(name) { globalAttributes.append((name, value)) }
        }
    }

    /// The length of dimension `name`, or `nil` if the model has none.
    func length(of name: String) -> Int? {
        dimensions.first { $0.name == name }?.length
    }

    /// The number of values variable `variable` holds with the model's dimension lengths.
    func count(of variable: VariableModel) -> Int {
        variable.dimensions.reduce(1) { $0 * (length(of: $1) ?? 0) }
    }

    /// Writes the model to `path` in `format`. Values are cut or padded with zeros to each
    /// variable's size and, for integer types, rounded and clamped to the type's range, as
    /// netCDF would refuse them otherwise. Fails when the format cannot hold the model (say,
    /// 64-bit integers in a classic file).
    func write(to path: String, format: NetCDFFormat) throws(NetCDFError) {
        let file = try Dataset.create(at: path, format: format)
        var defined = [String: Dimension]()
        for dimension in dimensions {
            defined[dimension.name] = try file.defineDimension(dimension.name, length: dimension.isUnlimited ? nil : dimension.length)
        }
        var written = [(Variable, VariableModel)]()
        for model in variables {
            let variable = try file.defineVariable(model.name, type: model.type, dimensions: model.dimensions.compactMap { defined[$0] })
            for attribute in model.attributes { try file.setAttribute(attribute.name, attribute.value, of: variable) }
            written.append((variable, model))
        }
        for attribute in globalAttributes { try file.setAttribute(attribute.name, attribute.value) }
        try file.endDefinitions()
        for (variable, model) in written {
            let shape = model.dimensions.map { length(of: $0) ?? 0 }
            let count = shape.reduce(1, *)
            guard count > 0 else { continue }
            let values = (0 ..< count).map { $0 < model.values.count ? model.values[$0] : 0 }
            if model.type == .char {
                try file.writeText(String(decoding: values.map { UInt8(clamping: Int(exactly: $0.rounded()) ?? 0) }, as: UTF8.self), to: variable)
            } else {
                try file.write(values.map { Self.representable($0, as: model.type) }, to: variable, start: shape.map { _ in 0 }, count: shape)
            }
        }
        try file.close()
    }

    /// `value` as a variable of `type` can store it: integers rounded and clamped, NaN as 0.
    private static func representable(_ value: Double, as type: NetCDFType) -> Double {
        let range: ClosedRange<Double>
        switch type {
        case .byte: range = -128 ... 127
        case .ubyte: range = 0 ... 255
        case .short: range = -32_768 ... 32_767
        case .ushort: range = 0 ... 65_535
        case .int: range = -2_147_483_648 ... 2_147_483_647
        case .uint: range = 0 ... 4_294_967_295
        case .int64: range = -9.0e18 ... 9.0e18
        case .uint64: range = 0 ... 1.8e19
        case .float: return value.isFinite ? min(max(value, -3.4e38), 3.4e38) : value
        default: return value
        }
        return value.isNaN ? 0 : min(max(value.rounded(), range.lowerBound), range.upperBound)
    }
}
