import Namelist
import Testing

/// `NamelistGroup.text`: the fixed form in which plug-in components get their group.
@Suite("Namelist group text")
struct NamelistGroupTextTests {
    @Test("one assignment a line, comments dropped, values as a user writes them")
    func fixedForm() throws {
        let source = """
        &Ocn_Plugin_Nml  ! the ocean's settings
          Grid_File = "it's.nc", depth = 5.d1
          tiny = 1e-5, flags = T, .false.   ! two logicals
          x(3) = 2*7, , 9
        /
        """
        let group = try #require(try NamelistDocument.parse(source, file: "drv_in").groups.first)
        #expect(group.text == """
            &Ocn_Plugin_Nml
              Grid_File = 'it''s.nc'
              depth = 50.0
              tiny = 1e-05
              flags = .true., .false.
              x(3) = 7, 7, , 9
            /

            """)
    }

    @Test("the text parses back to the same group", arguments: [
        "&g /", "&g a = 1 /", "&g s = 'a/b!c', r = -2.5e300, n = -3 /", "&g v(2) = 1, 2, 3, w = , 4 /",
    ])
    func roundTrip(source: String) throws {
        let group = try #require(try NamelistDocument.parse(source, file: "a").groups.first)
        let again = try #require(try NamelistDocument.parse(group.text, file: "a").groups.first)
        #expect(again.assignments.map(\.key) == group.assignments.map(\.key))
        #expect(again.assignments.map(\.values) == group.assignments.map(\.values))
        #expect(again.assignments.map(\.startIndex) == group.assignments.map(\.startIndex))
    }
}
