/// One point's exports: its slice of a point-major `FieldBundle`'s storage, written by the
/// thread that owns the point. Valid only inside the `updatePoints` call that hands it out.
public struct ExportRow {
    @usableFromInline let values: UnsafeMutableBufferPointer<Double>

    @usableFromInline init(values: UnsafeMutableBufferPointer<Double>) {
        self.values = values
    }

    /// The value of field number `field` (as `FieldBundle.index(of:)` or `requiredIndex(of:for:)`
    /// gives it) at this point.
    @inlinable
    public subscript(field: Int) -> Double {
        get { values[field] }
        nonmutating set { values[field] = newValue }
    }
}

/// A buffer the threads of a `ThreadTeam` share, each writing only its own elements.
@usableFromInline
struct SharedBuffer<Element>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutableBufferPointer<Element>

    @usableFromInline init(base: UnsafeMutableBufferPointer<Element>) {
        self.base = base
    }
}

extension ThreadTeam {
    /// Calls `update(point, &states[point], exportRow)` for every local point, the points
    /// split over the team's threads (`parallelFor`). Each call touches only its own point's
    /// state and exports, so the results are the same bits for any number of threads or tasks.
    /// `states` holds one value per point of `exports`. `update` must not call MPI (only the
    /// main thread may) and may read, but not change, anything else it captures.
    @inlinable
    public func updatePoints<State: Sendable>(_ states: inout [State], exports: inout FieldBundle,
                                              _ update: @Sendable (Int, inout State, ExportRow) -> Void) {
        precondition(states.count == exports.pointCount, "one state per exported point")
        let fieldCount = exports.fieldCount
        states.withUnsafeMutableBufferPointer { stateBuffer in
            exports.storage.withUnsafeMutableBufferPointer { exportBuffer in
                let shared = (states: SharedBuffer(base: stateBuffer), exports: SharedBuffer(base: exportBuffer))
                parallelFor(0 ..< stateBuffer.count) { points in
                    for point in points {
                        let row = UnsafeMutableBufferPointer(rebasing: shared.exports.base[point * fieldCount ..< (point + 1) * fieldCount])
                        update(point, &shared.states.base[point], ExportRow(values: row))
                    }
                }
            }
        }
    }
}
