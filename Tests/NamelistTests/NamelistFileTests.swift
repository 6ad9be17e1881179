import Namelist
import Testing

/// `NamelistDocument.parseFile`: a whole namelist file, as the driver and `coupled-driver check`
/// read it — contents that are not text give one diagnostic saying what the file is, and a file
/// without any group is an error.
@Suite("Namelist files that are empty or not text")
struct NamelistFileTests {
    /// The diagnostics, as printed, that `parseFile` gives for `bytes` decoded as `readTextFile` decodes them.
    private func problems(_ bytes: [UInt8], file: String = "drv_in") -> [String] {
        do {
            _ = try NamelistDocument.parseFile(String(decoding: bytes, as: UTF8.self), file: file)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("an empty file, or one of blanks and comments only, holds no namelist groups",
          arguments: ["", "\n\n   \t\n", "! only a comment\n  ! and another\n"])
    func noGroups(text: String) {
        let suffix = text.isEmpty ? ": the file is empty" : ""
        #expect(problems(Array(text.utf8)) == ["drv_in:1:1: error: holds no namelist groups (&group ... /)\(suffix)"])
    }

    /// The first bytes of binary files and the one reason each must give.
    static let signatures: [(bytes: [UInt8], reason: String)] = [
        (Array("CDF".utf8) + [1, 0, 0, 0, 0, 0, 0, 0, 10], "it starts with the netCDF signature (CDF\\x01: a netCDF classic file)"),
        (Array("CDF".utf8) + [2, 0, 0, 0, 0, 0, 0, 0, 10], "it starts with the netCDF signature (CDF\\x02: a netCDF 64-bit offset file)"),
        (Array("CDF".utf8) + [5, 0, 0, 0, 0, 0, 0, 0, 10], "it starts with the netCDF signature (CDF\\x05: a netCDF CDF-5 file)"),
        ([0x89] + Array("HDF\r\n".utf8) + [0x1A, 0x0A, 0, 0, 0, 0], "it starts with the HDF5 signature (\\x89HDF: a netCDF-4 or HDF5 file)"),
        ([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3], "it starts with the gzip signature (\\x1F\\x8B: a compressed file)"),
    ]

    @Test("a file that starts with a binary format's signature gives one diagnostic naming the format", arguments: 0 ..< signatures.count)
    func signature(index: Int) {
        let (bytes, reason) = Self.signatures[index]
        // Followed by what would otherwise parse as groups and text outside them.
        let file = bytes + Array("\n&seq_infodata_inparm x = 1 /\ngarbage\n/\n".utf8) + [0x80, 0xFF]
        #expect(problems(file, file: "x.nc") == ["x.nc:1:1: error: is not a text namelist: \(reason)"])
    }

    @Test("a NUL byte or bytes that are not UTF-8 in the first 4 KiB are reported once, where they are")
    func binaryBytes() {
        #expect(problems(Array("&g x = 1 /\n! ok\nab".utf8) + [0] + Array("c\n".utf8)) ==
                ["drv_in:3:3: error: is not a text namelist: it holds a NUL byte, so it is binary data"])
        #expect(problems(Array("&g name = 'caf".utf8) + [0xE9] + Array("' /\n".utf8)) ==
                ["drv_in:1:15: error: is not a text namelist: it holds bytes that are not UTF-8 text "
                 + "(binary data, or text in another encoding such as Latin-1)"])
        let late = Array("&g x = 1 /\n".utf8) + Array(repeating: UInt8(ascii: " "), count: 5000) + [0]
        #expect(problems(late).allSatisfy { !$0.contains("is not a text namelist") }, "only the first 4 KiB are looked at")
    }

    @Test("a text namelist parses as with parse(_:file:), UTF-8 included")
    func textNamelist() throws {
        let document = try NamelistDocument.parseFile("! é\n&g name = 'café' /\n", file: "drv_in")
        #expect(document.group(named: "g")?.assignments.first?.values == [.string("café")])
        #expect(problems(Array("&g x = /".utf8)) == [])
    }
}
