import Coupling
import NetCDF

/// The output file's definitions: dimensions (the input's, with the source grid's replaced by
/// the destination grid's), the destination coordinates, the mapped and copied variables and
/// the attributes, defined identically on every rank.
struct OutputLayout {
    let latitude: Variable
    let longitude: Variable
    /// Output variables by input variable name.
    let variables: [String: Variable]

    /// Attributes not carried over to mapped variables: packing and missing-value ones (mapped
    /// values are unpacked doubles or floats, with `_FillValue` set anew).
    static let mappedAttributesLeftOut: Set<String> = ["_FillValue", "missing_value", "scale_factor", "add_offset",
                                                       "valid_range", "valid_min", "valid_max"]

    init(define output: ParallelDataset, input: Dataset, plan: RemapPlan) throws {
        let gridNames = Set(plan.sourceDimensions.map(\.name))
        var dimensions = [String: Dimension]()
        var destinationDimensions = [Dimension]()
        for d in try input.dimensions() {
            if gridNames.contains(d.name) {
                if destinationDimensions.isEmpty {
                    for (name, length) in zip(plan.destination.dimensionNames, plan.destination.shape) {
                        destinationDimensions.append(try output.defineDimension(name, length: length))
                    }
                }
            } else {
                dimensions[d.name] = try output.defineDimension(d.name, length: d.isUnlimited ? nil : d.length)
            }
        }
        let coordinateDimensions = plan.destination.isRegular ? nil : destinationDimensions
        latitude = try output.defineVariable("lat", type: .double, dimensions: coordinateDimensions ?? [destinationDimensions[0]])
        longitude = try output.defineVariable("lon", type: .double, dimensions: coordinateDimensions ?? [destinationDimensions[1]])
        for (variable, name, units, axis) in [(latitude, "latitude", "degrees_north", "Y"), (longitude, "longitude", "degrees_east", "X")] {
            try output.setAttribute("long_name", .text(name), of: variable)
            try output.setAttribute("standard_name", .text(name), of: variable)
            try output.setAttribute("units", .text(units), of: variable)
            if plan.destination.isRegular { try output.setAttribute("axis", .text(axis), of: variable) }
        }
        var variables = [String: Variable]()
        for v in plan.copied where !["lat", "lon"].contains(v.name) {
            let defined = try output.defineVariable(v.name, type: v.type, dimensions: v.dimensions.map { dimensions[$0.name]! })
            try Self.copyAttributes(of: v, from: input, to: defined, in: output, leavingOut: [])
            variables[v.name] = defined
        }
        for v in plan.mapped {
            let leading = v.dimensions.dropLast(plan.sourceDimensions.count).map { dimensions[$0.name]! }
            let type: NetCDFType = v.type == .float ? .float : .double
            let defined = try output.defineVariable(v.name, type: type, dimensions: leading + destinationDimensions)
            try Self.copyAttributes(of: v, from: input, to: defined, in: output, leavingOut: Self.mappedAttributesLeftOut)
            let missing = try MissingValues(v, in: input)
            if missing.isPresent {
                try output.setAttribute("_FillValue", type == .float ? .floats([Float(missing.fillValue)]) : .doubles([missing.fillValue]),
                                        of: defined)
            }
            variables[v.name] = defined
        }
        for name in try input.attributeNames(of: nil) where name != "history" {
            if let (value, type) = try input.typedAttribute(name) { try output.setAttribute(name, value, type: type) }
        }
        let previous = try input.attribute("history")?.text.map { "\n" + $0 } ?? ""
        try output.setAttribute("history", .text("coupled-driver remap: mapped with weights " + plan.weightsName + previous))
        self.variables = variables
    }

    private static func copyAttributes(of v: Variable, from input: Dataset, to defined: Variable, in output: ParallelDataset,
                                       leavingOut: Set<String>) throws {
        for name in try input.attributeNames(of: v) where !leavingOut.contains(name) {
            if let (value, type) = try input.typedAttribute(name, of: v) { try output.setAttribute(name, value, of: defined, type: type) }
        }
    }
}
