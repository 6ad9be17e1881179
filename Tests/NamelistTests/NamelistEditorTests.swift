import Namelist
import Testing

@Suite("Namelist editor")
struct NamelistEditorTests {
    let original = """
    ! layout
    &cime_pes
      atm_ntasks = 4, atm_rootpe = 0   ! four tasks
      ocn_ntasks = 2
    /
    &seq_timemgr_inparm stop_option = 'ndays', stop_n = 5 /
    &seq_infodata_inparm
      case_name = 'it''s'
    /
    """

    @Test("a value is replaced where it is written; comments and other keys stay")
    func replaceValue() throws {
        var editor = NamelistEditor(text: original, file: "t.nml")
        try editor.set("atm_ntasks", to: "8", in: "cime_pes")
        try editor.set("stop_n", to: "2", in: "seq_timemgr_inparm")
        try editor.set("case_name", to: "'other'", in: "seq_infodata_inparm")
        let lines = editor.text.split(separator: "\n").map(String.init)
        #expect(lines[2] == "  atm_ntasks = 8, atm_rootpe = 0   ! four tasks")
        #expect(lines[5] == "&seq_timemgr_inparm stop_option = 'ndays', stop_n = 2 /")
        #expect(lines[7] == "  case_name = 'other'")
        let document = try NamelistDocument.parse(editor.text, file: "t.nml")
        #expect(document.group(named: "seq_timemgr_inparm")?.assignments(to: "stop_n").first?.values == [.integer(2)])
    }

    @Test("a missing key is added to its group (before the slash of a one-line group), a missing group at the end")
    func addKeyAndGroup() throws {
        var editor = NamelistEditor(text: original, file: "t.nml")
        try editor.set("cpl_ntasks", to: "3", in: "cime_pes")
        try editor.set("atm", to: "'slab'", in: "components")
        try editor.set("restart_n", to: "2", in: "seq_timemgr_inparm")
        let document = try NamelistDocument.parse(editor.text, file: "t.nml")
        #expect(editor.text.contains("&seq_timemgr_inparm stop_option = 'ndays', stop_n = 5, restart_n = 2 /"), "\(editor.text)")
        #expect(document.group(named: "seq_timemgr_inparm")?.assignments(to: "restart_n").first?.values == [.integer(2)])
        #expect(document.group(named: "cime_pes")?.assignments(to: "cpl_ntasks").first?.values == [.integer(3)])
        #expect(document.group(named: "cime_pes")?.assignments.count == 4)
        #expect(document.group(named: "components")?.assignments(to: "atm").first?.values == [.string("slab")])
    }

    /// Found by NamelistFuzzTests: the editor split lines at `\n` only while the parser counts
    /// every line end, so a namelist with Windows line ends (or U+2028, U+0085, form feeds)
    /// made it index past its lines and trap.
    @Test("namelists with Windows and other line ends are edited, keeping their line ends")
    func otherLineEnds() throws {
        var editor = NamelistEditor(text: "! drv_in\r\n&cime_pes\r\n  atm_ntasks = 4\r\n/\r\n&g\u{2028}  x = 1\u{2028}/\u{2028}", file: "t.nml")
        try editor.set("atm_ntasks", to: "8", in: "cime_pes")
        try editor.set("x", to: "2", in: "g")
        try editor.set("ocn_ntasks", to: "2", in: "cime_pes")
        #expect(editor.text == "! drv_in\r\n&cime_pes\r\n  ocn_ntasks = 2\r\n  atm_ntasks = 8\r\n/\r\n&g\u{2028}  x = 2\u{2028}/\u{2028}")
        try editor.replaceGroup("g", with: "&g y = 3 /")
        #expect(editor.text == "! drv_in\r\n&cime_pes\r\n  ocn_ntasks = 2\r\n  atm_ntasks = 8\r\n/\r\n&g y = 3 /\u{2028}")
    }

    /// Found by NamelistFuzzTests: a value list going on over several lines was left in place
    /// and the key added again, so the edited namelist set it twice and no longer parsed.
    @Test("a value list over several lines is replaced whole")
    func multiLineValue() throws {
        var editor = NamelistEditor(text: "&g\n  x = 1,\n      2 ! two\n  y = 3\n/\n", file: "t.nml")
        try editor.set("x", to: "5", in: "g")
        #expect(editor.text == "&g\n  x = 5 ! two\n  y = 3\n/\n")
        #expect(try NamelistDocument.parse(editor.text, file: "t.nml").group(named: "g")?.assignments(to: "x").first?.values == [.integer(5)])
    }

    /// Found by NamelistFuzzTests: a key added to a group written on one line went after the
    /// line, outside the group.
    @Test("a key is added inside a group written on one line")
    func oneLineGroup() throws {
        var editor = NamelistEditor(text: "&g y = 1 /\n", file: "t.nml")
        try editor.set("x", to: "4", in: "g")
        #expect(editor.text == "&g y = 1, x = 4 /\n")
        #expect(try NamelistDocument.parse(editor.text, file: "t.nml").group(named: "g")?.assignments.map(\.key) == ["y", "x"])
        var spread = NamelistEditor(text: "&g y = 1\n  z = 2\n/\n", file: "t.nml")
        try spread.set("x", to: "4", in: "g")
        #expect(spread.text == "&g x = 4 y = 1\n  z = 2\n/\n")
        #expect(try NamelistDocument.parse(spread.text, file: "t.nml").group(named: "g")?.assignments.map(\.key) == ["x", "y", "z"])
    }

    @Test("a whole group is replaced, one-line groups too")
    func replaceGroup() throws {
        var editor = NamelistEditor(text: original, file: "t.nml")
        try editor.replaceGroup("cime_pes", with: "&cime_pes atm_ntasks = 1 /")
        try editor.replaceGroup("seq_timemgr_inparm", with: "&seq_timemgr_inparm\n  stop_option = 'nhours', stop_n = 3\n/")
        let document = try NamelistDocument.parse(editor.text, file: "t.nml")
        #expect(document.group(named: "cime_pes")?.assignments.map(\.key) == ["atm_ntasks"])
        #expect(document.group(named: "seq_timemgr_inparm")?.assignments(to: "stop_option").first?.values == [.string("nhours")])
        #expect(document.group(named: "seq_infodata_inparm")?.assignments(to: "case_name").first?.values == [.string("it's")])
        #expect(editor.text.hasPrefix("! layout\n&cime_pes atm_ntasks = 1 /\n"))
    }
}
