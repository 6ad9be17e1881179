import Components
import Coupling
import Testing

@Suite("Field-to-variable maps")
struct ForcingFieldMapTests {
    let setting = "'variables' in &datm_nml"

    @Test("'FIELD:VARIABLE' entries, blanks around the names ignored")
    func parses() throws {
        let map = try ForcingFieldMap(parsing: ["Sa_tbot:tbot", " Faxa_swdn : SWDN "], validFields: DataAtmosphereFields.inputFields,
                                      setting: setting)
        #expect(map.fields == ["Sa_tbot", "Faxa_swdn"])
        #expect(map.variable(for: "Faxa_swdn") == "SWDN")
        #expect(map.variable(for: "Sa_pbot") == nil)
    }

    @Test("an unknown field suggests the nearest valid one")
    func unknownField() {
        #expect {
            try ForcingFieldMap(parsing: ["Sa_tbot:tbot", "Sa_tbott:t2m"], validFields: DataAtmosphereFields.inputFields, setting: setting)
        } throws: { error in
            "\(error)".hasPrefix("'variables' in &datm_nml: unknown field 'Sa_tbott' in 'Sa_tbott:t2m'; did you mean 'Sa_tbot'? "
                + "(valid fields: Sa_z, Sa_u, Sa_v, Sa_tbot,")
        }
        #expect(throws: ForcingError("'variables' in &docn_nml: unknown field 'Sa_tbot' in 'Sa_tbot:t' (valid fields: So_t, So_u, So_v, So_s, Fioo_q)")) {
            try ForcingFieldMap(parsing: ["Sa_tbot:t"], validFields: PrescribedFields.ocean.inputFields, setting: "'variables' in &docn_nml")
        }
    }

    @Test("malformed and repeated entries", arguments: [
        (["Sa_tbot"], "'variables' in &datm_nml: 'Sa_tbot' is not 'FIELD:VARIABLE' (e.g. 'Sa_z:tbot')"),
        (["Sa_tbot:"], "'variables' in &datm_nml: 'Sa_tbot:' is not 'FIELD:VARIABLE' (e.g. 'Sa_z:tbot')"),
        (["a:b:c"], "'variables' in &datm_nml: 'a:b:c' is not 'FIELD:VARIABLE' (e.g. 'Sa_z:tbot')"),
        (["Sa_u:u", "Sa_u:u10"], "'variables' in &datm_nml: field 'Sa_u' is given more than once"),
    ])
    func malformed(items: [String], message: String) {
        #expect(throws: ForcingError(message)) {
            try ForcingFieldMap(parsing: items, validFields: DataAtmosphereFields.inputFields, setting: setting)
        }
    }
}
