import NetCDF

/// What `coupled-driver remap` is asked to do.
public struct RemapOptions: Sendable {
    /// The offline weights file (ESMF or SCRIP format).
    public var weightsPath: String
    /// The file with fields on the map's source grid.
    public var inputPath: String
    /// The file to write, on the destination grid.
    public var outputPath: String
    /// Only these variables (all on the source grid if `nil`).
    public var variables: [String]?
    /// Matrix entries each rank reads at a time.
    public var chunkSize: Int
    /// For variables with missing values: divide by the weight of the valid source points
    /// (`true`), or leave the sum of the valid contributions as it is (`false`).
    public var renormalize: Bool
    /// The output file's format (PnetCDF writes classic formats).
    public var format: NetCDFFormat
    /// The threads each rank multiplies and unpacks with (the output is the same bytes for any count).
    public var threads: Int

    /// Options with the given files; by default every source-grid variable is mapped, with renormalisation, into a CDF-2 file.
    public init(weightsPath: String, inputPath: String, outputPath: String, variables: [String]? = nil,
                chunkSize: Int, renormalize: Bool = true, format: NetCDFFormat = .offset64, threads: Int = 1) {
        self.weightsPath = weightsPath
        self.inputPath = inputPath
        self.outputPath = outputPath
        self.variables = variables
        self.chunkSize = chunkSize
        self.renormalize = renormalize
        self.format = format
        self.threads = threads
    }
}

/// A remap that cannot be done, with the reason.
public struct RemapError: Error, Sendable, CustomStringConvertible {
    /// Why the remap cannot be done.
    public let message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
