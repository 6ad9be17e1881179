import Namelist
import Testing

@Suite("Malformed namelists")
struct NamelistMalformedInputTests {
    /// Each malformed input with the one diagnostic it must produce.
    static let cases: [(input: String, expected: String)] = [
        ("&g\n  s = 'abc\n/",
         "drv_in:2:7: error: unterminated string: the closing ' is missing; a string must end on the line where it starts"),
        ("&g\n  s = \"abc\n  t = 1\n/",
         "drv_in:2:7: error: unterminated string: the closing \" is missing; a string must end on the line where it starts"),
        ("&g\n  stop_n 5\n/",
         "drv_in:2:3: error: missing '=' after key 'stop_n'"),
        ("&g\n  x = 1, 2\n  stop_n 5\n/",
         "drv_in:3:3: error: missing '=' after key 'stop_n'"),
        ("&g x = 1 y 2 /",
         "drv_in:1:10: error: invalid value 'y'; strings must be quoted"),
        ("&g 5, x = 1 /",
         "drv_in:1:4: error: value '5' has no key; expected 'name = value'"),
        ("&g\n 'abc' x = 1 /",
         "drv_in:2:2: error: value 'abc' has no key; expected 'name = value'"),
        ("&g\n  x = 1\n",
         "drv_in:1:1: error: group '&g' is not terminated: end of file reached before '/'"),
        ("& \n  x = 1\n/",
         "drv_in:1:1: error: group opener '&' has no name"),
        ("&a\n  x = 1\n  &b\n  y = 2\n/",
         "drv_in:3:3: error: group '&b' starts inside group '&a'; close '&a' with '/' first"),
        ("&g\n  x = 1.0e\n/",
         "drv_in:2:7: error: invalid real number '1.0e'"),
        ("&g\n  x = 1.2.3\n/",
         "drv_in:2:7: error: invalid real number '1.2.3'"),
        ("&g x = 12abc /",
         "drv_in:1:8: error: invalid number '12abc'"),
        ("&g\n  flag = .maybe.\n/",
         "drv_in:2:10: error: invalid logical value '.maybe.'; expected .true. or .false."),
        ("&g x = hello /",
         "drv_in:1:8: error: invalid value 'hello'; strings must be quoted"),
        ("&g x = 99999999999999999999 /",
         "drv_in:1:8: error: integer '99999999999999999999' is out of range"),
        ("&g x = 1.0e999 /",
         "drv_in:1:8: error: real number '1.0e999' is out of range"),
        ("&g\n  x = 0*1\n/",
         "drv_in:2:7: error: repeat count must be at least 1, found 0 in '0*1'"),
        ("&g x = 1, -2*1 /",
         "drv_in:1:11: error: repeat count must be at least 1, found -2 in '-2*1'"),
        ("&g x = 3*abc /",
         "drv_in:1:8: error: invalid value 'abc' after repeat count in '3*abc'"),
        ("&g x = 3*1.2.3 /",
         "drv_in:1:8: error: invalid value '1.2.3' after repeat count in '3*1.2.3'"),
        ("&g x = a*1 /",
         "drv_in:1:8: error: invalid repeat count 'a' in 'a*1'"),
        ("&g x = 2000000*0 /",
         "drv_in:1:8: error: repeat count 2000000 in '2000000*0' is larger than the limit of 1000000"),
        ("&g\n  x(0) = 1\n/",
         "drv_in:2:5: error: index of 'x' must be at least 1, found 0"),
        ("&g\n  x(a) = 1\n/",
         "drv_in:2:5: error: index of 'x' must be an integer, found 'a'"),
        ("&g x('a') = 1 /",
         "drv_in:1:6: error: index of 'x' must be an integer, found 'a'"),
        ("&g x() = 1 /",
         "drv_in:1:6: error: missing index in 'x()'"),
        ("&g x(1 = 1 /",
         "drv_in:1:8: error: expected ')' after the index of 'x', found '='"),
        ("&g x(2) 5 /",
         "drv_in:1:4: error: missing '=' after key 'x'"),
        ("junk before\n&g x = 1 /",
         "drv_in:1:1: error: text outside any group: 'junk before'"),
        ("&g x = 1 /\n  /",
         "drv_in:2:3: error: text outside any group: '/'"),
        ("&g x = 1 / y = 2",
         "drv_in:1:12: error: text outside any group: 'y = 2'"),
        ("&end\n&g /",
         "drv_in:1:1: error: text outside any group: '&end'"),
        ("&g x = 1 /\n&G y = 2 /",
         "drv_in:2:1: error: group '&G' appears more than once; first defined at drv_in:1:1"),
        ("&g\n x = 1\n X = 2\n/",
         "drv_in:3:2: error: 'X' is set more than once in &g; first set at drv_in:2:2"),
        ("&g\n  atm-ntasks = 4\n/",
         "drv_in:2:6: error: illegal character '-' in key 'atm-ntasks'"),
        ("&g 1x = 2 /",
         "drv_in:1:4: error: key '1x' must start with a letter"),
        ("&cime-pes x = 1 /",
         "drv_in:1:6: error: illegal character '-' in group name 'cime-pes'"),
        ("&g = 1 /",
         "drv_in:1:4: error: expected a key, found '='"),
    ]

    @Test("each malformed input gives its message at its line and column", arguments: cases)
    func malformedInput(input: String, expected: String) {
        #expect(NamelistTestSupport.problems(in: input) == [expected])
    }

    @Test("there are at least fifteen malformed cases")
    func enoughCases() {
        #expect(Self.cases.count >= 15)
    }

    @Test("parsing goes on after a problem and reports every one, sorted by location")
    func collectsEveryProblem() {
        let text = """
        &cime_pes
          atm_ntasks = 'four
          ocn_ntasks = 1.2.3
          ice_ntasks 4
          lnd_ntasks = 4
        /
        stray text
        &seq_timemgr_inparm
          stop_n = .maybe.
          stop_n = 5
        """
        #expect(NamelistTestSupport.problems(in: text, file: "default.nml") == [
            "default.nml:2:16: error: unterminated string: the closing ' is missing; a string must end on the line where it starts",
            "default.nml:3:16: error: invalid real number '1.2.3'",
            "default.nml:4:3: error: missing '=' after key 'ice_ntasks'",
            "default.nml:7:1: error: text outside any group: 'stray text'",
            "default.nml:8:1: error: group '&seq_timemgr_inparm' is not terminated: end of file reached before '/'",
            "default.nml:9:12: error: invalid logical value '.maybe.'; expected .true. or .false.",
            "default.nml:10:3: error: 'stop_n' is set more than once in &seq_timemgr_inparm; first set at default.nml:9:3",
        ])
    }

    @Test("a nested group closes the outer one and is parsed in its own right")
    func nestedGroupRecovery() {
        let text = "&a\n  x = 1\n&b\n  y = 'oops\n/\n&a z = 1 /"
        #expect(NamelistTestSupport.problems(in: text) == [
            "drv_in:3:1: error: group '&b' starts inside group '&a'; close '&a' with '/' first",
            "drv_in:4:7: error: unterminated string: the closing ' is missing; a string must end on the line where it starts",
            "drv_in:6:1: error: group '&a' appears more than once; first defined at drv_in:1:1",
        ])
    }

    @Test("the thrown list holds the diagnostics themselves")
    func thrownDiagnostics() {
        #expect(throws: DiagnosticList.self) {
            _ = try NamelistDocument.parse("&g x = 1.0e /", file: "bad.nml")
        }
        do {
            _ = try NamelistDocument.parse("&g x = 1.0e /", file: "bad.nml")
        } catch {
            let diagnostic = error.diagnostics.first
            #expect(diagnostic?.message == "invalid real number '1.0e'")
            #expect(diagnostic?.location == TextLocation(file: "bad.nml", line: 1, column: 8))
        }
    }
}
