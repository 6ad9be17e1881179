import Coupling

/// The ice and snow mass of a cell during a sea-ice step, and the heat and water it passes
/// to the ocean, all per unit cell area. Melting removes snow before ice at the top and ice
/// before snow at the base; what cannot be used because the mass is gone goes to the ocean.
struct SeaIceLedger: Sendable {
    /// Ice mass, kg m⁻².
    private(set) var ice: Double
    /// Snow mass, kg m⁻².
    private(set) var snow: Double
    /// Heat given to the ocean, J m⁻² (negative: taken from it).
    private(set) var heatToOcean = 0.0
    /// Water given to the ocean, kg m⁻² (negative: taken from it).
    private(set) var waterToOcean = 0.0

    /// A ledger starting with `ice` and `snow`.
    init(ice: Double, snow: Double) {
        self.ice = ice
        self.snow = snow
    }

    private static let latentHeat = PhysicalConstants.latentHeatOfFusion

    /// Takes `energy` J m⁻² of heat from the ocean (the heat that reached the ice base).
    mutating func takeOceanHeat(_ energy: Double) {
        heatToOcean -= energy
    }

    /// Passes `energy` J m⁻² of heat from above straight to the ocean.
    mutating func passHeatToOcean(_ energy: Double) {
        heatToOcean += energy
    }

    /// Freezes `mass` of ocean water onto the base.
    mutating func freezeOntoBase(_ mass: Double) {
        ice += mass
        waterToOcean -= mass
    }

    /// Adds deposition (`mass` > 0) as snow or removes sublimation (`mass` < 0) from snow,
    /// then ice; vapour the ice cannot supply comes from the ocean's water, and the heat of
    /// fusion it would have taken goes to the ocean.
    mutating func exchangeVapour(_ mass: Double) {
        if mass >= 0 {
            snow += mass
            return
        }
        let unmet = remove(-mass, snowFirst: true)
        waterToOcean -= unmet
        heatToOcean += Self.latentHeat * unmet
    }

    /// Melts snow, then ice, with `energy` J m⁻²; the melt water goes to the ocean.
    mutating func meltTop(energy: Double) {
        melt(energy: energy, snowFirst: true)
    }

    /// Melts ice, then snow, with `energy` J m⁻²; the melt water goes to the ocean.
    mutating func meltBase(energy: Double) {
        melt(energy: energy, snowFirst: false)
    }

    /// Melts all the ice and snow left with heat from the ocean.
    mutating func meltRemnant() {
        let mass = ice + snow
        ice = 0
        snow = 0
        waterToOcean += mass
        heatToOcean -= Self.latentHeat * mass
    }

    /// Adds snowfall `snow` and rain `rain` (kg m⁻²): snow lands on the ice if there is ice
    /// (`onIce`), else melts into the ocean with the ocean's heat; rain passes to the ocean.
    mutating func receivePrecipitation(snow snowfall: Double, rain: Double, onIce: Bool) {
        if onIce {
            snow += snowfall
        } else {
            waterToOcean += snowfall
            heatToOcean -= Self.latentHeat * snowfall
        }
        waterToOcean += rain
    }

    private mutating func melt(energy: Double, snowFirst: Bool) {
        let wanted = energy / Self.latentHeat
        let unmet = remove(wanted, snowFirst: snowFirst)
        waterToOcean += wanted - unmet
        heatToOcean += Self.latentHeat * unmet
    }

    /// Removes `mass` from snow and ice in the given order; returns what was not there.
    private mutating func remove(_ mass: Double, snowFirst: Bool) -> Double {
        var left = mass
        func take(_ store: inout Double) {
            let taken = min(store, left)
            store -= taken
            left -= taken
        }
        if snowFirst {
            take(&snow)
            take(&ice)
        } else {
            take(&ice)
            take(&snow)
        }
        return left
    }
}
