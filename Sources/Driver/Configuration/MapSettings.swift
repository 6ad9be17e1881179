import Coupling
import Namelist

/// The mapping-weight files of `&seq_maps` (cpl7 key names), optionally completed by a CESM
/// `seq_maps.rc` file named by `maps_file`: each is a path (relative to the namelist) or
/// `'idmap'` for components on the same grid.
///
/// The sea ice shares the ocean's grid and maps (`atm2ice_*`/`ice2atm_*` may repeat the ocean's
/// or be left out). The land runs on the atmosphere's grid (`atm2lnd_*`/`lnd2atm_*` are
/// `'idmap'` or left out) or on a grid of its own, reached by the `atm2lnd_*` and `lnd2atm_*`
/// maps.
public struct MapSettings: Sendable, Equatable {
    /// Atmosphere → ocean weights for fluxes (conservative) and states (e.g. bilinear).
    public var atmToOceanFlux: String
    /// `atm2ocn_smapname`: atmosphere → ocean weights for states, or `'idmap'`.
    public var atmToOceanState: String
    /// Ocean → atmosphere weights for fluxes and states (conservative in cpl7's defaults).
    public var oceanToAtmFlux: String
    /// `ocn2atm_smapname`: ocean → atmosphere weights for states, or `'idmap'`.
    public var oceanToAtmState: String
    /// `atm2lnd_fmapname`, `atm2lnd_smapname`: atmosphere → land weights for fluxes and states.
    public var atmToLandFlux: String
    public var atmToLandState: String
    /// `lnd2atm_fmapname`, `lnd2atm_smapname`: land → atmosphere weights for fluxes (and the
    /// land fraction) and states.
    public var landToAtmFlux: String
    public var landToAtmState: String

    /// The value meaning "same grid, no weights".
    public static let identity = "idmap"
}

/// Reads `&seq_maps` and the `maps_file` it may name, reporting every problem.
func readMapSettings(_ r: NamelistGroupReader, directory: String, collector: DiagnosticCollector) -> MapSettings {
    var resource: ResourceFile? = nil
    let mapsFile = r.string("maps_file", default: "")
    if !mapsFile.isEmpty {
        let path = resolve(mapsFile, against: directory)
        do {
            resource = try ResourceFile.parse(try readTextFile(path), file: path)
        } catch let problems as DiagnosticList {
            collector.report(contentsOf: problems.diagnostics)
        } catch {
            collector.report(Diagnostic("maps_file '\(mapsFile)' cannot be read: \(error)", at: r.location(of: "maps_file")))
        }
    }
    func value(_ key: String) -> String {
        let typeKey = String(key.dropLast("mapname".count)) + "maptype"
        let type = r.string(typeKey, default: resource?.value(for: typeKey) ?? "X", allowed: ["X", "Y"])
        if type == "Y" {
            collector.report(Diagnostic("\(typeKey) = 'Y': only map type 'X' is offered (source values are gathered to the ranks "
                + "owning the destination points, so results are bit-for-bit on any layout)", at: r.location(of: typeKey)))
        }
        let raw = r.string(key, default: resource?.value(for: key) ?? "")
        return raw.isEmpty || raw.lowercased() == MapSettings.identity ? raw.lowercased() : resolve(raw, against: directory)
    }
    let settings = MapSettings(atmToOceanFlux: value("atm2ocn_fmapname"), atmToOceanState: value("atm2ocn_smapname"),
                               oceanToAtmFlux: value("ocn2atm_fmapname"), oceanToAtmState: value("ocn2atm_smapname"),
                               atmToLandFlux: value("atm2lnd_fmapname"), atmToLandState: value("atm2lnd_smapname"),
                               landToAtmFlux: value("lnd2atm_fmapname"), landToAtmState: value("lnd2atm_smapname"))
    let shared = ["atm2ice_fmapname": settings.atmToOceanFlux, "atm2ice_smapname": settings.atmToOceanState,
                  "ice2atm_fmapname": settings.oceanToAtmFlux, "ice2atm_smapname": settings.oceanToAtmState]
    for (key, ocean) in shared.sorted(by: { $0.key < $1.key }) {
        let given = value(key)
        if !given.isEmpty && given != ocean {
            collector.report(Diagnostic("\(key) = '\(given)' differs from the ocean's map ('\(ocean)'): the sea ice shares the ocean's "
                + "grid and maps", at: r.location(of: key)))
        }
    }
    return settings
}
