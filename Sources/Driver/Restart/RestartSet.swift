import Coupling
import TimeManager
#if canImport(Glibc)
import Glibc
#endif

/// The files of one restart — the coupler's and each present component's, all at one model
/// date — and `rpointer.drv`, which names the set a continued run starts from (each member of a
/// multi-driver job has its own: `rpointer.drv_0001`).
///
/// Publishing is atomic: every file is written under a temporary name, flushed to disk, then
/// renamed; only then is `rpointer.drv` replaced (written to a temporary file, flushed and
/// renamed). A crash at any moment leaves the previous set and pointer usable.
struct RestartSet: Sendable, Equatable {
    /// The pointer file in the run directory of `instance`: `rpointer.drv`, `rpointer.drv_0001`.
    static func pointerName(of instance: DriverInstance) -> String { instance.naming("rpointer.drv") }
    /// What files being written are called until they are complete.
    static let temporarySuffix = RunFileNames.temporarySuffix

    /// The coupler's file, then the components'.
    let coupler: String
    let components: [ComponentKind: String]
    /// The member whose set this is.
    let instance: DriverInstance

    /// The set for `caseName` at `date` with files for `kinds`.
    init(caseName: String, date: ModelDate, kinds: [ComponentKind], instance: DriverInstance) {
        coupler = RunFileNames.restart(caseName: caseName, kind: .cpl, date: date, instance: instance)
        var files = [ComponentKind: String]()
        for kind in kinds { files[kind] = RunFileNames.restart(caseName: caseName, kind: kind, date: date, instance: instance) }
        components = files
        self.instance = instance
    }

    private init(coupler: String, components: [ComponentKind: String], instance: DriverInstance) {
        self.coupler = coupler
        self.components = components
        self.instance = instance
    }

    /// This set's pointer file.
    var pointerName: String { Self.pointerName(of: instance) }

    /// Every file, the coupler's first.
    var files: [String] { [coupler] + ComponentKind.models.compactMap { components[$0] } }

    /// The pointer file's text: one file name per line, the coupler's first.
    var pointerText: String { files.joined(separator: "\n") + "\n" }

    /// The set of `instance` named by a pointer file's text.
    init(pointerText: String, path: String, instance: DriverInstance) throws(RestartError) {
        let names = pointerText.split(separator: "\n").map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
        let coupler = instance.naming("cpl")
        guard let first = names.first, first.contains(".\(coupler).r.") else {
            throw RestartError(path: path, "does not name a coupler restart file (a first line like CASE.\(coupler).r.YYYY-MM-DD-SSSSS.nc)")
        }
        var files = [ComponentKind: String]()
        for name in names.dropFirst() {
            guard let kind = ComponentKind.models.first(where: { name.contains(".\(instance.naming($0.rawValue)).r.") }) else {
                throw RestartError(path: path, "line '\(name)' is not a component restart file (CASE.<atm|lnd|ice|ocn>\(instance.suffix).r.DATE.nc)")
            }
            files[kind] = name
        }
        self.init(coupler: first, components: files, instance: instance)
    }

    /// Makes the set current (rank 0, after every file was written under its temporary name):
    /// flushes and renames each file, then replaces the pointer the same way.
    func publish(in directory: String) throws(FileError) {
        for name in files {
            let final = resolve(name, against: directory)
            try flushToDisk(final + Self.temporarySuffix)
            try renameFile(final + Self.temporarySuffix, to: final)
        }
        let pointer = resolve(pointerName, against: directory)
        try writeTextFile(pointerText, to: pointer + Self.temporarySuffix)
        try flushToDisk(pointer + Self.temporarySuffix)
        try renameFile(pointer + Self.temporarySuffix, to: pointer)
        try flushToDisk(directory)
    }

    /// The set the run directory's pointer of `instance` names.
    static func current(in directory: String, instance: DriverInstance) throws(RestartError) -> RestartSet {
        let pointer = resolve(pointerName(of: instance), against: directory)
        let text: String
        do { text = try readTextFile(pointer) } catch {
            throw RestartError(path: pointer, "cannot be read (start_type = 'continue' needs the restart pointer of an earlier run): \(error.reason)")
        }
        return try RestartSet(pointerText: text, path: pointer, instance: instance)
    }

}

extension String {
    /// Without leading and trailing blanks.
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
