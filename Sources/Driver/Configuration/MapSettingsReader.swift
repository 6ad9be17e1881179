import Coupling
import Namelist

/// Reads the mapping-weight files of `&seq_maps` and of the CESM `seq_maps.rc` file it names
/// (`maps_file`; without one, a `seq_maps.rc` beside the namelist, where cpl7 finds it in its
/// run directory). The namelist's keys win over the file's.
///
/// The file may be written as any CESM version writes it: CESM 1.0/1.1 CamelCase keys
/// (`atm2ocnFmapname`) or snake_case (`atm2ocn_fmapname`), values quoted or not. Of its keys:
/// - a flux or state map between two model components is read (an entry for a component that
///   runs no model is listed as unused);
/// - the river's liquid runoff reaches the ocean through CESM 2's `rof2ocn_liq_rmapname` (or
///   CESM 1.2's `rof2ocn_rmapname`) when one is given, in place of `rof2ocn_fmapname`, which
///   CESM 2 keeps for the flood flux (then an ignored setting);
/// - CESM's other map keys (vector maps `*_vmapname`, the other runoff maps `*_rmapname`, the
///   `iac` component's) are ignored settings;
/// - any other key is an error, with a suggestion among the keys read.
///
/// Every message names the file and line of the entry (or the namelist's). A weights file that
/// does not exist is an error naming the key and the path; an absolute path into another
/// machine's CESM inputdata is taken from `inputdata` when given.
struct MapSettingsReader {
    /// The namelist's `&seq_maps` group.
    let group: NamelistGroupReader
    /// The folder relative paths resolve against.
    let directory: String
    /// The local CESM inputdata tree, if any.
    let inputdata: InputdataRoot?
    /// The components that run a model.
    let running: Set<ComponentKind>
    let collector: DiagnosticCollector

    /// What was read: the maps, the settings ignored (refused under `--strict`), the entries of
    /// the file for components that run no model, and the file read, if any.
    struct Result {
        var settings = MapSettings(files: [:])
        var ignored: [IgnoredSetting] = []
        var unused: [IgnoredSetting] = []
        var resourceFile: String?
    }

    /// The name of the file cpl7 reads its maps from.
    static let resourceFileName = "seq_maps.rc"

    /// The map that carries the river's water to the ocean, and CESM's keys for it, the first
    /// given taken (the namelist's before the file's): the liquid-runoff maps of CESM 2 and
    /// CESM 1.2, then the flux map.
    static let riverToOcean = MapName(from: .rof, to: .ocn, for: .flux)
    static let riverToOceanKeys = ["rof2ocn_liq_rmapname", "rof2ocn_rmapname", riverToOcean.key]

    /// One value of a map key, where it is set, and how to name its place in messages.
    private struct Setting {
        let value: String
        let location: TextLocation?
        let spelledKey: String
        let scope: String
    }

    func read() -> Result {
        var result = Result()
        let resource = readResourceFile(&result)
        let scope = result.resourceFile.map(fileName(of:)) ?? Self.resourceFileName
        var fromFile = [String: Setting]()
        let implemented = Set((MapSettings.names.map(\.key) + Self.riverToOceanKeys).flatMap { [$0, Self.typeKey(of: $0)] })
        for entry in resource?.entries ?? [] {
            let spelled = entry.spelledKey
            let key = Self.canonicalKey(spelled)
            if implemented.contains(key) {
                if let first = fromFile[key] {
                    collector.report(Diagnostic("'\(spelled)' sets \(key) again; first set at \(first.location.map { "\($0)" } ?? "?")",
                                                at: entry.location))
                } else {
                    fromFile[key] = Setting(value: entry.value, location: entry.location, spelledKey: spelled, scope: scope)
                }
            } else if CESMDriverVocabulary.keys["seq_maps"]?.contains(key) == true {
                result.ignored.append(IgnoredSetting(scope: scope, key: spelled, location: entry.location, note: Self.note(onIgnored: key)))
            } else {
                var message = "unknown key '\(spelled)' in \(scope)"
                if let suggestion = nearestName(to: key, among: implemented.sorted()) { message += "; did you mean '\(suggestion)'?" }
                collector.report(Diagnostic(message, at: entry.location))
            }
        }
        func setting(_ key: String) -> Setting? {
            if let location = group.location(of: key) {
                return Setting(value: group.string(key, default: ""), location: location, spelledKey: key, scope: "&seq_maps")
            }
            return fromFile[key]
        }
        // The ocean's maps first: the sea ice's must repeat them.
        let oceanFirst = MapSettings.names.filter { MapSettings.oceanCounterpart(of: $0) == nil }
            + MapSettings.names.filter { MapSettings.oceanCounterpart(of: $0) != nil }
        for name in oceanFirst {
            // The keys that may give this map, the one taken first.
            var keys = name == Self.riverToOcean ? Self.riverToOceanKeys : [name.key]
            if let taken = keys.first(where: { group.location(of: $0) != nil }) ?? keys.first(where: { fromFile[$0] != nil }) {
                keys = [taken] + keys.filter { $0 != taken }
            }
            let file = setting(keys[0]), type = setting(Self.typeKey(of: keys[0]))
            for shadowed in keys.dropFirst().flatMap({ [setting($0), setting(Self.typeKey(of: $0))] }).compactMap({ $0 })
            where shadowed.scope != "&seq_maps" && running.contains(name.from) && running.contains(name.to) {
                result.ignored.append(IgnoredSetting(scope: shadowed.scope, key: shadowed.spelledKey, location: shadowed.location,
                                                     note: "\(keys[0]) carries the river's water to the ocean instead"))
            }
            guard running.contains(name.from), running.contains(name.to) else {
                let absent = [name.from, name.to].filter { !running.contains($0) }.map(\.rawValue).joined(separator: " and ")
                let given = keys.flatMap { [setting($0), setting(Self.typeKey(of: $0))] }.compactMap { $0 }
                for given in given where given.scope != "&seq_maps" {
                    result.unused.append(IgnoredSetting(scope: given.scope, key: given.spelledKey, location: given.location,
                                                        note: "\(absent) run\(absent.contains(" and ") ? "" : "s") no model"))
                }
                continue
            }
            if let type { readType(type, of: name, into: &result) }
            guard let file, let path = weightsPath(file) else { continue }
            let key = Self.canonicalKey(file.spelledKey)
            if let ocean = MapSettings.oceanCounterpart(of: name) {
                if path != result.settings[ocean] {
                    collector.report(Diagnostic("\(key) = '\(file.value)' differs from the ocean's map ('\(result.settings[ocean])'): "
                        + "the sea ice shares the ocean's grid and maps", at: file.location))
                }
            } else {
                checkExists(path, given: file, key: key)
                result.settings.files[name] = path
                result.settings.locations[name] = file.location
            }
        }
        result.ignored.sort { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
        result.unused.sort { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }
        return result
    }

    /// The resource file named by `maps_file`, else `seq_maps.rc` beside the namelist if there is one.
    private func readResourceFile(_ result: inout Result) -> ResourceFile? {
        let named = group.string("maps_file", default: "")
        let path = named.isEmpty ? resolve(Self.resourceFileName, against: directory) : resolve(named, against: directory)
        if named.isEmpty && !fileExists(path) { return nil }
        result.resourceFile = path
        do {
            return try ResourceFile.parse(try readTextFile(path), file: path)
        } catch let problems as DiagnosticList {
            collector.report(contentsOf: problems.diagnostics)
        } catch {
            collector.report(Diagnostic("maps_file '\(named)' cannot be read: \(error)", at: group.location(of: "maps_file")))
        }
        return nil
    }

    /// Reads map type `type` of `name`, `'X'` or `'Y'` (the sea ice's maps take the ocean's).
    private func readType(_ type: Setting, of name: MapName, into result: inout Result) {
        guard let mapType = MapType(rawValue: type.value.trimmingBlanks().uppercased()) else {
            collector.report(Diagnostic("'\(type.spelledKey)' in \(type.scope) must be 'X' or 'Y', found '\(type.value)'", at: type.location))
            return
        }
        if MapSettings.oceanCounterpart(of: name) == nil { result.settings.types[name] = mapType }
    }

    /// The weights file `file` names: `nil` when not set (also E3SM's `'idmap_ignore'`),
    /// `'idmap'`, or a path (one into another machine's inputdata taken from `inputdata`).
    private func weightsPath(_ file: Setting) -> String? {
        let value = file.value.trimmingBlanks()
        switch value.lowercased() {
        case "", MapSettings.ignoredIdentity: return nil
        case MapSettings.identity: return MapSettings.identity
        default: return inputdata?.relocated(value) ?? resolve(value, against: directory)
        }
    }

    /// Reports a weights file `path` (from `file`, set by `key`) that does not exist.
    private func checkExists(_ path: String, given file: Setting, key: String) {
        guard path != MapSettings.identity, !fileExists(path) else { return }
        let value = file.value.trimmingBlanks()
        var message = "\(key): the weights file '\(path)' does not exist"
        if let inputdata, path != resolve(value, against: directory) {
            message += " (\(value) with the inputdata root \(inputdata.directory))"
        } else if InputdataRoot.pathBelowInputdata(value) != nil {
            message += "; it is a path into CESM inputdata: give a local copy with --inputdata DIR (or din_loc_root in &seq_infodata_inparm)"
        }
        collector.report(Diagnostic(message, at: file.location))
    }

    /// The snake_case key of a map key in either of CESM's spellings: `atm2ocnFmapname` (CESM
    /// 1.0/1.1) is `atm2ocn_fmapname`; others are lowercased.
    static func canonicalKey(_ spelled: String) -> String {
        let characters = Array(spelled)
        let suffixes = ["mapname", "maptype"]
        if characters.count == 15, characters[3] == "2", "FSVR".contains(characters[7]),
           suffixes.contains(String(characters[8...])) {
            return (String(characters[..<7]) + "_" + String(characters[7...])).lowercased()
        }
        return spelled.lowercased()
    }

    /// `atm2ocn_fmaptype` for `atm2ocn_fmapname`.
    static func typeKey(of name: MapName) -> String { typeKey(of: name.key) }

    /// `rof2ocn_liq_rmaptype` for `rof2ocn_liq_rmapname`.
    static func typeKey(of key: String) -> String { String(key.dropLast("name".count)) + "type" }

    /// Why a CESM map key coupled-driver does not read is ignored.
    private static func note(onIgnored key: String) -> String? {
        if key.hasPrefix("iac2") || key.contains("2iac") { return "coupled-driver has no esp or iac component" }
        if key.hasSuffix("_vmapname") || key.hasSuffix("_vmaptype") { return "vector map: wind components are mapped with the state map" }
        if key.hasPrefix("rof2ocn_ice_r") { return "frozen runoff: the river here carries liquid water only" }
        if key.hasSuffix("_rmapname") || key.hasSuffix("_rmaptype") { return "runoff map: not used in this version" }
        return nil
    }

    private func fileName(of path: String) -> String { String(path.split(separator: "/").last ?? Substring(path)) }
}
