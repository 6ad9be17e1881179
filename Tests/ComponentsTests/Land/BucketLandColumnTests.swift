import Components
import Coupling
import Foundation
import Testing
import TimeManager

@Suite("Bucket land column")
struct BucketLandColumnTests {
    /// The defaults: a soil that does not drain (drainage has its own test).
    let p = BucketLandParameters()
    let lv = PhysicalConstants.latentHeatOfVaporization
    let lf = PhysicalConstants.latentHeatOfFusion

    /// C ΔT + L_f × melt − Δt × net surface flux: zero if the step conserves energy.
    func energyResidual(_ before: BucketLandColumn, _ after: BucketLandColumn, _ fluxes: BucketLandFluxes,
                        _ forcing: SurfaceForcing, _ dt: Double) -> Double {
        let net = fluxes.shortwaveNet + forcing.longwaveDown + fluxes.longwaveUp + fluxes.sensibleHeat + fluxes.latentHeat
        return p.heatCapacity * (after.temperature - before.temperature) + lf * fluxes.snowMelt * dt - net * dt
    }

    @Test("energy is conserved, with and without snow melting", arguments: [(270.0, 0.0), (272.0, 30.0), (285.0, 5.0)])
    func energyClosure(temperature: Double, snow: Double) {
        let before = BucketLandColumn(temperature: temperature, soilWater: 80, snow: snow)
        var column = before
        let forcing = testForcing(temperature: 290, shortwave: 600, longwaveDown: 350, rain: 1e-4)
        let fluxes = column.step(forcing: forcing, parameters: p, interval: 3600)
        #expect(abs(energyResidual(before, column, fluxes, forcing, 3600)) < 1e-6 * p.heatCapacity)
    }

    @Test("water is conserved: storage change = rain + snow + evaporation − runoff")
    func waterClosure() {
        for (snow, soil) in [(20.0, 140.0), (0.0, 149.0), (0.5, 10.0)] {
            let before = BucketLandColumn(temperature: 276, soilWater: soil, snow: snow)
            var column = before
            let forcing = testForcing(temperature: 283, shortwave: 400, rain: 2e-3, snow: 1e-4)
            let f = column.step(forcing: forcing, parameters: p, interval: 1800)
            let stored = (column.snow + column.soilWater) - (before.snow + before.soilWater)
            #expect(isClose(stored, (forcing.rain + forcing.snow + f.evaporation - f.runoff) * 1800, relative: 1e-10, scale: 1))
        }
    }

    @Test("signs: evaporation leaves (negative), latent = L_v × evaporation, warm air heats, longwave goes up, stress follows the wind")
    func signs() {
        var column = BucketLandColumn(temperature: 288, soilWater: 120, snow: 0)
        let forcing = testForcing(temperature: 293, relativeHumidity: 0.5, wind: -6, shortwave: 0)
        let f = column.step(forcing: forcing, parameters: p, interval: 600)
        #expect(f.evaporation < 0)
        #expect(isClose(f.latentHeat, lv * f.evaporation))
        #expect(f.sensibleHeat > 0)
        #expect(f.longwaveUp < 0)
        #expect(f.zonalStress < 0 && f.meridionalStress == 0)
        #expect(f.runoff == 0)
    }

    @Test("over snow, evaporation is sublimation with latent heat L_v + L_f")
    func sublimation() {
        var column = BucketLandColumn(temperature: 260, soilWater: 50, snow: 40)
        let f = column.step(forcing: testForcing(temperature: 262, relativeHumidity: 0.3, shortwave: 0, longwaveDown: 220),
                            parameters: p, interval: 1800)
        #expect(f.evaporation < 0)
        #expect(isClose(f.latentHeat, (lv + lf) * f.evaporation))
        #expect(column.soilWater == 50)
        #expect(column.snow < 40)
    }

    @Test("a full bucket overflows: the rain runs off and the bucket stays at capacity")
    func overflow() {
        var column = BucketLandColumn(temperature: 290, soilWater: p.bucketCapacity, snow: 0)
        let forcing = testForcing(temperature: 290, relativeHumidity: 1, shortwave: 0, rain: 5e-3)
        let f = column.step(forcing: forcing, parameters: p, interval: 3600)
        #expect(column.soilWater == p.bucketCapacity)
        #expect(f.runoff > 0.9 * forcing.rain)
        #expect(isClose(f.runoff, forcing.rain + f.evaporation))
        var dry = BucketLandColumn(temperature: 290, soilWater: 10, snow: 0)
        #expect(dry.step(forcing: forcing, parameters: p, interval: 3600).runoff == 0)
    }

    @Test("the soil drains as a linear reservoir: W e^(−t/τ_d) is left, and the rest runs off")
    func drainage() {
        var drains = p
        drains.drainageTimescale = 100 * 86_400
        var column = BucketLandColumn(temperature: 280, soilWater: 100, snow: 0)
        var runoff = 0.0
        for _ in 0 ..< 10 { runoff += column.step(forcing: noAtmosphere, parameters: drains, interval: 86_400).runoff * 86_400 }
        let left = 100 * exp(-10.0 / 100)
        #expect(abs(column.soilWater - left) <= 1e-12 * 100)
        #expect(abs(runoff - (100 - column.soilWater)) <= 1e-12 * 100)
    }

    @Test("snow melts when the surface would warm above freezing, holding it at 273.15 K")
    func snowMelt() {
        var column = BucketLandColumn(temperature: 273, soilWater: 50, snow: 100)
        var melted = 0.0, deposited = 0.0, warmest = 0.0
        for _ in 0 ..< 12 {
            let f = column.step(forcing: testForcing(temperature: 283, shortwave: 300, longwaveDown: 330), parameters: p, interval: 3600)
            melted += f.snowMelt * 3600
            deposited += f.evaporation * 3600
            warmest = max(warmest, column.temperature)
        }
        #expect(column.snow > 0)
        #expect(warmest == PhysicalConstants.freezingPointOfFreshWater)
        #expect(melted > 20)
        #expect(isClose(column.snow, 100 + deposited - melted, relative: 1e-12))
        #expect(column.soilWater > 50 + 20)
        // Below freezing nothing melts.
        var cold = BucketLandColumn(temperature: 250, soilWater: 50, snow: 100)
        #expect(cold.step(forcing: testForcing(temperature: 250, shortwave: 0, longwaveDown: 200), parameters: p, interval: 3600).snowMelt == 0)
    }

    @Test("snow makes the land brighter")
    func albedo() {
        let bare = BucketLandColumn(temperature: 280, soilWater: 50, snow: 0).albedos(parameters: p)
        let snowy = BucketLandColumn(temperature: 260, soilWater: 50, snow: 100).albedos(parameters: p)
        #expect(bare == p.groundAlbedos)
        #expect(snowy.visibleDirect > bare.visibleDirect + 0.5 && snowy.nearInfraredDiffuse > bare.nearInfraredDiffuse + 0.2)
        // Net shortwave uses the albedo of the start of the step.
        var column = BucketLandColumn(temperature: 260, soilWater: 50, snow: 100)
        let forcing = testForcing(temperature: 260, shortwave: 500)
        #expect(isClose(column.step(forcing: forcing, parameters: p, interval: 600).shortwaveNet, forcing.shortwave.absorbed(by: snowy)))
    }

    @Test("an empty bucket does not evaporate; a half-full one evaporates less than a full one")
    func dryBucket() {
        func evaporation(_ soil: Double) -> Double {
            var column = BucketLandColumn(temperature: 295, soilWater: soil, snow: 0)
            return column.step(forcing: testForcing(temperature: 295, relativeHumidity: 0.4, shortwave: 0), parameters: p,
                               interval: 1800).evaporation
        }
        #expect(evaporation(0) == 0)
        #expect(evaporation(30) < 0)
        #expect(evaporation(30) > evaporation(p.bucketCapacity))
    }

    @Test("without an atmosphere the land only cools by radiation, and stays finite")
    func noAtmosphereForcing() {
        var column = BucketLandColumn(temperature: 280, soilWater: 100, snow: 0)
        for _ in 0 ..< 100 {
            let f = column.step(forcing: noAtmosphere, parameters: p, interval: 86_400)
            #expect(f.evaporation == 0 && f.sensibleHeat == 0 && f.longwaveUp < 0)
        }
        #expect(column.temperature > 0 && column.temperature < 280)
        #expect(column.soilWater == 100)
    }

    @Test("daily steps stay stable, and a year of diurnal forcing stays finite and physical")
    func longRun() {
        let sun = SolarGeometry(calendar: .noLeap)
        var column = BucketLandColumn(latitude: 45, parameters: p)
        var daily = column
        var time = ModelTime(seconds: 365 * 86_400)
        var lowest = Double.infinity, highest = -Double.infinity, waterInRange = true
        for hour in 0 ..< 365 * 24 {
            let end = time + 3600
            let day = Double(hour) / 24
            let air = 283 + 12 * sin(2 * Double.pi * (day - 100) / 365)
            let sw = 0.6 * sun.meanInsolation(latitude: 45, longitude: 0, from: time, until: end)
            let forcing = testForcing(temperature: air, shortwave: sw, longwaveDown: 0.8 * 5.67e-8 * pow4(air),
                                      rain: hour % 72 < 6 ? 1e-3 : 0, snow: air < 273 && hour % 72 < 6 ? 5e-4 : 0)
            column.step(forcing: forcing, parameters: p, interval: 3600)
            if hour % 24 == 0 { daily.step(forcing: forcing, parameters: p, interval: 86_400) }
            for c in [column, daily] {
                lowest = min(lowest, c.temperature)
                highest = max(highest, c.temperature)
                waterInRange = waterInRange && c.soilWater >= 0 && c.soilWater <= p.bucketCapacity && c.snow >= 0
            }
            time = end
        }
        #expect(lowest > 220 && highest < 330)
        #expect(waterInRange)
    }

    private func pow4(_ x: Double) -> Double { x * x * x * x }
}
