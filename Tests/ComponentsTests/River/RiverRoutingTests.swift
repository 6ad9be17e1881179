import Components
import Coupling
import Foundation
import Testing

@Suite("River network and linear-reservoir routing")
struct RiverRoutingTests {
    /// A grid of `nlon` × `nlat` cells covering the globe: centres and areas.
    struct Grid {
        let nlon: Int, nlat: Int
        var count: Int { nlon * nlat }
        var longitude: [Double] { (0 ..< count).map { (Double($0 % nlon) + 0.5) * 360 / Double(nlon) } }
        var latitude: [Double] { (0 ..< count).map { -90 + (Double($0 / nlon) + 0.5) * 180 / Double(nlat) } }
        var area: [Double] {
            (0 ..< count).map { cell in
                let j = Double(cell / nlon), dlat = Double.pi / Double(nlat), r = PhysicalConstants.earthRadius
                return r * r * 2 * Double.pi / Double(nlon) * (sin(-Double.pi / 2 + (j + 1) * dlat) - sin(-Double.pi / 2 + j * dlat))
            }
        }
    }

    /// A reproducible sequence in [0, 1).
    struct Numbers {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// The cell a drop from `cell` ends in (an ocean cell or the bottom of a closed basin).
    func end(of cell: Int, in network: RiverNetwork) -> Int {
        var cell = cell, steps = 0
        while let next = network.downstream[cell] {
            cell = next
            steps += 1
            precondition(steps <= network.cellCount, "a path longer than the grid")
        }
        return cell
    }

    @Test("on slopes down to an ocean column every land cell drains to its lowest neighbour, across the date line too")
    func slope() throws {
        // Ocean in column 0; the land rises by 100 m per column away from it (either way round
        // the periodic longitude) and by 1 m per row northward.
        let grid = Grid(nlon: 12, nlat: 6)
        let isOcean = (0 ..< grid.count).map { $0 % grid.nlon == 0 }
        func columnsFromOcean(_ i: Int) -> Int { min(i, grid.nlon - i) }
        let elevation = (0 ..< grid.count).map { Double(columnsFromOcean($0 % grid.nlon)) * 100 + Double($0 / grid.nlon) }
        let network = try RiverNetwork(longitudeCount: grid.nlon, latitudeCount: grid.nlat, isOcean: isOcean, elevation: elevation)
        for cell in 0 ..< grid.count {
            if isOcean[cell] {
                #expect(network.downstream[cell] == nil)
                continue
            }
            let next = try #require(network.downstream[cell])
            let (i, j) = (cell % grid.nlon, cell / grid.nlon)
            #expect(columnsFromOcean(next % grid.nlon) == columnsFromOcean(i) - 1, "cell \(cell) drains to \(next)")
            #expect(next / grid.nlon == max(j - 1, 0), "cell \(cell) drains to \(next)")
            #expect(isOcean[end(of: cell, in: network)])
        }
        // Column 11 reaches the ocean eastward, over the date line.
        #expect(network.downstream[11] == 0)
    }

    @Test("water leaves a depression over its lowest pass")
    func depression() throws {
        // A 7 × 7 plateau at 100 m with ocean around it, a pit at its centre at 10 m and, east of
        // the pit, a valley at 50 m down to the ocean: the pit drains into the valley.
        let grid = Grid(nlon: 9, nlat: 9)
        var isOcean = [Bool](repeating: true, count: grid.count)
        var elevation = [Double](repeating: 0, count: grid.count)
        for j in 1 ... 7 { for i in 1 ... 7 { isOcean[j * 9 + i] = false; elevation[j * 9 + i] = 100 } }
        let pit = 4 * 9 + 4
        elevation[pit] = 10
        for i in 5 ... 7 { elevation[4 * 9 + i] = 50 }
        let network = try RiverNetwork(longitudeCount: 9, latitudeCount: 9, isOcean: isOcean, elevation: elevation)
        #expect(network.downstream[pit] == pit + 1)
        #expect(network.downstream[pit + 1] == pit + 2)
        #expect(network.downstream[pit + 3].map { isOcean[$0] } == true)
        for cell in 0 ..< grid.count where !isOcean[cell] { #expect(isOcean[end(of: cell, in: network)]) }
    }

    @Test("directions that go round in a circle or jump are refused, naming a cell")
    func badDirections() {
        let isOcean = [false, false, false, true]
        #expect(throws: RiverNetworkError.self) {
            try RiverNetwork(longitudeCount: 4, latitudeCount: 1, isOcean: isOcean, downstream: [1, 2, 0, nil])
        }
        let error = #expect(throws: RiverNetworkError.self) {
            try RiverNetwork(longitudeCount: 8, latitudeCount: 1, isOcean: [Bool](repeating: false, count: 8),
                             downstream: [4, nil, nil, nil, nil, nil, nil, nil])
        }
        #expect(error?.description.contains("cell 0") == true)
    }

    @Test("over a year the storage changes by the runoff in minus the discharge out, to round-off")
    func yearBudget() throws {
        let grid = Grid(nlon: 36, nlat: 18)
        var numbers = Numbers(state: 7)
        let elevation = (0 ..< grid.count).map { _ in numbers.next() * 3000 - 1000 }
        let isOcean = elevation.map { $0 < 0 }
        let network = try RiverNetwork(longitudeCount: grid.nlon, latitudeCount: grid.nlat, isOcean: isOcean, elevation: elevation)
        var routing = try LinearReservoirRouting(network: network, longitude: grid.longitude, latitude: grid.latitude, area: grid.area)
        let area = grid.area, dt = 3 * 3600.0
        var runIn = 0.0, dischargedOut = 0.0, gross = 0.0
        for _ in 0 ..< 365 * 8 {
            // Runoff on ocean cells too (from coastal cells of a coarser land grid): discharged at once.
            let runoff = (0 ..< grid.count).map { isOcean[$0] ? numbers.next() * 1e-6 : numbers.next() * 2e-5 }
            let discharge = try routing.step(runoff: runoff, seconds: dt)
            for cell in 0 ..< grid.count {
                runIn += runoff[cell] * area[cell] * dt
                dischargedOut += discharge[cell] * area[cell] * dt
                #expect(isOcean[cell] || discharge[cell] == 0)
            }
        }
        gross = runIn + dischargedOut
        let imbalance = routing.totalStorage - (runIn - dischargedOut)
        print("river routing, one year: runoff in \(runIn) kg, discharge out \(dischargedOut) kg, storage \(routing.totalStorage) kg, "
            + "imbalance \(imbalance) kg (\(imbalance / gross) of the gross fluxes)")
        #expect(dischargedOut > 0.5 * runIn)
        #expect(abs(imbalance) <= 1e-12 * gross)
    }

    @Test("a closed basin keeps its water, and a lone reservoir empties as e^(−t/τ)")
    func closedBasinAndDecay() throws {
        let grid = Grid(nlon: 4, nlat: 1)
        // Cell 0 drains into the basin at cell 1, which drains nowhere; cell 2 drains into the ocean at cell 3.
        let network = try RiverNetwork(longitudeCount: 4, latitudeCount: 1, isOcean: [false, false, false, true], downstream: [1, nil, 3, nil])
        var routing = try LinearReservoirRouting(network: network, longitude: grid.longitude, latitude: grid.latitude, area: grid.area)
        let area = grid.area, dt = 86_400.0
        _ = try routing.step(runoff: [1e-5, 1e-5, 1e-5, 0], seconds: dt)
        let start = routing.storage
        var delivered = 0.0
        for _ in 0 ..< 10 { delivered += try routing.step(runoff: [0, 0, 0, 0], seconds: dt)[3] * area[3] * dt }
        // The basin holds all that fell on cells 0 and 1, to round-off.
        let basin = 1e-5 * (area[0] + area[1]) * dt
        #expect(abs(routing.storage[0] + routing.storage[1] - basin) <= 1e-12 * basin)
        // Cell 2 alone: S(t) = S(0) e^(−t/τ), τ = distance / velocity.
        let tau = routing.residenceTime[2]
        let expected = start[2] * exp(-10 * dt / tau)
        #expect(abs(routing.storage[2] - expected) <= 1e-12 * start[2])
        #expect(abs(delivered - (start[2] - routing.storage[2])) <= 1e-12 * start[2])
    }
}
