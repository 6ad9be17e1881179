/// Least squares with non-negative unknowns for a few (at most 3) unknowns, solved exactly:
/// minimise ‖X β − y‖² subject to β ≥ 0.
///
/// Some optimal β has linearly independent columns on its support (the unknowns that are not 0),
/// and on that support it is the plain least-squares solution. So every support (subset of
/// columns) is solved without constraints; the best solution with no negative entry is the
/// answer. With 3 unknowns that is 7 small problems, each solved by a QR factorisation of the
/// columns scaled to unit length (no normal equations, whose conditioning would be the square).
struct NonNegativeLeastSquares {
    /// The columns of X, each with one entry per equation.
    let columns: [[Double]]
    /// The right-hand side, one entry per equation.
    let target: [Double]

    /// The solution: one coefficient per column, and the sum of squared residuals.
    func solve() -> (coefficients: [Double], residual: Double) {
        precondition(columns.count <= 3 && columns.allSatisfy { $0.count == target.count }, "a small, consistent problem")
        var best = (coefficients: [Double](repeating: 0, count: columns.count), residual: target.reduce(0) { $0 + $1 * $1 })
        for support in 1 ..< (1 << columns.count) {
            let chosen = (0 ..< columns.count).filter { support & (1 << $0) != 0 }
            guard let partial = leastSquares(chosen.map { columns[$0] }), partial.allSatisfy({ $0 >= 0 }) else { continue }
            var coefficients = [Double](repeating: 0, count: columns.count)
            for (index, column) in chosen.enumerated() { coefficients[column] = partial[index] }
            let r = residual(coefficients)
            if r < best.residual { best = (coefficients, r) }
        }
        return best
    }

    /// ‖X β − y‖².
    func residual(_ coefficients: [Double]) -> Double {
        var sum = 0.0
        for row in target.indices {
            var value = -target[row]
            for (column, beta) in zip(columns, coefficients) { value += column[row] * beta }
            sum += value * value
        }
        return sum
    }

    /// The unconstrained least-squares coefficients for `chosen` columns, or nil when those columns
    /// are (numerically) linearly dependent. Modified Gram–Schmidt with one re-orthogonalisation,
    /// on columns scaled to unit length.
    private func leastSquares(_ chosen: [[Double]]) -> [Double]? {
        let norms = chosen.map { column in column.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        guard norms.allSatisfy({ $0 > 0 }) else { return nil }
        var q = zip(chosen, norms).map { column, norm in column.map { $0 / norm } }
        let k = q.count
        var r = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for j in 0 ..< k {
            for _ in 0 ..< 2 {
                for i in 0 ..< j {
                    let projection = dot(q[i], q[j])
                    r[i][j] += projection
                    for row in q[j].indices { q[j][row] -= projection * q[i][row] }
                }
            }
            let length = dot(q[j], q[j]).squareRoot()
            // Unit columns: a remainder this short means the column lies in the span of the others.
            guard length > 1e-10 else { return nil }
            r[j][j] = length
            q[j] = q[j].map { $0 / length }
        }
        // R β' = Qᵀ y, then undo the column scaling.
        var scaled = q.map { dot($0, target) }
        for j in stride(from: k - 1, through: 0, by: -1) {
            for i in (j + 1) ..< k { scaled[j] -= r[j][i] * scaled[i] }
            scaled[j] /= r[j][j]
        }
        return zip(scaled, norms).map { $0 / $1 }
    }

    private func dot(_ u: [Double], _ v: [Double]) -> Double {
        zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
