extension Mapper {
    /// Computes values on every entry of the map (an overlap of a source and a destination
    /// cell, for a conservative map: the exchange grid) and sums them to the destination.
    ///
    /// For each of this rank's destination points `j` and each entry `e` of its row, in the
    /// weights file's order, `kernel` gets the source point's values of every field of `x`
    /// (gathered from other ranks as `map` gathers them), `j`'s local index, and room for
    /// `outputs.count` values; `y`'s fields `outputs` at `j` become `Σ_e S_e · value_e / Σ_e S_e`,
    /// the entries' weighted mean, summed in file order from zero (the same bits on any
    /// decomposition), and `emptyValue` where the row has no weight. `y`'s other fields keep
    /// their values. Returns each destination point's `Σ_e S_e`. Collective over the
    /// communicator (the gathering); the rows are computed on one thread.
    public func mapEntries(of x: FieldBundle, into y: inout FieldBundle, fields outputs: [Int], emptyValue: Double = 0,
                           kernel: (_ source: UnsafePointer<Double>, _ destination: Int, _ values: UnsafeMutablePointer<Double>) -> Void) throws
        -> [Double] {
        guard x.pointCount == source.localSize, y.pointCount == destination.localSize, outputs.allSatisfy({ (0 ..< y.fieldCount).contains($0) }) else {
            throw ExchangeError("map \(weightsPath): bundles of \(x.pointCount) and \(y.pointCount) points given for values on its entries; "
                + "the map needs \(source.localSize) source and \(destination.localSize) destination points")
        }
        try gatherHalo(of: x)
        let k = x.fieldCount, ky = y.fieldCount, m = outputs.count, nLocal = source.localSize, matrix = self.matrix
        var rowWeights = [Double](repeating: 0, count: matrix.rowCount)
        var values = [Double](repeating: 0, count: m), sums = [Double](repeating: 0, count: m)
        x.storage.withUnsafeBufferPointer { xs in
            haloBuffer.withUnsafeBufferPointer { h in
                y.storage.withUnsafeMutableBufferPointer { ys in
                    values.withUnsafeMutableBufferPointer { values in
                        for row in 0 ..< matrix.rowCount {
                            var weight = 0.0
                            for f in 0 ..< m { sums[f] = 0 }
                            for e in matrix.rowStarts[row] ..< matrix.rowStarts[row + 1] {
                                let column = Int(matrix.sourceIndex[e]), s = matrix.weights[e]
                                let point = column < nLocal ? xs.baseAddress! + column * k : h.baseAddress! + (column - nLocal) * k
                                kernel(point, row, values.baseAddress!)
                                for f in 0 ..< m { sums[f] += s * values[f] }
                                weight += s
                            }
                            rowWeights[row] = weight
                            for (f, target) in outputs.enumerated() { ys[row * ky + target] = weight == 0 ? emptyValue : sums[f] / weight }
                        }
                    }
                }
            }
        }
        return rowWeights
    }
}
