import Components
import Coupling
import Testing
import TimeManager

@Suite("Slab atmosphere column")
struct SlabAtmosphereColumnTests {
    let p = SlabAtmosphereParameters()

    /// A sea-like surface at `temperature` emitting as a black body and evaporating `evaporation`.
    func surface(temperature: Double = 290, evaporation: Double = -3e-5, sensible: Double = -15) -> MergedSurface {
        let t2 = temperature * temperature
        return MergedSurface(temperature: temperature, albedos: SurfaceAlbedos(visible: 0.1, nearInfrared: 0.2), zonalStress: 0.05,
                             meridionalStress: 0, latentHeat: PhysicalConstants.latentHeatOfVaporization * evaporation,
                             sensibleHeat: sensible, longwaveUp: -PhysicalConstants.stefanBoltzmann * t2 * t2, evaporation: evaporation)
    }

    @Test("the column's heat content changes by exactly its net heating", arguments: [260.0, 285.0, 300.0])
    func energyClosure(temperature: Double) {
        var column = SlabAtmosphereColumn(temperature: temperature, water: 1.1 * p.condensationThreshold * p.saturatedColumnWater(temperature: temperature))
        let before = column.temperature
        let budget = column.step(surface: surface(), insolation: 400, latitude: 30, parameters: p, interval: 1800)
        #expect(budget.condensationHeating > 0)
        #expect(budget.transportHeating != 0)
        #expect(isClose(p.heatCapacity * (column.temperature - before), budget.heating * 1800, relative: 1e-9))
        let terms = budget.absorbedShortwave + budget.absorbedLongwave - budget.emittedLongwave + budget.sensibleHeat
            + budget.condensationHeating + budget.transportHeating
        #expect(isClose(terms, budget.heating))
    }

    @Test("column water changes by exactly evaporation minus precipitation")
    func waterClosure() {
        var column = SlabAtmosphereColumn(temperature: 295, water: 60)
        let before = column.water
        let budget = column.step(surface: surface(evaporation: -4e-5), insolation: 300, latitude: 10, parameters: p, interval: 3600)
        #expect(budget.precipitation > 0)
        #expect(budget.evaporation == 4e-5)
        #expect(isClose(column.water - before, (budget.evaporation - budget.precipitation) * 3600, relative: 1e-12))
    }

    @Test("the column loses exactly the radiation and precipitation it exported for the step")
    func exportsMatchTheBudget() {
        var column = SlabAtmosphereColumn(temperature: 288, water: 40)
        let output = column.output(insolation: 500, latitude: 45, parameters: p, interval: 1800)
        let budget = column.step(surface: surface(), insolation: 500, latitude: 45, parameters: p, interval: 1800)
        #expect(budget.precipitation == output.forcing.rain + output.forcing.snow)
        let upward = budget.emittedLongwave - output.forcing.longwaveDown
        #expect(isClose(budget.outgoingLongwave, upward + (1 - p.emissivity) * -surface().longwaveUp))
        // Sunlight goes back to space, into the column or into the surface.
        let absorbedBySurface = output.forcing.shortwave.absorbed(by: surface().albedos)
        #expect(isClose(budget.insolation, budget.reflectedShortwave + budget.absorbedShortwave + absorbedBySurface))
    }

    @Test("precipitation starts only above the condensation threshold")
    func precipitationThreshold() {
        let threshold = p.condensationThreshold * p.saturatedColumnWater(temperature: 290)
        #expect(SlabAtmosphereColumn(temperature: 290, water: threshold).precipitation(parameters: p, interval: 1800) == 0)
        let moist = SlabAtmosphereColumn(temperature: 290, water: threshold + 10)
        #expect(isClose(moist.precipitation(parameters: p, interval: 1800), 10 / p.precipitationTimescale))
        // A step longer than τ_p removes the whole excess, no more.
        #expect(isClose(moist.precipitation(parameters: p, interval: 86_400), 10 / 86_400.0))
    }

    @Test("below freezing it snows and releases the latent heat of fusion too; above it rains")
    func rainAndSnow() {
        let cold = SlabAtmosphereColumn(temperature: 260, water: 10)
        let coldOutput = cold.output(insolation: 0, latitude: 70, parameters: p, interval: 1800)
        #expect(coldOutput.forcing.snow > 0 && coldOutput.forcing.rain == 0)
        #expect(coldOutput.convectiveSnow == 0)
        var stepped = cold
        let budget = stepped.step(surface: surface(temperature: 255, evaporation: 0, sensible: 0), insolation: 0, latitude: 70,
                                  parameters: p, interval: 1800)
        let latent = PhysicalConstants.latentHeatOfVaporization + PhysicalConstants.latentHeatOfFusion
        #expect(isClose(budget.condensationHeating, latent * coldOutput.forcing.snow))

        let warm = SlabAtmosphereColumn(temperature: 300, water: 70).output(insolation: 0, latitude: 0, parameters: p, interval: 1800)
        #expect(warm.forcing.rain > 0 && warm.forcing.snow == 0)
        #expect(warm.convectiveRain > warm.largeScaleRain)
        #expect(isClose(warm.convectiveRain + warm.largeScaleRain, warm.forcing.rain))
    }

    @Test("the exported air is consistent: never supersaturated, ideal-gas density, longwave from the layer")
    func exportedState() {
        let column = SlabAtmosphereColumn(temperature: 290, water: 500)
        let output = column.output(insolation: 800, latitude: -20, parameters: p, interval: 1800)
        let air = output.forcing.air
        #expect(air.height == 10)
        #expect(abs(air.pressure - 101_325) < 200)
        #expect(isClose(air.density, air.pressure / (PhysicalConstants.dryAirGasConstant * air.temperature)))
        #expect(isClose(air.specificHumidity, SaturationCurve.water.humidity(temperature: 290, airDensity: air.density)))
        #expect(air.potentialTemperature > air.temperature && air.potentialTemperature < air.temperature + 0.2)
        let t = 290 - p.lapseRate * p.downwardEmissionHeight
        #expect(isClose(output.forcing.longwaveDown, p.emissivity * PhysicalConstants.stefanBoltzmann * t * t * t * t))
        #expect(isClose(output.forcing.shortwave.total, 800 * (1 - p.shortwaveAbsorptance - p.cloudAlbedo)))
        #expect(isClose(output.forcing.shortwave.visibleDirect + output.forcing.shortwave.visibleDiffuse, 0.5 * output.forcing.shortwave.total))
        // A drier column has drier air.
        let dry = SlabAtmosphereColumn(temperature: 290, water: 10).output(insolation: 0, latitude: 0, parameters: p, interval: 1800)
        #expect(isClose(dry.forcing.air.specificHumidity, 10 / (dry.forcing.air.density * p.waterScaleHeight)))
    }

    @Test("winds: easterly trades, westerlies in mid-latitudes, the same in both hemispheres")
    func winds() {
        let wind = ClimatologicalWind()
        #expect(wind.zonalWind(latitude: 15) < -5)
        #expect(wind.zonalWind(latitude: 45) > 8)
        #expect(wind.zonalWind(latitude: 75) < -2)
        #expect(wind.zonalWind(latitude: -45) == wind.zonalWind(latitude: 45))
        #expect(ClimatologicalWind(scale: 2).zonalWind(latitude: 45) == 2 * wind.zonalWind(latitude: 45))
    }

    @Test("the relaxation pulls toward the reference temperature and is off with a zero timescale")
    func transport() {
        var warm = SlabAtmosphereColumn(temperature: 310, water: 5)
        #expect(warm.step(surface: surface(), insolation: 0, latitude: 0, parameters: p, interval: 3600).transportHeating < 0)
        var off = p
        off.transportTimescale = 0
        var column = SlabAtmosphereColumn(temperature: 310, water: 5)
        #expect(column.step(surface: surface(), insolation: 0, latitude: 0, parameters: off, interval: 3600).transportHeating == 0)
        #expect(p.referenceTemperature(latitude: 0) == p.equatorTemperature)
        #expect(p.referenceTemperature(latitude: -90) == p.poleTemperature)
    }

    @Test("over a surface that follows the air, two years of daily cycles stay finite and physical")
    func longRun() {
        let sun = SolarGeometry(calendar: .noLeap)
        var column = SlabAtmosphereColumn(latitude: 50, parameters: p)
        var time = ModelTime(seconds: 365 * 86_400)
        var lowest = Double.infinity, highest = -Double.infinity
        for _ in 0 ..< 2 * 365 * 24 {
            let end = time + 3600
            let insolation = sun.meanInsolation(latitude: 50, longitude: 0, from: time, until: end)
            // A wet surface 2 K warmer than the air that evaporates more when warmer.
            let ts = column.temperature + 2
            let evaporation = -2e-7 * (ts - 250)
            column.step(surface: surface(temperature: ts, evaporation: evaporation, sensible: -10), insolation: insolation,
                        latitude: 50, parameters: p, interval: 3600)
            lowest = min(lowest, column.temperature)
            highest = max(highest, column.temperature)
            time = end
        }
        #expect(column.temperature.isFinite && column.water.isFinite)
        #expect(lowest > 240 && highest < 320)
        #expect(column.water > 0 && column.water < p.saturatedColumnWater(temperature: column.temperature))
    }
}
