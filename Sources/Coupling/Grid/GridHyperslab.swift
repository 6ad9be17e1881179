/// A rectangular part of a grid in file terms: what a rank writes or reads for a run of
/// consecutive points of the grid's C-order flattening.
public struct GridHyperslab: Sendable, Equatable {
    /// The start over the grid's dimensions.
    public let start: [Int]
    /// The count over the grid's dimensions.
    public let count: [Int]
    /// The first flattened point it covers.
    public let firstPoint: Int
    /// How many flattened points it covers.
    public let pointCount: Int
}

/// The hyperslabs covering flattened points `range` of a grid of `shape` (1 or 2 dimensions),
/// in order: for a 2-D grid, a partial first row, whole middle rows and a partial last row.
public func hyperslabs(covering range: Range<Int>, shape: [Int]) -> [GridHyperslab] {
    guard !range.isEmpty else { return [] }
    if shape.count == 1 {
        return [GridHyperslab(start: [range.lowerBound], count: [range.count], firstPoint: range.lowerBound, pointCount: range.count)]
    }
    precondition(shape.count == 2, "grids of 1 or 2 dimensions")
    let width = shape[1]
    var slabs = [GridHyperslab]()
    var point = range.lowerBound
    while point < range.upperBound {
        let row = point / width, column = point % width
        if column != 0 || range.upperBound - point < width {
            let n = min(width - column, range.upperBound - point)
            slabs.append(GridHyperslab(start: [row, column], count: [1, n], firstPoint: point, pointCount: n))
            point += n
        } else {
            let rows = (range.upperBound - point) / width
            slabs.append(GridHyperslab(start: [row, 0], count: [rows, width], firstPoint: point, pointCount: rows * width))
            point += rows * width
        }
    }
    return slabs
}
