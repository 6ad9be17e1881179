import Coupling
import MPI

/// The kernel behind the `FieldBundle` storage choice: K fields mapped with the same matrix
/// rows, point-major (one pass over the matrix, K adjacent values per entry: what `Mapper`
/// does) against field-major (one pass per field over the matrix).
struct LayoutResult: Codable {
    let fields: Int
    let pointMajor: Timing
    let fieldMajor: Timing
}

func layoutWorker(weightsPath: String, fields k: Int, calls: Int, world: Communicator) throws -> LayoutResult {
    let weights = try WeightsFile(path: weightsPath)
    let source = Decomposition.block(globalSize: weights.sourceSize, parts: 1, part: 0)
    let destination = Decomposition.block(globalSize: weights.destinationSize, parts: 1, part: 0)
    let mapper = try Mapper(weights: weights, communicator: world, source: source, destination: destination)
    let rows = try weights.distributeRows(communicator: world, destination: destination)
    var x = FieldBundle(fields: (0 ..< k).map { "f\($0)" }, pointCount: source.localSize)
    for i in x.storage.indices { x.storage[i] = Double(i % 977) * 0.001 }
    var y = FieldBundle(fields: x.fieldNames, pointCount: destination.localSize)
    var pointMajor = [Double]()
    for _ in 0 ..< calls {
        let start = now()
        try mapper.map(x, into: &y)
        pointMajor.append(now() - start)
    }
    // The same values stored field-major: x[field][point].
    let fieldMajorX = (0 ..< k).map { f in (0 ..< source.localSize).map { x[field: f, point: $0] } }
    var fieldMajorY = [[Double]](repeating: [Double](repeating: 0, count: destination.localSize), count: k)
    var fieldMajor = [Double]()
    for _ in 0 ..< calls {
        let start = now()
        for f in 0 ..< k {
            fieldMajorX[f].withUnsafeBufferPointer { xs in
                fieldMajorY[f].withUnsafeMutableBufferPointer { ys in
                    rows.rowStarts.withUnsafeBufferPointer { starts in
                        rows.columns.withUnsafeBufferPointer { columns in
                            rows.weights.withUnsafeBufferPointer { s in
                                for r in 0 ..< ys.count {
                                    var sum = 0.0
                                    for e in starts[r] ..< starts[r + 1] { sum += s[e] * xs[Int(columns[e])] }
                                    ys[r] = sum
                                }
                            }
                        }
                    }
                }
            }
        }
        fieldMajor.append(now() - start)
    }
    for f in 0 ..< k { precondition(fieldMajorY[f] == y.values(of: "f\(f)"), "the two layouts must agree to the bit") }
    return LayoutResult(fields: k, pointMajor: Timing(pointMajor), fieldMajor: Timing(fieldMajor))
}
