import Components
import Coupling
import Testing

@Suite("Data model exports")
struct DataExportsTests {
    let setting = "'variables' in &datm_nml"

    @Test("datm splits total shortwave into bands and totals of rain and snow into large-scale parts")
    func atmosphereTotals() throws {
        let exports = try DataAtmosphereFields.exports(given: ["Sa_tbot", "Faxa_swdn", "Faxa_rain", "Faxa_snow"], setting: setting)
        // Every export but the water store: a data atmosphere holds no water.
        #expect(exports.fields == ExchangeTable.standard.exports(of: .atm).filter { $0 != "Sa_wstor" })
        #expect(ExchangeTable.standard.store(of: .heat, for: .atm) == nil)
        let forcing: [String: [Double]] = ["Sa_tbot": [300, 250], "Faxa_swdn": [100, 200], "Faxa_rain": [1e-5, 0], "Faxa_snow": [0, 2e-5]]
        var bundle = FieldBundle(fields: exports.fields, pointCount: 2, initialValue: .nan)
        exports.fill(&bundle, from: forcing)
        #expect(close(bundle.values(of: "Faxa_swvdr"), [31, 62]))
        #expect(close(bundle.values(of: "Faxa_swndr"), [28, 56]))
        #expect(close(bundle.values(of: "Faxa_swvdf"), [17, 34]))
        #expect(close(bundle.values(of: "Faxa_swndf"), [24, 48]))
        #expect(bundle.values(of: "Faxa_rainl") == [1e-5, 0])
        #expect(bundle.values(of: "Faxa_snowl") == [0, 2e-5])
        #expect(bundle.values(of: "Faxa_rainc") == [0, 0] && bundle.values(of: "Faxa_snowc") == [0, 0])
        #expect(bundle.values(of: "Sa_ptem") == [300, 250])
        #expect(bundle.values(of: "Sa_z") == [10, 10])
        #expect(bundle.values(of: "Sa_pbot") == [101_325, 101_325])
        #expect(bundle.values(of: "Faxa_lwdn") == [0, 0])
        #expect(bundle.firstNonFinite() == nil)
    }

    @Test("datm computes moist air density from pressure, temperature and humidity")
    func density() throws {
        let exports = try DataAtmosphereFields.exports(given: ["Sa_pbot", "Sa_tbot", "Sa_shum"], setting: setting)
        #expect(exports.sources["Sa_dens"] == .airDensity)
        let values = exports.values(from: ["Sa_pbot": [100_000, 101_325], "Sa_tbot": [300, 288.15], "Sa_shum": [0.01, 0]], pointCount: 2)
        // e = 0.01 × 100000 / 0.62578 = 1598.005689 Pa; ρ = (100000 − 0.378 e) / (287.04 × 300) = 1.1542637 kg m⁻³.
        #expect(abs(values["Sa_dens"]![0] - 1.154_263_7) < 1e-6)
        // Dry air at standard pressure and 15 °C: 101325 / (287.04 × 288.15) = 1.2250549 kg m⁻³.
        #expect(abs(values["Sa_dens"]![1] - 1.225_054_9) < 1e-6)
    }

    @Test("fields the forcing gives are taken as read, even derived ones")
    func givenWins() throws {
        let exports = try DataAtmosphereFields.exports(given: ["Sa_dens", "Sa_ptem", "Faxa_swvdr"], setting: setting)
        #expect(exports.sources["Sa_dens"] == .forcing("Sa_dens"))
        #expect(exports.sources["Sa_ptem"] == .forcing("Sa_ptem"))
        #expect(exports.sources["Faxa_swvdr"] == .forcing("Faxa_swvdr"))
        #expect(exports.sources["Faxa_swndr"] == .constant(0))
        #expect(exports.summary.first == "Sa_z: constant 10.0")
    }

    @Test("a total and one of its parts cannot both be given")
    func conflict() {
        #expect(throws: ForcingError("'variables' in &datm_nml: give either the total 'Faxa_swdn' or its parts "
                                         + "(Faxa_swvdr, Faxa_swndr, Faxa_swvdf, Faxa_swndf), not both ('Faxa_swvdf' is given too)")) {
            try DataAtmosphereFields.exports(given: ["Faxa_swdn", "Faxa_swvdf"], setting: setting)
        }
        #expect(throws: ForcingError("'variables' in &datm_nml: give either the total 'Faxa_rain' or its parts "
                                         + "(Faxa_rainc, Faxa_rainl), not both ('Faxa_rainc' is given too)")) {
            try DataAtmosphereFields.exports(given: ["Faxa_rainc", "Faxa_rain"], setting: setting)
        }
    }

    @Test("docn: SST from the file, salinity 34.7, no currents, no freeze potential")
    func ocean() throws {
        let exports = try PrescribedFields.ocean.exports(given: ["So_t"], setting: "'variables' in &docn_nml")
        var bundle = FieldBundle(fields: ExchangeTable.standard.exports(of: .ocn), pointCount: 3, initialValue: .nan)
        exports.fill(&bundle, from: ["So_t": [271.35, 290, 302.5]])
        #expect(bundle.values(of: "So_t") == [271.35, 290, 302.5])
        #expect(bundle.values(of: "So_s") == [34.7, 34.7, 34.7])
        #expect(bundle.values(of: "So_u") == [0, 0, 0] && bundle.values(of: "So_v") == [0, 0, 0])
        #expect(bundle.values(of: "Fioo_q") == [0, 0, 0])
        #expect(throws: ForcingError("'variables' in &docn_nml must give the sea surface temperature: add 'So_t:<variable>' (in K)")) {
            try PrescribedFields.ocean.exports(given: ["So_s"], setting: "'variables' in &docn_nml")
        }
    }
}

extension DataExportsTests {
    @Test("dlnd, dice, drof: given only what they require, every other export is its documented constant; without it, the message names it",
          arguments: [("dlnd", PrescribedFields.land), ("dice", PrescribedFields.seaIce), ("drof", PrescribedFields.runoff)])
    func prescribed(name: String, fields: PrescribedFields) throws {
        let setting = "'variables' in &\(name)_nml"
        let exports = try fields.exports(given: fields.required, setting: setting)
        // Every export but the stores: a data model holds no water or heat of its own.
        let stores = LedgerQuantity.allCases.compactMap { ExchangeTable.standard.store(of: $0, for: fields.kind)?.field }
        #expect(!stores.isEmpty && exports.fields == ExchangeTable.standard.exports(of: fields.kind).filter { !stores.contains($0) })
        var bundle = FieldBundle(fields: exports.fields, pointCount: 2, initialValue: .nan)
        exports.fill(&bundle, from: Dictionary(uniqueKeysWithValues: fields.required.map { ($0, [0.25, 0.5]) }))
        for field in exports.fields {
            let expected = fields.required.contains(field) ? [0.25, 0.5] : [Double](repeating: fields.constants[field]!, count: 2)
            #expect(bundle.values(of: field) == expected, "\(name) \(field)")
        }
        if let required = fields.required.first {
            let description = try #require(ExchangeTable.standard.description(of: required))
            #expect(throws: ForcingError("\(setting) must give the \(description.longName): add '\(required):<variable>' (in \(description.units))")) {
                try fields.exports(given: [], setting: setting)
            }
        }
    }
}

/// Whether `values` equal `expected` to 1e-12 (relative).
private func close(_ values: [Double], _ expected: [Double]) -> Bool {
    values.count == expected.count && zip(values, expected).allSatisfy { abs($0 - $1) <= 1e-12 * abs($1) }
}
