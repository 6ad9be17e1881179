import Namelist
import Testing

@Suite("Diagnostics and value descriptions")
struct DiagnosticTests {
    @Test("a diagnostic prints like a compiler message")
    func diagnosticDescription() {
        let location = TextLocation(file: "default.nml", line: 12, column: 5)
        #expect(location.description == "default.nml:12:5")
        #expect(Diagnostic("bad value", at: location).description == "default.nml:12:5: error: bad value")
        #expect(Diagnostic("no input files", at: nil).description == "error: no input files")
    }

    @Test("a diagnostic list prints one diagnostic per line")
    func listDescription() {
        let list = DiagnosticList([
            Diagnostic("first", at: TextLocation(file: "a", line: 1, column: 2)),
            Diagnostic("second", at: nil),
        ])
        #expect(list.description == "a:1:2: error: first\nerror: second")
        #expect(list.diagnostics.count == 2)
    }

    @Test("values print the way a user writes them", arguments: [
        (NamelistValue.integer(-3), "-3"), (.real(0.01), "0.01"), (.real(2500), "2500.0"),
        (.logical(true), ".true."), (.logical(false), ".false."), (.string("it's"), "'it''s'"),
        (.string(""), "''"), (.null, ""),
    ])
    func valueDescriptions(value: NamelistValue, expected: String) {
        #expect(value.description == expected)
    }
}
