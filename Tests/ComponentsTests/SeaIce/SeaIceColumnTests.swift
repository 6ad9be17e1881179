import Components
import Coupling
import Testing

@Suite("Sea-ice column")
struct SeaIceColumnTests {
    let p = ThermodynamicSeaIceParameters()
    let lf = PhysicalConstants.latentHeatOfFusion
    let tf = PhysicalConstants.freezingPointOfSeaWater
    let tm = PhysicalConstants.freezingPointOfFreshWater

    let winter = testForcing(temperature: 245, relativeHumidity: 0.9, shortwave: 0, longwaveDown: 180, snow: 1e-5)
    let summer = testForcing(temperature: 278, relativeHumidity: 0.9, shortwave: 600, longwaveDown: 320, rain: 2e-5)
    let freezingOcean = OceanBelowIce(temperature: PhysicalConstants.freezingPointOfSeaWater, freezingPotential: 0)

    /// Stored enthalpy change −L_f Δm minus everything the exports and imports say came in, per
    /// unit cell area (J m⁻²): zero if the step conserves energy. The precipitation and the
    /// downward longwave came over `exported`, the concentration of the last export.
    func energyResidual(_ before: SeaIceColumn, _ after: SeaIceColumn, _ f: SeaIceFluxes, _ forcing: SurfaceForcing,
                        _ ocean: OceanBelowIce, _ dt: Double, exported: Double) -> Double {
        let a = f.concentration
        let atmosphere = a * (f.shortwaveNet - f.penetratingShortwave + f.longwaveUp + f.sensibleHeat + f.latentHeat - lf * f.evaporation)
            + exported * forcing.longwaveDown
        let input = atmosphere - f.meltHeat - max(0, ocean.freezingPotential) - lf * exported * forcing.snow
        return -lf * (after.mass - before.mass) - input * dt
    }

    /// Mass change minus what the fluxes say came in, per unit cell area (kg m⁻²).
    func waterResidual(_ before: SeaIceColumn, _ after: SeaIceColumn, _ f: SeaIceFluxes, _ forcing: SurfaceForcing,
                       _ ocean: OceanBelowIce, _ dt: Double, exported: Double) -> Double {
        let input = f.concentration * f.evaporation - f.meltWater + exported * (forcing.rain + forcing.snow)
            + max(0, ocean.freezingPotential) / lf
        return after.mass - before.mass - input * dt
    }

    /// Runs one step from `before`, whose last export had the concentration `exported` (its own
    /// by default), and checks energy and water closure.
    func checkClosure(_ before: SeaIceColumn, _ forcing: SurfaceForcing, _ ocean: OceanBelowIce, dt: Double = 3600,
                      exported: Double? = nil) -> (SeaIceColumn, SeaIceFluxes) {
        var column = before
        let exported = exported ?? before.concentration
        let f = column.step(forcing: forcing, ocean: ocean, parameters: p, interval: dt, exportedConcentration: exported)
        let scale = lf * max(before.mass, column.mass) + 1000 * dt
        #expect(abs(energyResidual(before, column, f, forcing, ocean, dt, exported: exported)) < 1e-9 * scale)
        #expect(abs(waterResidual(before, column, f, forcing, ocean, dt, exported: exported)) < 1e-12 * scale)
        return (column, f)
    }

    @Test("in winter the ice grows by conduction; the surface balances below melting; energy and water close")
    func winterGrowth() {
        let before = SeaIceColumn(concentration: 0.9, thickness: 1, snow: 20, surfaceTemperature: 250)
        let (after, f) = checkClosure(before, winter, freezingOcean)
        #expect(after.thickness > 1)
        #expect(after.concentration == 0.9)
        #expect(f.surfaceTemperature < tm && f.surfaceTemperature > 235)
        #expect(f.meltWater < 0)
        let conduction = (tf - f.surfaceTemperature) / (1 / p.iceConductivity + 20 / p.snowDensity / p.snowConductivity)
        let surface = f.shortwaveNet - f.penetratingShortwave + winter.longwaveDown + f.longwaveUp + f.sensibleHeat + f.latentHeat
        #expect(abs(surface + conduction) < 1e-6)
        #expect(f.longwaveUp < 0)
        #expect(after.snow > 20)
    }

    @Test("dry air sublimates snow: evaporation is negative and latent heat is (L_v + L_f) × evaporation")
    func sublimation() {
        let dry = testForcing(temperature: 255, relativeHumidity: 0.3, shortwave: 0, longwaveDown: 200)
        let before = SeaIceColumn(concentration: 1, thickness: 1, snow: 5, surfaceTemperature: 255)
        let (after, f) = checkClosure(before, dry, freezingOcean)
        #expect(f.evaporation < 0)
        #expect(isClose(f.latentHeat, (PhysicalConstants.latentHeatOfVaporization + lf) * f.evaporation))
        #expect(isClose(after.snow, 5 + f.evaporation * 3600, relative: 1e-12))
        // Air saturated over water is supersaturated over cold ice: frost forms.
        let (_, frost) = checkClosure(before, testForcing(temperature: 250, relativeHumidity: 0.95, shortwave: 0, longwaveDown: 170),
                                      freezingOcean)
        #expect(frost.evaporation > 0)
    }

    @Test("in summer over a warm ocean the surface is at melting, the ice thins and shrinks, and heat comes from the ocean")
    func summerMelt() {
        let ocean = OceanBelowIce(temperature: tf + 1, freezingPotential: -5000)
        let before = SeaIceColumn(concentration: 0.8, thickness: 1.5, snow: 0, surfaceTemperature: 270)
        let (after, f) = checkClosure(before, summer, ocean)
        #expect(f.surfaceTemperature == tm)
        #expect(after.thickness < 1.5 && after.concentration < 0.8)
        #expect(f.meltHeat < 0 && f.meltWater > 0)
        #expect(isClose(f.meltHeat, -p.oceanHeatTransfer * 0.8, relative: 1e-12))
        #expect(f.penetratingShortwave > 0)
    }

    @Test("the ocean gives the ice no more heat than its melt potential")
    func meltPotentialLimit() {
        let ocean = OceanBelowIce(temperature: tf + 2, freezingPotential: -50)
        let (_, f) = checkClosure(SeaIceColumn(concentration: 0.5, thickness: 2, snow: 0, surfaceTemperature: 250), winter, ocean)
        #expect(isClose(f.meltHeat, -50, relative: 1e-12))
    }

    @Test("a freezing potential over open water forms new ice of the new-ice thickness")
    func newIce() {
        let ocean = OceanBelowIce(temperature: tf, freezingPotential: 300)
        let (after, f) = checkClosure(SeaIceColumn(concentration: 0, thickness: 0, snow: 0, surfaceTemperature: tf), winter, ocean)
        let volume = 300 * 3600 / (lf * PhysicalConstants.iceDensity)
        #expect(isClose(after.concentration, volume / p.newIceThickness, relative: 1e-3))
        #expect(abs(after.thickness - p.newIceThickness) < 0.01)
        #expect(f.concentration == after.concentration && f.activeConcentration == after.concentration)
        // Where the ice already covers everything, new ice thickens it.
        let (thick, _) = checkClosure(SeaIceColumn(concentration: 1, thickness: 1, snow: 0, surfaceTemperature: 250), winter, ocean)
        #expect(thick.concentration == 1 && thick.thickness > 1)
        // Open water with no freezing potential stays open and exports nothing.
        var open = SeaIceColumn(concentration: 0, thickness: 0, snow: 0, surfaceTemperature: tf)
        let none = open.step(forcing: winter, ocean: freezingOcean, parameters: p, interval: 3600, exportedConcentration: 0)
        #expect(open.concentration == 0 && none.concentration == 0 && none.meltHeat == 0 && none.surfaceTemperature == tf)
    }

    @Test("when the last ice melts the step is reported with the ice's area, and energy and water still close")
    func lastIceMelts() {
        let ocean = OceanBelowIce(temperature: tf + 3, freezingPotential: -1e5)
        let before = SeaIceColumn(concentration: 0.5, thickness: 0.05, snow: 0, surfaceTemperature: 270)
        let (after, f) = checkClosure(before, summer, ocean, dt: 86_400)
        #expect(after.concentration == 0 && after.thickness == 0 && after.mass == 0)
        #expect(f.concentration == 0.5)
        #expect(f.meltWater > 0)
    }

    @Test("across a melt-out, the precipitation given for the last exported ice reaches the ocean: the water of every step closes")
    func precipitationAcrossMeltOut() {
        let ocean = OceanBelowIce(temperature: tf + 3, freezingPotential: -1e5)
        var wet = summer
        wet.snow = 1e-5
        // The step the last ice melts: reported with the ice's area, no ice left.
        var column = SeaIceColumn(concentration: 0.5, thickness: 0.05, snow: 0, surfaceTemperature: 270)
        let (gone, melting) = checkClosure(column, wet, ocean, dt: 86_400)
        #expect(gone.mass == 0 && melting.concentration == 0.5)
        // The next step: the coupler gave the ice its share of rain, snow and downward longwave
        // over that area; all of it goes to the ocean, the snow melting with the ocean's heat,
        // and the ice now exports no concentration.
        let (after, next) = checkClosure(gone, wet, ocean, dt: 3600, exported: melting.concentration)
        #expect(after.mass == 0 && next.concentration == 0)
        #expect(isClose(next.meltWater, 0.5 * (wet.rain + wet.snow), relative: 1e-12))
        #expect(isClose(next.meltHeat, 0.5 * (wet.longwaveDown - lf * wet.snow), relative: 1e-12))
        // A shrinking cover: precipitation over the exported area, not the new one.
        column = SeaIceColumn(concentration: 0.8, thickness: 1.5, snow: 0, surfaceTemperature: 270)
        let (shrunk, _) = checkClosure(column, wet, OceanBelowIce(temperature: tf + 1, freezingPotential: -5000), exported: 0.9)
        #expect(shrunk.concentration < 0.8)
    }

    @Test("rain passes through the ice to the ocean")
    func rainPassesThrough() {
        let before = SeaIceColumn(concentration: 0.7, thickness: 2, snow: 10, surfaceTemperature: 265)
        var dry = before, wet = before
        var rainy = winter
        rainy.rain = 3e-4
        let a = dry.step(forcing: winter, ocean: freezingOcean, parameters: p, interval: 3600, exportedConcentration: 0.7)
        let b = wet.step(forcing: rainy, ocean: freezingOcean, parameters: p, interval: 3600, exportedConcentration: 0.7)
        #expect(isClose(b.meltWater - a.meltWater, 0.7 * 3e-4, relative: 1e-9))
        #expect(dry.mass == wet.mass)
    }

    @Test("shortwave passes only through snow-free ice, more through thin ice")
    func penetratingShortwave() {
        func transmitted(_ thickness: Double, snow: Double) -> Double {
            var column = SeaIceColumn(concentration: 1, thickness: thickness, snow: snow, surfaceTemperature: 265)
            return column.step(forcing: summer, ocean: freezingOcean, parameters: p, interval: 600, exportedConcentration: 1).penetratingShortwave
        }
        #expect(transmitted(1, snow: 5) == 0)
        #expect(transmitted(0.3, snow: 0) > transmitted(2, snow: 0))
        #expect(transmitted(2, snow: 0) > 0)
    }

    @Test("albedo: snow brightens the ice, thin ice is darker, melting darkens it")
    func albedos() {
        let bare = SeaIceColumn(concentration: 1, thickness: 2, snow: 0, surfaceTemperature: 260).albedos(parameters: p)
        #expect(bare == p.iceAlbedos)
        let snowy = SeaIceColumn(concentration: 1, thickness: 2, snow: 50, surfaceTemperature: 260).albedos(parameters: p)
        #expect(snowy.visibleDirect > bare.visibleDirect)
        let thin = SeaIceColumn(concentration: 1, thickness: 0.1, snow: 0, surfaceTemperature: 260).albedos(parameters: p)
        #expect(thin.visibleDirect < bare.visibleDirect)
        let melting = SeaIceColumn(concentration: 1, thickness: 2, snow: 0, surfaceTemperature: tm).albedos(parameters: p)
        #expect(isClose(melting.visibleDirect, bare.visibleDirect - p.meltingAlbedoDrop))
    }

    @Test("six months of polar night grow half a metre of ice to one or two metres")
    func winterSeason() {
        var column = SeaIceColumn(concentration: 1, thickness: 0.5, snow: 0, surfaceTemperature: 260)
        for _ in 0 ..< 180 * 24 {
            stepInPolarNight(&column)
        }
        #expect(column.thickness > 1.2 && column.thickness < 3)
        #expect(column.surfaceTemperature > 230 && column.surfaceTemperature < tf)
        #expect(column.concentration == 1)
    }

    private func stepInPolarNight(_ column: inout SeaIceColumn) {
        column.step(forcing: testForcing(temperature: 245, relativeHumidity: 0.9, shortwave: 0, longwaveDown: 180), ocean: freezingOcean,
                    parameters: p, interval: 3600, exportedConcentration: column.concentration)
    }

    @Test("without an atmosphere the ice grows by conduction only, and stays finite")
    func noAtmosphereForcing() {
        var column = SeaIceColumn(concentration: 0.9, thickness: 1, snow: 0, surfaceTemperature: 250)
        for _ in 0 ..< 10 {
            let f = column.step(forcing: noAtmosphere, ocean: freezingOcean, parameters: p, interval: 86_400,
                                exportedConcentration: column.concentration)
            #expect(f.evaporation == 0 && f.sensibleHeat == 0 && f.meltWater < 0)
        }
        #expect(column.thickness > 1 && column.surfaceTemperature > 0)
    }

    @Test("the initial ice covers both polar oceans, thicker in the north, and nothing in between")
    func initialIce() {
        let north = SeaIceColumn(latitude: 80, parameters: p), south = SeaIceColumn(latitude: -75, parameters: p)
        #expect(north.concentration > 0.9 && south.concentration > 0.9)
        #expect(north.thickness > south.thickness)
        #expect(SeaIceColumn(latitude: 50, parameters: p).concentration == 0)
    }
}
