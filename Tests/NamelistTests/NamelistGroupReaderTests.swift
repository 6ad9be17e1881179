import Namelist
import Testing

@Suite("Reading typed settings from a group")
struct NamelistGroupReaderTests {
    @Test("values of every type are read, absent keys give their defaults")
    func readsEveryType() throws {
        let text = """
        &seq_timemgr_inparm
          stop_n = 5
          atm_cpl_dt = 1800.5
          ocn_cpl_dt = 3600
          end_restart = .false.
          calendar = 'NO_LEAP'
        /
        """
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "seq_timemgr_inparm")
        #expect(reader.integer("stop_n", default: 1) == 5)
        #expect(reader.real("atm_cpl_dt", default: 0) == 1800.5)
        #expect(reader.real("ocn_cpl_dt", default: 0) == 3600.0)
        #expect(reader.logical("end_restart", default: true) == false)
        #expect(reader.string("calendar", default: "GREGORIAN") == "NO_LEAP")
        #expect(reader.integer("restart_n", default: 7) == 7)
        #expect(reader.string("stop_option", default: "ndays") == "ndays")
        #expect(reader.integers("history_n", default: [1, 2]) == [1, 2])
        reader.finish()
        #expect(collector.isEmpty)
        #expect(reader.name == "seq_timemgr_inparm")
        #expect(reader.file == "drv_in")
    }

    @Test("accepted keys are returned where set and not reported; suggestions come only from the keys read")
    func acceptedKeys() throws {
        let text = """
        &cime_pes
          atm_ntasks = 4
          ESP_NTASKS = 1
          atm_layout = 'concurrent'
          atm_ntask = 8
          esp_ntask = 8
        /
        """
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "cime_pes")
        #expect(reader.integer("atm_ntasks", default: 1) == 4)
        let ignored = reader.accept(["esp_ntasks", "atm_layout", "atm_ntasks", "wav_layout"])
        #expect(ignored.map { $0.key } == ["ESP_NTASKS", "atm_layout"])
        #expect(ignored.map { $0.location?.line } == [3, 4])
        #expect(ignored.first?.description == "drv_in:3:3: 'ESP_NTASKS' in &cime_pes")
        reader.finish()
        #expect(collector.diagnostics.map(\.message) == ["unknown key 'atm_ntask' in &cime_pes; did you mean 'atm_ntasks'?",
                                                         "unknown key 'esp_ntask' in &cime_pes"])
    }

    @Test("string values lose their trailing blanks, as in Fortran")
    func trailingBlanks() throws {
        let (reader, collector) = try NamelistTestSupport.reader("&g case_name = 'b1850  ', desc = '  lead' /", group: "g")
        #expect(reader.string("case_name", default: "") == "b1850")
        #expect(reader.string("desc", default: "") == "  lead")
        reader.finish()
        #expect(collector.isEmpty)
    }

    @Test("keys are looked up regardless of case")
    func caseInsensitiveKeys() throws {
        let (reader, collector) = try NamelistTestSupport.reader("&g STOP_N = 3 /", group: "g")
        #expect(reader.integer("Stop_N", default: 1) == 3)
        reader.finish()
        #expect(collector.isEmpty)
    }

    @Test("an absent group gives every default and reports nothing")
    func absentGroup() {
        let collector = DiagnosticCollector()
        let reader = NamelistGroupReader(group: nil, name: "cime_pes", file: "drv_in", collector: collector)
        #expect(reader.integer("atm_ntasks", default: 8, range: 1...16) == 8)
        #expect(reader.reals("weights", default: [0.5]) == [0.5])
        #expect(reader.isSet("atm_ntasks") == false)
        #expect(reader.location(of: "atm_ntasks") == nil)
        reader.finish()
        #expect(collector.isEmpty)
    }

    @Test("a null value keeps the default")
    func nullKeepsDefault() throws {
        let (reader, collector) = try NamelistTestSupport.reader("&g a = , b = /", group: "g")
        #expect(reader.integer("a", default: 4) == 4)
        #expect(reader.string("b", default: "x") == "x")
        #expect(collector.isEmpty)
    }

    @Test("a wrong type says what was expected and what was found, at the value")
    func wrongTypes() throws {
        let text = """
        &cime_pes
          atm_ntasks = 'four'
          ocn_ntasks = 4.0
          wav_ntasks = 2
          ice_flag = 1
          layout = .true.
        /
        """
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "cime_pes")
        #expect(reader.integer("atm_ntasks", default: 1) == 1)
        #expect(reader.integer("ocn_ntasks", default: 2) == 2)
        #expect(reader.real("wav_ntasks", default: 0) == 2.0)
        #expect(reader.logical("ice_flag", default: true) == true)
        #expect(reader.string("layout", default: "concurrent") == "concurrent")
        #expect(collector.diagnostics.map(\.description) == [
            "drv_in:2:16: error: 'atm_ntasks' in &cime_pes must be an integer, found the string 'four'",
            "drv_in:3:16: error: 'ocn_ntasks' in &cime_pes must be an integer, found the real number 4.0",
            "drv_in:5:14: error: 'ice_flag' in &cime_pes must be a logical (.true. or .false.), found the integer 1",
            "drv_in:6:12: error: 'layout' in &cime_pes must be a string, found the logical .true.",
        ])
    }

    @Test("a real number given a logical is reported")
    func realGivenLogical() throws {
        let (reader, collector) = try NamelistTestSupport.reader("&g dt = .t. /", group: "g")
        #expect(reader.real("dt", default: 1.5) == 1.5)
        #expect(collector.diagnostics.map(\.description) == [
            "drv_in:1:9: error: 'dt' in &g must be a real number, found the logical .true.",
        ])
    }

    @Test("values outside their range are reported with the range")
    func ranges() throws {
        let text = "&cime_pes\n  atm_ntasks = 0\n  frac = 1.5\n  ocn_ntasks = 1024\n/"
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "cime_pes")
        #expect(reader.integer("atm_ntasks", default: 1, range: 1...1024) == 1)
        #expect(reader.real("frac", default: 0.5, range: 0...1) == 0.5)
        #expect(reader.integer("ocn_ntasks", default: 1, range: 1...1024) == 1024)
        #expect(collector.diagnostics.map(\.description) == [
            "drv_in:2:16: error: 'atm_ntasks' in &cime_pes must be between 1 and 1024, found 0",
            "drv_in:3:10: error: 'frac' in &cime_pes must be between 0.0 and 1.0, found 1.5",
        ])
    }

    @Test("allowed strings are matched ignoring case and returned as allowed")
    func allowedStrings() throws {
        let text = "&g\n  calendar = 'no_leap'\n  stop_option = 'fortnights'\n/"
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "g")
        #expect(reader.string("calendar", default: "GREGORIAN", allowed: ["NO_LEAP", "GREGORIAN"]) == "NO_LEAP")
        #expect(reader.string("stop_option", default: "ndays", allowed: ["ndays", "nmonths", "nyears"]) == "ndays")
        #expect(reader.string("start_type", default: "startup", allowed: ["startup", "continue"]) == "startup")
        #expect(collector.diagnostics.map(\.description) == [
            "drv_in:3:17: error: 'stop_option' in &g must be one of 'ndays', 'nmonths', 'nyears', found 'fortnights'",
        ])
    }

    @Test("a string rule's problem is reported at the value and the default is returned")
    func stringRule() throws {
        let text = "&g\n  name = 'a/b', other = 'ok'\n/"
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "g")
        let rule = { (value: String) -> String? in value.contains("/") ? "must not hold '/'" : nil }
        #expect(reader.string("name", default: "x", rule: rule) == "x")
        #expect(reader.string("other", default: "x", rule: rule) == "ok")
        #expect(reader.string("absent", default: "x", rule: rule) == "x")
        #expect(collector.diagnostics.map(\.description) == ["drv_in:2:10: error: 'name' in &g must not hold '/', found 'a/b'"])
    }

    @Test("a single-valued setting given several values or an index is reported")
    func singleValueMisuse() throws {
        let text = "&g\n  stop_n = 1, 2\n  restart_n(1) = 3\n  dt = 2*5\n/"
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "g")
        #expect(reader.integer("stop_n", default: 9) == 9)
        #expect(reader.integer("restart_n", default: 8) == 8)
        #expect(reader.real("dt", default: 1) == 1)
        #expect(collector.diagnostics.map(\.description) == [
            "drv_in:2:3: error: 'stop_n' in &g takes a single value, found 2",
            "drv_in:3:3: error: 'restart_n' in &g takes a single value and cannot be indexed",
            "drv_in:4:3: error: 'dt' in &g takes a single value, found 2",
        ])
    }

    @Test("arrays read repeat counts and null values over the default")
    func arraysWithRepeatsAndNulls() throws {
        let text = "&g\n  ntasks = 3*4, 2\n  rootpe = 1, , 3\n  names = 2*'atm'\n  weights = 0.5, 1\n/"
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "g")
        #expect(reader.integers("ntasks", default: []) == [4, 4, 4, 2])
        #expect(reader.integers("rootpe", default: [0, 9, 0]) == [1, 9, 3])
        #expect(reader.strings("names", default: ["a", "b", "c"]) == ["atm", "atm", "c"])
        #expect(reader.reals("weights", default: []) == [0.5, 1.0])
        #expect(collector.isEmpty)
    }

    @Test("indexed assignments merge into the default, later ones winning")
    func indexedAssignmentsMerge() throws {
        let text = "&g\n  x(2) = 20, 30\n  x(5) = 50\n  x(2) = 21\n  y = 1, 2\n  y(4) = 4\n/"
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "g")
        #expect(reader.integers("x", default: [1, 2, 3, 4, 5, 6]) == [1, 21, 30, 4, 50, 6])
        #expect(reader.integers("y", default: [0, 0, 3]) == [1, 2, 3, 4])
        #expect(collector.isEmpty)
    }

    @Test("indexed assignments may fill an array in any order")
    func indexedAssignmentsInAnyOrder() throws {
        let (reader, collector) = try NamelistTestSupport.reader("&g f(3) = 'c' f(1) = 'a' f(2) = 'b' /", group: "g")
        #expect(reader.strings("f", default: []) == ["a", "b", "c"])
        #expect(collector.isEmpty)
    }

    @Test("an element beyond the default that is never set is reported")
    func gapsBeyondTheDefault() throws {
        let text = "&g\n  x(4) = 4\n  y = 1, , 3\n  z(1000000000) = 1\n/"
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "g")
        #expect(reader.integers("x", default: [1, 2]) == [1, 2])
        #expect(reader.integers("y", default: [7]) == [7])
        #expect(reader.integers("z", default: []) == [])
        #expect(collector.diagnostics.map(\.description) == [
            "drv_in:2:3: error: element 3 of 'x' in &g is never set and has no default",
            "drv_in:3:3: error: element 2 of 'y' in &g is never set and has no default",
            "drv_in:4:3: error: element 1 of 'z' in &g is never set and has no default",
        ])
    }

    /// Found by NamelistFuzzTests: element numbers (index + position in the list) overflowed and trapped.
    @Test("values past the largest element number are reported")
    func elementNumbersPastTheLimit() throws {
        let text = "&g\n  x(9223372036854775807) = 1, 2\n  y(9223372036854775806) = 3*7\n/"
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "g")
        #expect(reader.integers("x", default: [5]) == [5])
        #expect(reader.integers("y", default: [5]) == [5])
        #expect(collector.diagnostics.map(\.description) == [
            "drv_in:2:31: error: 'x(9223372036854775807)' in &g has too many values: element numbers end at 9223372036854775807",
            "drv_in:3:28: error: 'y(9223372036854775806)' in &g has too many values: element numbers end at 9223372036854775807",
        ])
    }

    @Test("each bad array element is reported with its position")
    func badArrayElements() throws {
        let text = "&g\n  ntasks = 1, 'two', 3, 40\n  names = 'a', 2\n/"
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "g")
        #expect(reader.integers("ntasks", default: [8], range: 1...32) == [8])
        #expect(reader.strings("names", default: ["x"]) == ["x"])
        #expect(collector.diagnostics.map(\.description) == [
            "drv_in:2:15: error: element 2 of 'ntasks' in &g must be an integer, found the string 'two'",
            "drv_in:2:25: error: element 4 of 'ntasks' in &g must be between 1 and 32, found 40",
            "drv_in:3:16: error: element 2 of 'names' in &g must be a string, found the integer 2",
        ])
    }

    @Test("isSet and location(of:) answer about keys and mark them known")
    func isSetAndLocation() throws {
        let (reader, collector) = try NamelistTestSupport.reader("&g\n  a = 1\n  b(2) = 3\n/", group: "g")
        #expect(reader.isSet("a"))
        #expect(reader.isSet("c") == false)
        #expect(reader.location(of: "b")?.description == "drv_in:3:3")
        #expect(reader.location(of: "c") == nil)
        reader.finish()
        #expect(collector.isEmpty)
    }

    @Test("keys nobody asked for are reported once each, with the nearest known key")
    func unknownKeys() throws {
        let text = """
        &cime_pes
          atm_ntasks = 4
          atm_ntask = 4
          ocn_rootpe = 0
          completely_different = 1
          Atm_NTask(2) = 5
        /
        """
        let (reader, collector) = try NamelistTestSupport.reader(text, group: "cime_pes")
        _ = reader.integer("atm_ntasks", default: 1)
        _ = reader.integer("ocn_rootpe", default: 0)
        reader.finish()
        #expect(collector.diagnostics.map(\.description) == [
            "drv_in:3:3: error: unknown key 'atm_ntask' in &cime_pes; did you mean 'atm_ntasks'?",
            "drv_in:5:3: error: unknown key 'completely_different' in &cime_pes",
        ])
    }

    @Test("the collector gathers problems from several readers and throws them together")
    func collectorAcrossReaders() throws {
        let document = try NamelistDocument.parse("&a x = 'one' /\n&b y = 2 /", file: "drv_in")
        let collector = DiagnosticCollector()
        let first = NamelistGroupReader(group: document.group(named: "a"), name: "a", file: "drv_in", collector: collector)
        let second = NamelistGroupReader(group: document.group(named: "b"), name: "b", file: "drv_in", collector: collector)
        _ = first.integer("x", default: 0)
        _ = second.integer("z", default: 0)
        first.finish()
        second.finish()
        #expect(throws: DiagnosticList.self) { try collector.throwIfAny() }
        do {
            try collector.throwIfAny()
        } catch {
            #expect(error.description == """
                drv_in:1:8: error: 'x' in &a must be an integer, found the string 'one'
                drv_in:2:4: error: unknown key 'y' in &b; did you mean 'z'?
                """)
        }
    }

    @Test("an empty collector does not throw")
    func emptyCollector() throws {
        let collector = DiagnosticCollector()
        try collector.throwIfAny()
        #expect(collector.isEmpty)
        collector.report(Diagnostic("no location", at: nil))
        #expect(!collector.isEmpty)
        #expect(collector.diagnostics.map(\.description) == ["error: no location"])
    }
}
