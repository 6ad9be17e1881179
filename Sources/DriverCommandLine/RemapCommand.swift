import Foundation
import ArgumentParser
import Coupling
import NetCDF
import Remap

/// `coupled-driver remap --weights MAP.nc IN.nc OUT.nc`: applies offline weights to a file.
struct RemapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remap",
        abstract: "Map every variable of a netCDF file from a weights file's source grid to its destination grid.",
        discussion: """
        Run it under mpirun to use several ranks: mpirun -n 4 coupled-driver remap --weights MAP.nc IN.nc OUT.nc
        Started without mpirun (or srun), it runs as one process and does not start MPI at all.
        Weights may be ESMF (ncremap, ESMF_RegridWeightGen) or SCRIP (CDO) files. A variable is mapped when
        its trailing dimensions are the source grid (lat × lon sizes from src_grid_dims, or the one dimension
        of an unstructured grid); leading dimensions such as time are kept. Variables not on the source grid
        are copied. Variables with _FillValue (or missing_value) are mapped without their missing points and
        divided by the mapped weight of the valid points (--no-renormalize turns the division off); points
        with no valid source get _FillValue. The output is the same bytes for any number of ranks and any
        chunk size.
        """)

    @Option(name: .long, help: "The weights file (ESMF or SCRIP format).")
    var weights: String

    @Argument(help: "The input netCDF file.")
    var input: String

    @Argument(help: "The output netCDF file (replaced if it exists).")
    var output: String

    @Option(name: .long, help: "Comma-separated variables to map (default: every variable on the source grid).")
    var variables: String?

    @Option(name: .customLong("chunk-size"), help: "Matrix entries each rank reads at a time.")
    var chunkSize: Int = WeightsFile.defaultChunkSize

    @Flag(name: .customLong("no-renormalize"), help: "Do not divide by the mapped weight of valid points for variables with missing values.")
    var noRenormalize = false

    @Option(name: .long, help: "Output format: cdf2 (64-bit offset, the default) or cdf5.")
    var format: String = "cdf2"

    @Option(name: .long, help: ArgumentHelp("Threads per rank for the multiply and unpacking (the output bytes do not depend on it).",
                                            discussion: "Default: OMP_NUM_THREADS when set, else the cores shared among the ranks on this node."))
    var threads: Int?

    func validate() throws {
        guard chunkSize >= 1 else { throw ValidationError("--chunk-size must be at least 1") }
        guard ["cdf2", "cdf5"].contains(format) else { throw ValidationError("--format must be cdf2 or cdf5") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let options = RemapOptions(weightsPath: weights, inputPath: input, outputPath: output,
                                   variables: variables.map { $0.split(separator: ",").map { String($0) } },
                                   chunkSize: chunkSize, renormalize: !noRenormalize, format: format == "cdf5" ? .cdf5 : .offset64,
                                   threads: threads ?? Self.defaultThreads())
        try runCollectively { world in
            let summary = try FileRemapper.remap(options, communicator: world)
            guard world.rank == 0 else { return }
            let processes = (world.handle == nil ? "1 process without MPI" : "\(world.size) rank(s)") + ", \(options.threads) thread(s) each"
            print("remap: \(summary.format.rawValue) weights, \(summary.entryCount) entries, \(processes)")
            print("mapped: \(summary.mappedVariables.joined(separator: ", "))")
            if !summary.copiedVariables.isEmpty { print("copied: \(summary.copiedVariables.joined(separator: ", "))") }
            for (name, reason) in summary.droppedVariables { print("left out: \(name) (\(reason))") }
            let t = summary.times
            print("wrote \(output)")
            print("seconds: weights \(seconds(t.weights)), reading \(seconds(t.reading)), mapping \(seconds(t.mapping)), "
                + "writing \(seconds(t.writing))")
        }
    }
}

extension RemapCommand {
    /// `OMP_NUM_THREADS` when it is a positive number; else this node's cores shared among the
    /// ranks the launcher started on it (Open MPI's `OMPI_COMM_WORLD_LOCAL_SIZE`, MPICH's
    /// `MPI_LOCALNRANKS`; one process when started alone).
    static func defaultThreads() -> Int {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment["OMP_NUM_THREADS"].flatMap({ Int($0) }), value >= 1 { return value }
        let ranksHere = ["OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS"].lazy.compactMap { environment[$0].flatMap { Int($0) } }.first ?? 1
        return max(1, ProcessInfo.processInfo.activeProcessorCount / max(1, ranksHere))
    }
}

/// Seconds with three decimals.
private func seconds(_ value: Double) -> String {
    let milliseconds = Int((value * 1000).rounded())
    let fraction = "\(milliseconds % 1000)"
    return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
