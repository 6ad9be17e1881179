import Coupling

/// The coupler history file: every coupling field on its grid.
extension CouplerState {
    /// Writes `path` with what the coupler holds now (collective over the coupler's ranks).
    func writeHistory(path: String, caseName: String, time: (days: Double, units: String, calendar: String)) throws {
        var grids = [HistoryGrid]()
        var bundles = [HistoryBundle]()
        let fractionNames = SurfaceFractions.descriptions
        let landOnAtmosphereGrid = landGrid == nil
        if let atmosphere = atmosphereGrid {
            grids.append(HistoryGrid(prefix: "atm", domain: atmosphere))
            let land: [(String, FieldBundle?)] = landOnAtmosphereGrid ? [("l2x", received[.lnd]), ("x2l", sent[.lnd])] : [("l2x_a", landOnAtmosphere)]
            let entries: [(String, FieldBundle?)] = [("a2x", received[.atm]), ("x2a", sent[.atm])] + land
                + [("i2x_a", iceOnAtmosphere), ("xao_a", oceanOnAtmosphere)]
            for (name, bundle) in entries { if let bundle { bundles.append(HistoryBundle(name: name, gridPrefix: "atm", bundle: bundle)) } }
            bundles.append(HistoryBundle(name: "fractions_a", gridPrefix: "atm", bundle: fractions.atmosphere, extraDescriptions: fractionNames))
        }
        if let land = landGrid {
            grids.append(HistoryGrid(prefix: "lnd", domain: land))
            let entries: [(String, FieldBundle?)] = [("l2x", received[.lnd]), ("x2l", sent[.lnd]), ("a2x_l", atmosphereOnLand)]
            for (name, bundle) in entries { if let bundle { bundles.append(HistoryBundle(name: name, gridPrefix: "lnd", bundle: bundle)) } }
            bundles.append(HistoryBundle(name: "fractions_l", gridPrefix: "lnd", bundle: fractions.land, extraDescriptions: fractionNames))
        }
        if let ocean = oceanGrid {
            grids.append(HistoryGrid(prefix: "ocn", domain: ocean))
            let entries: [(String, FieldBundle?)] = [("o2x", received[.ocn]), ("x2o", sent[.ocn]), ("i2x", received[.ice]),
                                                     ("x2i", sent[.ice]), ("a2x_o", atmosphereOnOcean), ("xao", oceanFluxes)]
            for (name, bundle) in entries { if let bundle { bundles.append(HistoryBundle(name: name, gridPrefix: "ocn", bundle: bundle)) } }
            bundles.append(HistoryBundle(name: "fractions_o", gridPrefix: "ocn", bundle: fractions.ocean, extraDescriptions: fractionNames))
        }
        try HistoryFile.write(path: path, communicator: communicator, title: "coupled-driver coupler history", caseName: caseName,
                              time: time, grids: grids, bundles: bundles, table: table)
    }
}
