#if canImport(Glibc)
import Glibc
#endif
import Namelist

/// What a model is given to check its settings before any run (`Component.check(_:)`): the
/// namelist, the component kind it is to be, and how its paths resolve. No MPI; grid files
/// only by their headers.
public struct ModelPreflight: Sendable {
    /// The component kind the model is to be.
    public let kind: ComponentKind
    /// The whole namelist.
    public let namelist: NamelistDocument
    /// The folder relative paths resolve against.
    public let namelistDirectory: String
    /// The local CESM inputdata tree, when given.
    public let inputdata: InputdataRoot?

    /// A preflight of model `kind` in `namelist`.
    public init(kind: ComponentKind, namelist: NamelistDocument, namelistDirectory: String, inputdata: InputdataRoot?) {
        self.kind = kind
        self.namelist = namelist
        self.namelistDirectory = namelistDirectory
        self.inputdata = inputdata
    }

    /// Reads `group` with `read` as the model's `initialize` does: the settings, or the problems found.
    public func settings<T>(group: String, _ read: (NamelistGroupReader) -> T) -> Result<T, DiagnosticList> {
        Result { () throws(DiagnosticList) in try namelist.settings(group: group, read) }
    }

    /// `path` as the model will open it: relative to the namelist's folder, and a path into
    /// another machine's CESM inputdata taken from the local copy (as `ComponentContext.resolvePath`).
    public func resolvePath(_ path: String) -> String {
        resolveInput(path, directory: namelistDirectory, inputdata: inputdata)
    }

    /// A problem when the file `path` that `key` of `group` names (or defaults to) does not exist:
    /// `'grid_file' in &slab_atm_nml: the grid file '/x/grid.nc' does not exist`, at the key.
    public func missingFile(_ path: String, key: String, group: String, what: String) -> Diagnostic? {
        let resolved = resolvePath(path)
        guard access(resolved, R_OK) != 0 else { return nil }
        let reason = access(resolved, F_OK) == 0 ? "cannot be read" : "does not exist"
        return Diagnostic("'\(key)' in &\(group): the \(what) '\(resolved)' \(reason)", at: location(of: key, in: group))
    }

    /// The SCRIP grid `key` of `group` names (`path`, relative to the namelist's folder), its
    /// header read as `initialize` reads it; a problem at the key when the file is missing or is
    /// not a SCRIP grid.
    public func scripGrid(_ path: String, key: String, group: String) throws(Diagnostic) -> ScripGrid {
        if let missing = missingFile(path, key: key, group: group, what: "grid file") { throw missing }
        do {
            return try ScripGrid(path: resolvePath(path), name: kind.rawValue)
        } catch {
            throw Diagnostic("'\(key)' in &\(group): \(error)", at: location(of: key, in: group))
        }
    }

    /// Where `key` of `group` is first set, or `nil` when the namelist does not set it.
    public func location(of key: String, in group: String) -> TextLocation? {
        namelist.location(of: key, in: group)
    }
}
