import Namelist
import Testing

@Suite("Namelist syntax")
struct NamelistSyntaxTests {
    @Test("an empty file has no groups")
    func emptyFile() throws {
        let document = try NamelistDocument.parse("", file: "empty.nml")
        #expect(document.groups.isEmpty)
        #expect(document.file == "empty.nml")
    }

    @Test("blank lines and comments outside groups are ignored")
    func commentsOutsideGroups() throws {
        let text = """
        ! CESM driver namelist
           ! indented comment

        &g x = 1 / ! trailing comment
        ! between groups
        """
        let document = try NamelistDocument.parse(text, file: "drv_in")
        #expect(document.groups.map(\.name) == ["g"])
    }

    @Test("a realistic drv_in file")
    func realisticDriverNamelist() throws {
        let text = """
        &cime_pes
          atm_layout = "concurrent"
          atm_ntasks = 16
          atm_rootpe = 0
        /
        &seq_timemgr_inparm
          atm_cpl_dt = 1800
          calendar = 'NO_LEAP'
          stop_option = 'ndays'
          stop_n = 5
          end_restart = .false.
        /
        """
        let document = try NamelistDocument.parse(text, file: "drv_in")
        #expect(document.groups.map(\.name) == ["cime_pes", "seq_timemgr_inparm"])
        let pes = try #require(document.group(named: "cime_pes"))
        #expect(pes.assignments.map(\.key) == ["atm_layout", "atm_ntasks", "atm_rootpe"])
        #expect(pes.assignments.map(\.values) == [[.string("concurrent")], [.integer(16)], [.integer(0)]])
        let time = try #require(document.group(named: "seq_timemgr_inparm"))
        #expect(time.assignments(to: "calendar").first?.values == [.string("NO_LEAP")])
        #expect(time.assignments(to: "end_restart").first?.values == [.logical(false)])
    }

    @Test("group names and keys ignore case but keep their spelling")
    func caseInsensitiveNames() throws {
        let document = try NamelistDocument.parse("&CIME_Pes\n  ATM_NTasks = 4\n/", file: "drv_in")
        let group = try #require(document.group(named: "cime_pes"))
        #expect(group.name == "cime_pes")
        #expect(group.spelledName == "CIME_Pes")
        #expect(document.group(named: "CIME_PES") != nil)
        let assignment = try #require(group.assignments.first)
        #expect(assignment.key == "atm_ntasks")
        #expect(assignment.spelledKey == "ATM_NTasks")
        #expect(group.assignments(to: "Atm_NTASKS") == [assignment])
        #expect(document.group(named: "missing") == nil)
    }

    @Test("integers, with and without a sign", arguments: [
        ("42", Int64(42)), ("-3", -3), ("+7", 7), ("0", 0), ("9223372036854775807", Int64.max),
    ])
    func integers(text: String, expected: Int64) throws {
        #expect(try NamelistTestSupport.values(of: "&g x = \(text) /") == [.integer(expected)])
    }

    @Test("reals in every Fortran form", arguments: [
        ("1.0", 1.0), ("1.0e-2", 0.01), ("1.d0", 1.0), ("2.5D+3", 2500.0), (".5", 0.5), ("3.", 3.0),
        ("-1.5E2", -150.0), ("1e5", 100_000.0), ("+.25", 0.25), ("-7.d-1", -0.7),
    ])
    func reals(text: String, expected: Double) throws {
        #expect(try NamelistTestSupport.values(of: "&g x = \(text) /") == [.real(expected)])
    }

    @Test("logicals in every Fortran form", arguments: [
        (".true.", true), (".false.", false), (".t.", true), (".f.", false), ("T", true), ("F", false),
        (".TRUE.", true), (".True", true), ("true", true), ("f", false), (".tru", true), (".F.", false),
    ])
    func logicals(text: String, expected: Bool) throws {
        #expect(try NamelistTestSupport.values(of: "&g x = \(text) /") == [.logical(expected)])
    }

    @Test("strings in either quote, with doubled quotes", arguments: [
        ("'abc'", "abc"), ("\"abc\"", "abc"), ("'it''s'", "it's"), ("\"say \"\"hi\"\"\"", "say \"hi\""),
        ("\"it's\"", "it's"), ("''", ""), ("'a!b/c,d=e &f'", "a!b/c,d=e &f"), ("'  padded '", "  padded "),
    ])
    func strings(text: String, expected: String) throws {
        #expect(try NamelistTestSupport.values(of: "&g x = \(text) /") == [.string(expected)])
    }

    @Test("comments end at the line end but not inside strings")
    func comments() throws {
        let text = """
        &g ! opener comment
          a = 1 ! the first
          ! a whole-line comment
          b = 'x ! not a comment' ! but this is
        /
        """
        let group = try #require(try NamelistDocument.parse(text, file: "drv_in").groups.first)
        #expect(group.assignments.map(\.values) == [[.integer(1)], [.string("x ! not a comment")]])
    }

    @Test("array values separated by commas, blanks or both")
    func arraySeparators() throws {
        #expect(try NamelistTestSupport.values(of: "&g x = 1, 2, 3 /") == [.integer(1), .integer(2), .integer(3)])
        #expect(try NamelistTestSupport.values(of: "&g x = 1 2 3 /") == [.integer(1), .integer(2), .integer(3)])
        #expect(try NamelistTestSupport.values(of: "&g x = 'a' ,'b'  , 'c' /")
            == [.string("a"), .string("b"), .string("c")])
        #expect(try NamelistTestSupport.values(of: "&g x = 1, /") == [.integer(1)])
    }

    @Test("repeat counts expand to repeated values")
    func repeatCounts() throws {
        #expect(try NamelistTestSupport.values(of: "&g x = 3*0 /") == [.integer(0), .integer(0), .integer(0)])
        #expect(try NamelistTestSupport.values(of: "&g x = 2*'a' /") == [.string("a"), .string("a")])
        #expect(try NamelistTestSupport.values(of: "&g x = 2*.true., 2*1.5 /")
            == [.logical(true), .logical(true), .real(1.5), .real(1.5)])
        #expect(try NamelistTestSupport.values(of: "&g x = 1, 2*, 4 /") == [.integer(1), .null, .null, .integer(4)])
    }

    @Test("a bare repeat count followed by a blank and a string gives nulls, then the string")
    func repeatCountThenSeparateString() throws {
        #expect(try NamelistTestSupport.values(of: "&g x = 2* 'a' /") == [.null, .null, .string("a")])
    }

    @Test("empty values between commas are null values")
    func nullValues() throws {
        #expect(try NamelistTestSupport.values(of: "&g x = 1, , 3 /") == [.integer(1), .null, .integer(3)])
        #expect(try NamelistTestSupport.values(of: "&g x = , 2 /") == [.null, .integer(2)])
        #expect(try NamelistTestSupport.values(of: "&g x = 1,,,4 /") == [.integer(1), .null, .null, .integer(4)])
        #expect(try NamelistTestSupport.values(of: "&g x = /") == [.null])
    }

    @Test("indexed keys start at their index")
    func indexedKeys() throws {
        let text = "&g\n x(2) = 5, 6\n y = 1\n z(1) = 'a'\n w (3) = 7\n/"
        let group = try #require(try NamelistDocument.parse(text, file: "drv_in").groups.first)
        let assignments = group.assignments
        #expect(assignments.map(\.key) == ["x", "y", "z", "w"])
        #expect(assignments.map(\.startIndex) == [2, 1, 1, 3])
        #expect(assignments.map(\.isIndexed) == [true, false, true, true])
        #expect(assignments[0].values == [.integer(5), .integer(6)])
    }

    @Test("indexed assignments to the same key are allowed")
    func repeatedIndexedKeys() throws {
        let group = try #require(try NamelistDocument.parse("&g x(1) = 1 x(2) = 2 x = 0 /", file: "f").groups.first)
        #expect(group.assignments(to: "x").map(\.startIndex) == [1, 2, 1])
    }

    @Test("values may span lines")
    func valuesSpanningLines() throws {
        let text = "&g\n x = 1, 2,\n     3\n     4\n y = 5\n/"
        let group = try #require(try NamelistDocument.parse(text, file: "drv_in").groups.first)
        #expect(group.assignments.map(\.values) == [[.integer(1), .integer(2), .integer(3), .integer(4)], [.integer(5)]])
    }

    @Test("several assignments on one line")
    func severalAssignmentsOnALine() throws {
        let commas = try #require(try NamelistDocument.parse("&g a = 1, b = 2, c = 'x' /", file: "f").groups.first)
        #expect(commas.assignments.map(\.key) == ["a", "b", "c"])
        #expect(commas.assignments.map(\.values) == [[.integer(1)], [.integer(2)], [.string("x")]])
        let blanks = try #require(try NamelistDocument.parse("&g a = 1 b = 2 c(2) = 3 /", file: "f").groups.first)
        #expect(blanks.assignments.map(\.key) == ["a", "b", "c"])
        #expect(blanks.assignments.map(\.values) == [[.integer(1)], [.integer(2)], [.integer(3)]])
    }

    @Test("groups may be opened with $ and closed with &end or $end")
    func alternativeGroupDelimiters() throws {
        let text = """
        $first
          a = 1
        $end
        &second b = 2 &end
        &third c = 3 $END
        $fourth d = 4 /
        &fifth e = 5/&sixth f = 6/
        """
        let document = try NamelistDocument.parse(text, file: "drv_in")
        #expect(document.groups.map(\.name) == ["first", "second", "third", "fourth", "fifth", "sixth"])
        #expect(document.groups.map { $0.assignments.first?.values } == [
            [.integer(1)], [.integer(2)], [.integer(3)], [.integer(4)], [.integer(5)], [.integer(6)],
        ])
    }

    @Test("an empty group is allowed")
    func emptyGroup() throws {
        let document = try NamelistDocument.parse("&empty\n/\n", file: "drv_in")
        #expect(document.groups.map(\.name) == ["empty"])
        #expect(document.groups.first?.assignments.isEmpty == true)
    }

    @Test("locations of groups, keys and values")
    func locations() throws {
        let text = "! header\n  &g\n    x = 1,  3*2\n    s =\n      'a'\n/"
        let group = try #require(try NamelistDocument.parse(text, file: "drv_in").groups.first)
        #expect(group.location.description == "drv_in:2:3")
        let x = group.assignments[0]
        #expect(x.location.description == "drv_in:3:5")
        #expect(x.valueLocations.map(\.description) == ["drv_in:3:9", "drv_in:3:13", "drv_in:3:13", "drv_in:3:13"])
        let s = group.assignments[1]
        #expect(s.location == TextLocation(file: "drv_in", line: 4, column: 5))
        #expect(s.valueLocations.map(\.description) == ["drv_in:5:7"])
    }

    @Test("a null value is located at its comma, an empty assignment at its '='")
    func nullValueLocations() throws {
        let group = try #require(try NamelistDocument.parse("&g x = 1, , 3 y = /", file: "f").groups.first)
        #expect(group.assignments[0].valueLocations.map(\.column) == [8, 11, 13])
        #expect(group.assignments[1].valueLocations.map(\.column) == [17])
    }

    @Test("Windows line ends and tabs are blanks")
    func windowsLineEndsAndTabs() throws {
        let document = try NamelistDocument.parse("&g\r\n\tx\t=\t1\r\n\ty = 2\r\n/\r\n", file: "drv_in")
        let group = try #require(document.groups.first)
        #expect(group.assignments.map(\.values) == [[.integer(1)], [.integer(2)]])
        #expect(group.assignments[1].location.description == "drv_in:3:2")
    }
}
