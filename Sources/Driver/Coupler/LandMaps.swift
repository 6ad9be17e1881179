import Coupling
import MPI

/// The maps between the atmosphere grid and a land's own grid (`atm2lnd_*`, `lnd2atm_*`), read
/// once at start-up on the coupler's ranks and checked against both grids' sizes. The land →
/// atmosphere flux map also maps the land's fraction, so the land's fluxes merged into the
/// atmosphere's surface are conserved exactly; its cell areas are the coupler's areas of the
/// land points (and of the atmosphere points when no ocean map gives them).
final class LandMaps {
    let atmToLandFlux: any FieldMap
    let atmToLandState: any FieldMap
    let landToAtmFlux: any FieldMap
    let landToAtmState: any FieldMap
    /// The maps' areas of the coupler's land and atmosphere points, when the weights give them.
    let landArea: [Double]?
    let atmosphereArea: [Double]?

    /// The maps a run with the land on its own grid needs (an unneeded direction is the
    /// identity, never applied), or `nil` when the land shares the atmosphere's grid.
    /// Collective over the coupler's ranks.
    init?(plan: CouplingPlan, settings: MapSettings, communicator: Communicator, threads: ThreadTeam,
          atmosphere: Domain?, land: Domain?) throws {
        guard plan.mapsAtmosphereToLand || plan.mapsLandToAtmosphere, let atmosphere, let land else { return nil }
        func load(_ needed: Bool, _ path: String, from source: Domain, to destination: Domain) throws -> any FieldMap {
            try loadMap(needed ? path : MapSettings.identity, from: source, to: destination, communicator: communicator, threads: threads)
        }
        atmToLandFlux = try load(plan.mapsAtmosphereToLand, settings.atmToLandFlux, from: atmosphere, to: land)
        atmToLandState = settings.atmToLandState == settings.atmToLandFlux ? atmToLandFlux
            : try load(plan.mapsAtmosphereToLand, settings.atmToLandState, from: atmosphere, to: land)
        landToAtmFlux = try load(plan.mapsLandToAtmosphere, settings.landToAtmFlux, from: land, to: atmosphere)
        landToAtmState = settings.landToAtmState == settings.landToAtmFlux ? landToAtmFlux
            : try load(plan.mapsLandToAtmosphere, settings.landToAtmState, from: land, to: atmosphere)
        let (landAreas, atmosphereAreas) = try collectively(communicator) { () -> ([Double]?, [Double]?) in
            let fromLand = plan.mapsLandToAtmosphere ? settings.landToAtmFlux : MapSettings.identity
            let toLand = plan.mapsAtmosphereToLand ? settings.atmToLandFlux : MapSettings.identity
            return (try mapAreas(fromLand, .source, over: land) ?? mapAreas(toLand, .destination, over: land),
                    try mapAreas(fromLand, .destination, over: atmosphere) ?? mapAreas(toLand, .source, over: atmosphere))
        }
        landArea = landAreas
        atmosphereArea = atmosphereAreas
    }
}
