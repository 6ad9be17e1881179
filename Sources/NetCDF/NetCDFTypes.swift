/// The external data types of netCDF classic and CDF-5 files.
public enum NetCDFType: Int32, Sendable, CustomStringConvertible {
    case byte = 1, char = 2, short = 3, int = 4, float = 5, double = 6
    case ubyte = 7, ushort = 8, uint = 9, int64 = 10, uint64 = 11, string = 12

    /// Bytes one value takes in a classic-model file (0 for strings, which it cannot hold).
    public var byteSize: Int {
        switch self {
        case .byte, .char, .ubyte: 1
        case .short, .ushort: 2
        case .int, .float, .uint: 4
        case .double, .int64, .uint64: 8
        case .string: 0
        }
    }

    /// The type's name as CDL writes it (`double`, `int64`, ...).
    public var description: String {
        switch self {
        case .byte: "byte"
        case .char: "char"
        case .short: "short"
        case .int: "int"
        case .float: "float"
        case .double: "double"
        case .ubyte: "ubyte"
        case .ushort: "ushort"
        case .uint: "uint"
        case .int64: "int64"
        case .uint64: "uint64"
        case .string: "string"
        }
    }

    /// Whether values of this type are numbers.
    public var isNumeric: Bool { self != .char && self != .string }
}

/// The on-disk format of a new file.
public enum NetCDFFormat: Sendable {
    /// CDF-1, the original classic format.
    case classic
    /// CDF-2, classic with 64-bit offsets.
    case offset64
    /// CDF-5, classic model with 64-bit sizes (PnetCDF's native large format).
    case cdf5
    /// netCDF-4/HDF5 (serial netCDF-C only).
    case netCDF4
}

/// A dimension of a file.
public struct Dimension: Sendable, Hashable {
    /// The dimension id in its file.
    public let id: Int32
    /// The dimension's name in the file.
    public let name: String
    /// The current length (the number of records for an unlimited dimension).
    public let length: Int
    /// Whether this is the record (unlimited) dimension, which grows as records are written.
    public let isUnlimited: Bool
}

/// A variable of a file: its id, type and dimensions.
public struct Variable: Sendable, Hashable {
    /// The variable id in its file.
    public let id: Int32
    /// The variable's name in the file.
    public let name: String
    /// The type of its values on disk.
    public let type: NetCDFType
    /// Its dimensions, slowest varying first (C order).
    public let dimensions: [Dimension]

    /// The lengths of its dimensions.
    public var shape: [Int] { dimensions.map(\.length) }
    /// The number of values it holds.
    public var count: Int { shape.reduce(1, *) }
}

/// An attribute value.
public enum AttributeValue: Sendable, Hashable {
    case text(String)
    case doubles([Double])
    case floats([Float])
    case integers([Int64])

    /// The value as text, if it is text.
    public var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    /// The values as doubles, if numeric.
    public var doubles: [Double]? {
        switch self {
        case .text: nil
        case .doubles(let v): v
        case .floats(let v): v.map(Double.init)
        case .integers(let v): v.map(Double.init)
        }
    }
}

/// The variable id of file-level ("global") attributes.
public let globalAttributes: Int32 = -1
