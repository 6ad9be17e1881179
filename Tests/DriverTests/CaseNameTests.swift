import Components
import Coupling
import Driver
import Namelist
import Testing

/// `case_name` is checked when the namelist is read: file names are built from it, so only a
/// plain file-name part of at most 80 characters is accepted, and anything else is an error at
/// the value in the namelist (`coupled-driver check` and a run both read it this way).
@Suite("case_name")
struct CaseNameTests {
    /// A bad case name and the phrase its diagnostic must hold.
    struct BadName: Sendable, CustomTestStringConvertible {
        let name: String
        let problem: String
        var testDescription: String { name.count > 40 ? "\(name.count) characters" : "'\(name)'" }
    }

    static let badNames = [
        BadName(name: "../x", problem: "may hold only ASCII letters, digits, '.', '_' and '-', since file names are built from it: "
                    + "'/' (character 3) is not allowed"),
        BadName(name: "/tmp/abs", problem: "'/' (character 1) is not allowed"),
        BadName(name: "a/b", problem: "'/' (character 2) is not allowed"),
        BadName(name: "", problem: "must not be empty: the run's file names start with it"),
        BadName(name: ".hidden", problem: "must not start with '.': the run's files would be hidden"),
        BadName(name: String(repeating: "c", count: 190),
                problem: "must be at most 80 characters long, since file names are built from it and MPI-IO (Open MPI) aborts on long paths; it has 190"),
        BadName(name: "my case", problem: "a space (character 3) is not allowed"),
        BadName(name: "café", problem: "'é' (character 4) is not allowed"),
        BadName(name: "a$(id)", problem: "'$' (character 2) is not allowed"),
    ]

    /// Loads the test namelist with `case_name = 'name'` (on line 17, its value at column 34).
    private func load(caseName name: String) throws(DiagnosticList) -> DriverConfiguration {
        let text = TestNamelist(worldSize: 2).text.replacingOccurrences(of: "case_name = 'drivertest'", with: "case_name = '\(name)'")
        return try DriverConfiguration.load(text: text, path: "bad.nml", worldSize: 2, registry: .builtIn)
    }

    @Test("a case name that is not a plain file name of at most 80 characters is an error at its value", arguments: badNames)
    func badName(_ bad: BadName) {
        do {
            _ = try load(caseName: bad.name)
            Issue.record("case_name = '\(bad.name)' was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "bad.nml:17:34: error: 'case_name' in &seq_infodata_inparm \(CaseName.problem(with: bad.name) ?? "(accepted)"), found '\(bad.name)'"])
            #expect(error.description.contains(bad.problem), "\(error)")
        }
    }

    @Test("letters, digits, '.', '_' and '-', up to 80 characters, are accepted",
          arguments: ["my_case-1.2", String(repeating: "x", count: 80), "b.e21.BHIST.f09_g17.CMIP6-historical.001", "a..b", "7"])
    func goodName(_ name: String) throws {
        #expect(try load(caseName: name).run.caseName == name)
        #expect(CaseName.problem(with: name) == nil)
    }

    @Test("81 characters are too many")
    func justTooLong() {
        #expect(CaseName.problem(with: String(repeating: "x", count: 81))?.contains("it has 81") == true)
    }
}
