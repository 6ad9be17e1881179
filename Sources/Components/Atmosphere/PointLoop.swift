import Coupling

/// One point's exports: its slice of a point-major `FieldBundle`'s storage, written by the
/// thread that owns the point.
struct ExportRow {
    fileprivate let values: UnsafeMutableBufferPointer<Double>

    /// Sets the value of field number `field` (as `FieldBundle.index(of:)` gives it).
    subscript(field: Int) -> Double {
        get { values[field] }
        nonmutating set { values[field] = newValue }
    }
}

/// A buffer the threads of a `ThreadTeam` share, each writing only its own elements.
private struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<Element>
}

extension ThreadTeam {
    /// Calls `update(point, &states[point], exportRow)` for every local point, the points
    /// split over the team's threads. Each call touches only its own point's state and
    /// exports, so the results are the same bits for any number of threads or tasks.
    func updatePoints<State: Sendable>(_ states: inout [State], exports: inout FieldBundle,
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
