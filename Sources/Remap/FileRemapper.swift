import Coupling
import MPI
import NetCDF
#if canImport(Glibc)
import Glibc
#endif

/// What a remap did, for the summary `coupled-driver remap` prints.
public struct RemapSummary: Sendable {
    /// The weights file's layout (ESMF or SCRIP).
    public let format: WeightsFile.Format
    /// The number of matrix entries in the weights file.
    public let entryCount: Int
    /// Variables on the source grid that were mapped to the destination grid.
    public let mappedVariables: [String]
    /// Variables not on the source grid, copied to the output as they are.
    public let copiedVariables: [String]
    /// Variables left out of the output, each with the reason.
    public let droppedVariables: [(name: String, reason: String)]
    /// Where the time went, on rank 0.
    public let times: RemapTimes
}

/// Seconds spent in each part of a remap (on one rank).
public struct RemapTimes: Sendable {
    /// Reading the weights and handing each rank its rows.
    public var weights = 0.0
    /// Reading the input's mapped variables.
    public var reading = 0.0
    /// Gathering source values and multiplying.
    public var mapping = 0.0
    /// Writing the output (coordinates, copied and mapped variables).
    public var writing = 0.0
}

/// Maps every variable of a netCDF file that lies on a weights file's source grid to its
/// destination grid, on every rank of a communicator, and writes the result with PnetCDF.
///
/// Each rank reads a block of the source grid, the `Mapper` gathers what each rank needs and
/// computes a block of the destination grid, and every rank writes its block in global index
/// order. The output is the same bytes for any number of ranks and any chunk size. The file is
/// written under a temporary name and renamed only when complete.
public enum FileRemapper {
    /// Slices (values of the leading dimensions) mapped together are limited so that a rank
    /// holds at most about this many source values at a time: 8 MB, so that the slices as read
    /// and the bundle they are interleaved into stay within a last-level cache, and the memory
    /// the kernel must hand the process (page faults cost more than the mapping) stays small.
    /// Measured on a 0.25° file of 10 records: 1 slice per group (8 MB) 0.15 s whole process,
    /// 2 (16 MB) 0.16 s, 8 (64 MB) 0.23 s.
    static let valuesPerGroup = 1 << 20

    /// Runs the remap. Collective over `communicator`; every rank gets the same error.
    public static func remap(_ options: RemapOptions, communicator: Communicator) throws -> RemapSummary {
        let (weights, input): (WeightsFile, Dataset) = try collectively(communicator) {
            let weights = try WeightsFile(path: options.weightsPath)
            do throws(NetCDFError) {
                return (weights, try Dataset(openingAt: options.inputPath))
            } catch {
                throw RemapError("input \(options.inputPath) cannot be opened as netCDF: \(error.message)")
            }
        }
        var times = RemapTimes()
        var clock = MPIRuntime.wallTime()
        let size = communicator.size, rank = communicator.rank
        let destination = Decomposition.block(globalSize: weights.destinationSize, parts: size, part: rank)
        // Each rank reads from the input exactly the source points its destination block uses.
        let threads = ThreadTeam(count: options.threads)
        let mapper = try Mapper(weights: weights, communicator: communicator, destination: destination, threads: threads,
                                chunkSize: options.chunkSize)
        times.weights = MPIRuntime.wallTime() - clock
        let plan = try RemapPlan(input: input, weights: weights, only: options.variables, communicator: communicator)

        let temporary = options.outputPath + ".incomplete"
        let output = try ParallelDataset.create(at: temporary, communicator: communicator, format: options.format)
        let layout = try OutputLayout(define: output, input: input, plan: plan)
        try output.endDefinitions()

        clock = MPIRuntime.wallTime()
        try writeCoordinates(output, layout: layout, plan: plan, weights: weights, destination: destination)
        for variable in plan.copied { try copy(variable, from: input, to: output, layout: layout, isWriter: rank == 0) }
        times.writing += MPIRuntime.wallTime() - clock
        for variable in plan.mapped {
            try mapVariable(variable, input: input, output: output, layout: layout, plan: plan, mapper: mapper,
                            shapes: (weights.sourceShape, weights.destinationShape), renormalize: options.renormalize, times: &times)
        }
        clock = MPIRuntime.wallTime()
        try output.close()
        try communicator.barrier()
        if rank == 0, rename(temporary, options.outputPath) != 0 {
            throw RemapError("cannot rename \(temporary) to \(options.outputPath): \(String(cString: strerror(errno)))")
        }
        try communicator.barrier()
        times.writing += MPIRuntime.wallTime() - clock
        return RemapSummary(format: weights.format, entryCount: weights.entryCount, mappedVariables: plan.mapped.map { $0.name },
                            copiedVariables: plan.copied.map { $0.name }, droppedVariables: plan.dropped, times: times)
    }

    /// Destination longitudes and latitudes: 1-D for a regular grid (written by rank 0), else
    /// each rank writes its block.
    private static func writeCoordinates(_ output: ParallelDataset, layout: OutputLayout, plan: RemapPlan, weights: WeightsFile,
                                         destination: Decomposition) throws {
        let shape = plan.destination.shape
        if plan.destination.isRegular {
            if output.communicator.rank == 0 {
                let nlat = shape[0], nlon = shape[1]
                var latitudes = [Double]()
                for j in 0 ..< nlat { latitudes += try weights.read(.latitude, of: .destination, points: j * nlon ..< j * nlon + 1) }
                let longitudes = try weights.read(.longitude, of: .destination, points: 0 ..< nlon)
                try latitudes.withUnsafeBufferPointer { try output.enqueueWrite($0, to: layout.latitude, start: [0], count: [nlat]) }
                try longitudes.withUnsafeBufferPointer { try output.enqueueWrite($0, to: layout.longitude, start: [0], count: [nlon]) }
            }
        } else if let range = destination.segments.first.map({ $0.start ..< $0.end }) {
            for (array, variable) in [(WeightsFile.GridArray.latitude, layout.latitude), (.longitude, layout.longitude)] {
                let values = try weights.read(array, of: .destination, points: range)
                for slab in hyperslabs(covering: range, shape: shape) {
                    let offset = slab.firstPoint - range.lowerBound
                    try values[offset ..< offset + slab.pointCount].withUnsafeBufferPointer {
                        try output.enqueueWrite($0, to: variable, start: slab.start, count: slab.count)
                    }
                }
            }
        }
        try output.flushWrites()
    }

    /// Copies a variable that does not use the source grid (rank 0 reads and writes it).
    private static func copy(_ variable: Variable, from input: Dataset, to output: ParallelDataset, layout: OutputLayout,
                             isWriter: Bool) throws {
        let target = layout.variables[variable.name]!
        let shape = variable.shape
        if variable.type == .char {
            let bytes = isWriter ? try input.readCharacters(variable) : []
            try output.writeAllCharacters(bytes, to: target, start: shape.map { _ in 0 }, count: isWriter ? shape : shape.map { _ in 0 })
            return
        }
        if isWriter && variable.count > 0 {
            let values: [Double] = try input.read(variable)
            try values.withUnsafeBufferPointer {
                try output.enqueueWrite($0, to: target, start: shape.map { _ in 0 }, count: shape)
            }
        }
        try output.flushWrites()
    }

    /// Maps one variable, a group of leading-dimension slices at a time.
    private static func mapVariable(_ variable: Variable, input: Dataset, output: ParallelDataset, layout: OutputLayout,
                                    plan: RemapPlan, mapper: Mapper, shapes: (source: [Int], destination: [Int]),
                                    renormalize: Bool, times: inout RemapTimes) throws {
        let target = layout.variables[variable.name]!
        let leading = Array(variable.shape.dropLast(shapes.source.count))
        let sliceCount = leading.reduce(1, *)
        let destinationRange = mapper.destination.segments.first.map { $0.start ..< $0.end } ?? 0 ..< 0
        let missing = try MissingValues(variable, in: input)
        let packing = try Packing(variable, in: input)
        let perGroup = max(1, min(sliceCount, valuesPerGroup / max(1, mapper.source.globalSize / output.communicator.size)))
        // The source points this rank reads: hyperslabs of each segment, with where they go in x.
        var sourceSlabs = [(slab: GridHyperslab, local: Int)]()
        var local = 0
        for segment in mapper.source.segments {
            for slab in hyperslabs(covering: segment.start ..< segment.end, shape: shapes.source) {
                sourceSlabs.append((slab, local + slab.firstPoint - segment.start))
            }
            local += segment.count
        }
        let destinationSlabs = hyperslabs(covering: destinationRange, shape: shapes.destination)
        let ones = leading.map { _ in 1 }
        // One set of bundles for every group, so memory is touched once. The first group is
        // whole and writes every value; a short last group leaves its unused fields as they are
        // (their results are not written).
        let k = perGroup, n = mapper.source.localSize
        let names = (0 ..< k).map { "\(variable.name) slice \($0)" }
        var x = FieldBundle(uninitializedFields: names, pointCount: n)
        var validity = missing.isPresent ? FieldBundle(uninitializedFields: names, pointCount: n) : nil
        var y = FieldBundle(fields: names, pointCount: destinationRange.count)
        // The group's slices as read, one after another, before they are interleaved point-major;
        // one slice at a time is read straight into `x`, whose layout it then is.
        var raw = [Double](unsafeUninitializedCapacity: k > 1 ? k * n : 0) { _, count in count = k > 1 ? k * n : 0 }

        for groupStart in stride(from: 0, to: sliceCount, by: perGroup) {
            let slices = Array(groupStart ..< min(groupStart + perGroup, sliceCount))
            var clock = MPIRuntime.wallTime()
            var readFailure: (any Error)? = nil
            func readGroup(into buffer: UnsafeMutableBufferPointer<Double>) {
                for (field, slice) in slices.enumerated() where readFailure == nil {
                    let lead = unravel(slice, shape: leading)
                    for (slab, position) in sourceSlabs where readFailure == nil {
                        let offset = field * n + position
                        do {
                            try input.read(variable, start: lead + slab.start, count: ones + slab.count,
                                           into: UnsafeMutableBufferPointer(rebasing: buffer[offset ..< offset + slab.pointCount]))
                        } catch {
                            readFailure = error
                        }
                    }
                }
            }
            if k == 1 {
                x.storage.withUnsafeMutableBufferPointer { readGroup(into: $0) }
            } else {
                raw.withUnsafeMutableBufferPointer { readGroup(into: $0) }
            }
            interleave(k == 1 ? nil : raw, fields: slices.count, into: &x, validity: &validity, missing: missing, packing: packing,
                       threads: mapper.threads)
            try collectively(output.communicator) { try readFailure.map { throw $0 } }
            times.reading += MPIRuntime.wallTime() - clock
            clock = MPIRuntime.wallTime()
            if let validity {
                try mapper.map(x, validity: validity, into: &y, emptyValue: missing.fillValue, renormalize: renormalize)
            } else {
                try mapper.map(x, into: &y)
            }
            times.mapping += MPIRuntime.wallTime() - clock
            clock = MPIRuntime.wallTime()
            for (field, slice) in slices.enumerated() {
                let lead = unravel(slice, shape: leading)
                for slab in destinationSlabs {
                    let offset = slab.firstPoint - destinationRange.lowerBound
                    let start = lead + slab.start, count = ones + slab.count
                    try y.storage.withUnsafeBufferPointer { ys in
                        if target.type == .float {
                            let values = (0 ..< slab.pointCount).map { Float(ys[(offset + $0) * k + field]) }
                            try values.withUnsafeBufferPointer { try output.enqueueWrite($0, to: target, start: start, count: count) }
                        } else {
                            let values = (0 ..< slab.pointCount).map { ys[(offset + $0) * k + field] }
                            try values.withUnsafeBufferPointer { try output.enqueueWrite($0, to: target, start: start, count: count) }
                        }
                    }
                }
            }
            try output.flushWrites()
            times.writing += MPIRuntime.wallTime() - clock
        }
    }

    /// Copies `fields` slices stored one after another in `raw` into the point-major bundle `x`,
    /// unpacking values and marking missing ones in `validity`; with no `raw`, `x` holds its one
    /// field as read and is unpacked in place. Blocks of points small enough to stay in cache
    /// are done one at a time, so the interleaving costs no extra memory traffic; each thread
    /// takes a contiguous share of the blocks.
    private static func interleave(_ raw: [Double]?, fields: Int, into x: inout FieldBundle, validity: inout FieldBundle?,
                                   missing: MissingValues, packing: Packing, threads: ThreadTeam) {
        // No source points on this rank, or one field read in place, neither packed nor with
        // missing values: already as it must be (and an empty buffer may have no address).
        if x.pointCount == 0 || (raw == nil && validity == nil && !packing.isActive) { return }
        let n = x.pointCount, k = x.fieldCount, block = 512
        func run(_ buffers: InterleaveBuffers) {
            threads.parallelFor(0 ..< (n + block - 1) / block) { blocks in
                let xs = buffers.x
                for b in blocks {
                    let first = b * block, last = min(first + block, n)
                    for f in 0 ..< fields {
                        let slice = buffers.raw + f * n
                        if let vs = buffers.validity {
                            for p in first ..< last {
                                let valid = !missing.isMissing(slice[p])
                                vs[p * k + f] = valid ? 1 : 0
                                xs[p * k + f] = valid ? packing.unpack(slice[p]) : 0
                            }
                        } else {
                            for p in first ..< last { xs[p * k + f] = packing.unpack(slice[p]) }
                        }
                    }
                }
            }
        }
        func run(reading source: UnsafePointer<Double>?) {
            x.storage.withUnsafeMutableBufferPointer { xs in
                let raw = source ?? UnsafePointer(xs.baseAddress!)
                if validity == nil {
                    run(InterleaveBuffers(raw: raw, x: xs.baseAddress!, validity: nil))
                } else {
                    validity!.storage.withUnsafeMutableBufferPointer { vs in
                        run(InterleaveBuffers(raw: raw, x: xs.baseAddress!, validity: vs.baseAddress!))
                    }
                }
            }
        }
        if let raw {
            raw.withUnsafeBufferPointer { run(reading: $0.baseAddress!) }
        } else {
            run(reading: nil)
        }
    }

    /// The multi-index of flattened position `index` in `shape` (C order).
    static func unravel(_ index: Int, shape: [Int]) -> [Int] {
        var rest = index
        var result = [Int](repeating: 0, count: shape.count)
        for d in shape.indices.reversed() {
            result[d] = rest % shape[d]
            rest /= shape[d]
        }
        return result
    }
}

/// The buffers the threads of an interleave share; each thread writes only its own points.
private struct InterleaveBuffers: @unchecked Sendable {
    let raw: UnsafePointer<Double>
    let x: UnsafeMutablePointer<Double>
    let validity: UnsafeMutablePointer<Double>?
}

/// A variable's missing-value convention (`_FillValue`, else `missing_value`); NaN is always missing.
struct MissingValues {
    let isPresent: Bool
    let fillValue: Double

    init(_ variable: Variable, in input: Dataset) throws {
        let value = try input.attribute("_FillValue", of: variable)?.doubles?.first
            ?? input.attribute("missing_value", of: variable)?.doubles?.first
        isPresent = value != nil
        fillValue = value ?? 0
    }

    func isMissing(_ raw: Double) -> Bool { raw.isNaN || (isPresent && raw == fillValue) }
}

/// CF packing: `value = raw × scale_factor + add_offset`.
struct Packing {
    let scale: Double
    let offset: Double

    init(_ variable: Variable, in input: Dataset) throws {
        scale = try input.attribute("scale_factor", of: variable)?.doubles?.first ?? 1
        offset = try input.attribute("add_offset", of: variable)?.doubles?.first ?? 0
    }

    /// Whether the variable is packed at all.
    var isActive: Bool { scale != 1 || offset != 0 }

    func unpack(_ raw: Double) -> Double { isActive ? raw * scale + offset : raw }
}
