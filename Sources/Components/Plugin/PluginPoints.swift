import Coupling
import MPI

/// A task's points in the order a plug-in keeps them, next to the driver's order (ascending
/// global index, as `Decomposition` has them): the plug-in's local point `p` is the driver's
/// local point `driverIndex[p]`. Converts field buffers between the driver's bundles
/// (point-major) and the plug-in's buffers (field-major, `[field][point]`, in its order).
struct PluginPoints {
    /// The task's points, for the driver.
    let decomposition: Decomposition
    /// The driver's local index of each of the plug-in's local points.
    private let driverIndex: [Int]

    /// The number of local points.
    var count: Int { driverIndex.count }

    /// The points the driver chose: contiguous blocks in task order (the plug-in's order is the
    /// driver's).
    init(blockOf grid: GridDescription, communicator: Communicator) {
        decomposition = Decomposition.block(globalSize: grid.size, parts: communicator.size, part: communicator.rank)
        driverIndex = Array(0 ..< decomposition.localSize)
    }

    /// The points the plug-in chose: `indices`, 1-based global indices of `grid` in the
    /// plug-in's order. Checks that they are in the grid and that the tasks of `communicator`
    /// own every point of it exactly once (collective).
    init(pluginIndices indices: [Int64], of grid: GridDescription, gridFile: String,
         communicator: Communicator) throws(PluginPointsError) {
        for (position, index) in indices.enumerated() where index < 1 || index > Int64(grid.size) {
            throw PluginPointsError("point \(position + 1) of \(indices.count) on task \(communicator.rank) has global index \(index), "
                + "outside the grid of \(grid.size) points (\(grid)) in \(gridFile): does the plug-in's grid size match the grid file?")
        }
        let order = indices.indices.sorted { indices[$0] < indices[$1] }
        for (a, b) in zip(order, order.dropFirst()) where indices[a] == indices[b] {
            throw PluginPointsError("task \(communicator.rank) lists global index \(indices[a]) twice (points \(a + 1) and \(b + 1))")
        }
        do {
            decomposition = try Decomposition(globalSize: grid.size, indices: order.map { Int(indices[$0]) - 1 })
        } catch {
            throw PluginPointsError("\(error)")
        }
        // Every point owned by exactly one task, checked on the tasks' segments (no task holds
        // an array over the whole grid).
        let coverage: SegmentOwners.Coverage
        do { coverage = try SegmentOwners(communicator: communicator, decomposition: decomposition).coverage(globalSize: grid.size) } catch {
            throw PluginPointsError("the tasks' points cannot be compared: \(error)")
        }
        if let missing = coverage.firstUnowned {
            throw PluginPointsError("\(coverage.unownedCount) of the \(grid.size) points of \(grid) in \(gridFile) belong to no task (the first: global index "
                + "\(missing + 1)): the tasks' points must cover the grid; does the plug-in's grid size match the grid file?")
        }
        if let shared = coverage.firstShared {
            throw PluginPointsError("global index \(shared.index + 1) belongs to \(shared.owners) tasks: each point must belong to exactly one")
        }
        var driverIndex = [Int](repeating: 0, count: indices.count)
        for (driver, plugin) in order.enumerated() { driverIndex[plugin] = driver }
        self.driverIndex = driverIndex
    }

    /// The 1-based global indices of the local points, in the plug-in's order.
    var globalIndices: [Int64] {
        driverIndex.map { Int64(decomposition.globalIndex(ofLocal: $0) + 1) }
    }

    /// `values` (one per local point, in the driver's order) in the plug-in's order.
    func pluginOrder(_ values: [Double]) -> [Double] {
        driverIndex.map { values[$0] }
    }

    /// Field `field` of a field-major `buffer` in the plug-in's order, in the driver's order.
    func driverOrder(field: Int, of buffer: [Double]) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        for (p, d) in driverIndex.enumerated() { values[d] = buffer[field * count + p] }
        return values
    }

    /// The fields of `bundle` as a field-major buffer in the plug-in's order.
    func fieldMajor(_ bundle: FieldBundle) -> [Double] {
        let n = count
        var buffer = [Double](repeating: 0, count: bundle.fieldCount * n)
        for f in 0 ..< bundle.fieldCount {
            for (p, d) in driverIndex.enumerated() { buffer[f * n + p] = bundle[field: f, point: d] }
        }
        return buffer
    }

    /// Sets every field of `bundle` from the field-major `buffer` in the plug-in's order.
    func store(_ buffer: [Double], in bundle: inout FieldBundle) {
        let n = count
        for f in 0 ..< bundle.fieldCount {
            for (p, d) in driverIndex.enumerated() { bundle[field: f, point: d] = buffer[f * n + p] }
        }
    }
}

/// A plug-in's choice of points that the driver cannot use, with the reason.
struct PluginPointsError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
