import Coupling
#if canImport(Glibc)
import Glibc
#endif

/// River routing by linear reservoirs: each land cell of a `RiverNetwork` holds a storage of
/// water S (kg) that flows to the cell downstream at the rate S/τ, with τ = L/v the time water
/// takes over the distance L between the two cells' centres at the effective velocity v. Runoff
/// from the land adds to the storage; what flows out of a land cell into an ocean cell is the
/// river's discharge there, and runoff that falls on an ocean cell (from a coastal land cell of
/// a coarser land grid) is discharged where it falls. A closed basin (no downstream cell) keeps
/// its water.
///
/// Over a step of Δt each cell passes on S·(1 − e^(−Δt/τ)) of the storage it had at the start
/// of the step (the exact outflow of a reservoir without inflow), then gains its runoff and its
/// upstream neighbours' outflow. Water is neither made nor lost: the change of the total
/// storage over a step is the runoff in minus the discharge out, to round-off.
public struct LinearReservoirRouting: Sendable {
    /// Where each cell drains.
    public let network: RiverNetwork
    /// Each cell's area (m²).
    public let area: [Double]
    /// The share of a land cell's storage it passes on over one step, per land cell (0 for
    /// ocean cells and closed basins), for the step length `stepSeconds`.
    private var leaving: [Double]
    private var leavingStep = 0.0
    /// Each cell's residence time τ (s), infinite where the water stays.
    public let residenceTime: [Double]
    /// The water each land cell holds (kg); 0 on ocean cells.
    public var storage: [Double]

    /// The effective velocity of river water when none is given (m/s), as in RTM.
    public static let standardVelocity = 0.35

    /// Routing over `network` with cell centres `longitude`, `latitude` (degrees), cell areas
    /// `area` (m²) and an effective velocity `velocity` (m/s); every storage starts at 0.
    public init(network: RiverNetwork, longitude: [Double], latitude: [Double], area: [Double],
                velocity: Double = standardVelocity) throws(RiverNetworkError) {
        let n = network.cellCount
        guard longitude.count == n, latitude.count == n, area.count == n else {
            throw RiverNetworkError("\(longitude.count) longitudes, \(latitude.count) latitudes and \(area.count) areas for \(n) cells")
        }
        guard velocity > 0, velocity.isFinite else { throw RiverNetworkError("the river velocity is \(velocity) m/s; it must be positive") }
        if let cell = area.indices.first(where: { !(area[$0] > 0) || !area[$0].isFinite }) {
            throw RiverNetworkError("the area of cell \(cell) is \(area[cell]) m²")
        }
        self.network = network
        self.area = area
        residenceTime = (0 ..< n).map { cell in
            guard let next = network.downstream[cell] else { return .infinity }
            return Self.distance(longitude[cell], latitude[cell], longitude[next], latitude[next]) / velocity
        }
        storage = [Double](repeating: 0, count: n)
        leaving = [Double](repeating: 0, count: n)
    }

    /// The total water held (kg), summed in cell order.
    public var totalStorage: Double { storage.reduce(0, +) }

    /// Routes over `seconds` with `runoff` (kg m-2 s-1 per cell) and returns
    /// the discharge into each ocean cell over the step, per unit of its area (kg m-2 s-1; 0 on
    /// land). Throws naming the cell of a runoff that is not finite.
    public mutating func step(runoff: [Double], seconds: Double) throws(RiverNetworkError) -> [Double] {
        let n = network.cellCount
        guard runoff.count == n else { throw RiverNetworkError("\(runoff.count) runoff values for \(n) cells") }
        if let cell = runoff.indices.first(where: { !runoff[$0].isFinite }) {
            throw RiverNetworkError("the runoff into cell \(cell) is \(runoff[cell])")
        }
        if seconds != leavingStep {
            leaving = residenceTime.map { $0.isFinite ? -expm1(-seconds / $0) : 0 }
            leavingStep = seconds
        }
        var discharge = (0 ..< n).map { network.isOcean[$0] ? runoff[$0] * area[$0] * seconds : 0 }
        var inflow = [Double](repeating: 0, count: n)
        // Each cell's outflow comes from its storage at the start of the step, so the order
        // only decides which sums come first; upstream first, it is the same on every run.
        for cell in network.upstreamFirst {
            let out = storage[cell] * leaving[cell]
            storage[cell] = (storage[cell] - out) + (runoff[cell] * area[cell] * seconds + inflow[cell])
            guard let next = network.downstream[cell] else { continue }
            if network.isOcean[next] { discharge[next] += out } else { inflow[next] += out }
        }
        for cell in 0 ..< n where discharge[cell] != 0 { discharge[cell] /= area[cell] * seconds }
        return discharge
    }

    /// The great-circle distance between two points given in degrees (m).
    static func distance(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> Double {
        let radians = Double.pi / 180
        let (p1, p2) = (lat1 * radians, lat2 * radians)
        let dp = p2 - p1, dl = (lon2 - lon1) * radians
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * PhysicalConstants.earthRadius * asin(min(1, h.squareRoot()))
    }
}
