#if canImport(Glibc)
import Glibc
#endif
import CComponentABI

/// A plug-in shared library (`include/coupled_driver_component.h`), loaded with
/// `dlopen(RTLD_NOW | RTLD_LOCAL)`, its ABI version checked and its functions found. A library
/// is never unloaded: `dlopen` of a loaded library only counts another use, and unloading a
/// Fortran or MPI runtime a plug-in brought in is not safe.
final class PluginLibrary {
    typealias VersionFunction = @convention(c) () -> Int32
    typealias InitializeFunction = @convention(c) (UnsafePointer<cdc_init_args>?, UnsafeMutablePointer<cdc_setup>?,
                                                   UnsafeMutablePointer<cdc_error>?) -> Int32
    typealias DomainFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<cdc_domain>?, UnsafeMutablePointer<cdc_error>?) -> Int32
    typealias FillFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<Double>?, Int64, UnsafeMutablePointer<cdc_error>?) -> Int32
    typealias RunFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<cdc_time>?, UnsafePointer<cdc_time>?,
                                            UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int64,
                                            UnsafeMutablePointer<cdc_error>?) -> Int32
    typealias ReadFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<Double>?, Int64, UnsafeMutablePointer<cdc_error>?) -> Int32
    typealias FinalizeFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<cdc_error>?) -> Int32

    /// The functions a plug-in must export.
    static let requiredFunctions = ["cdc_abi_version", "cdc_initialize", "cdc_run"]
    /// The ABI versions this driver loads: 1, and 2, which adds the plug-in's own fields and
    /// history variables at the end of `cdc_setup`.
    static let versions: ClosedRange<Int32> = 1 ... CDC_ABI_VERSION

    /// The library's path, as given to `dlopen`.
    let path: String
    /// The ABI version the library was built for (its `cdc_abi_version()`).
    let version: Int32
    let initialize: InitializeFunction
    let setDomain: DomainFunction?
    let initialExports: FillFunction?
    let run: RunFunction
    let writeRestart: FillFunction?
    let readRestart: ReadFunction?
    let finalize: FinalizeFunction?
    /// `cdc_history`, in a version-2 plug-in that has it.
    let history: FillFunction?

    /// Loads the library at `path`, checks its ABI version and finds its functions.
    init(path: String) throws(PluginError) {
        self.path = path
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw PluginError(library: path, "cannot be loaded: \(Self.lastError() ?? "dlopen failed")")
        }
        func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(handle, name) }
        func required(_ name: String) throws(PluginError) -> UnsafeMutableRawPointer {
            _ = dlerror()
            guard let address = symbol(name) else {
                throw PluginError(library: path, "does not export the required function '\(name)' (\(Self.lastError() ?? "dlsym found nothing"));"
                    + " a plug-in exports \(Self.requiredFunctions.joined(separator: ", ")) under exactly these names")
            }
            return address
        }
        version = unsafeBitCast(try required("cdc_abi_version"), to: VersionFunction.self)()
        guard Self.versions.contains(version) else {
            throw PluginError(library: path, "was built for plug-in ABI version \(version) (its cdc_abi_version()), but this driver loads "
                + "versions \(Self.versions.lowerBound) and \(Self.versions.upperBound): rebuild it against this driver's include/coupled_driver_component.h")
        }
        initialize = unsafeBitCast(try required("cdc_initialize"), to: InitializeFunction.self)
        run = unsafeBitCast(try required("cdc_run"), to: RunFunction.self)
        setDomain = symbol("cdc_set_domain").map { unsafeBitCast($0, to: DomainFunction.self) }
        initialExports = symbol("cdc_initial_exports").map { unsafeBitCast($0, to: FillFunction.self) }
        writeRestart = symbol("cdc_write_restart").map { unsafeBitCast($0, to: FillFunction.self) }
        readRestart = symbol("cdc_read_restart").map { unsafeBitCast($0, to: ReadFunction.self) }
        finalize = symbol("cdc_finalize").map { unsafeBitCast($0, to: FinalizeFunction.self) }
        history = version >= 2 ? symbol("cdc_history").map { unsafeBitCast($0, to: FillFunction.self) } : nil
    }

    /// `dlerror()`'s text, if there is one.
    private static func lastError() -> String? {
        dlerror().map { String(cString: $0) }
    }

    /// Calls `function` (named `name` in messages) with a cleared error buffer; a non-zero
    /// return throws, with the message the plug-in left.
    func call(_ name: String, _ function: (UnsafeMutablePointer<cdc_error>) -> Int32) throws(PluginError) {
        let error = UnsafeMutablePointer<cdc_error>.allocate(capacity: 1)
        defer { error.deallocate() }
        error.initialize(to: cdc_error())
        let status = function(error)
        guard status == 0 else {
            let message = CharacterArray.string(error.pointee.message)
            throw PluginError(library: path, "\(name) failed (returned \(status))" + (message.isEmpty ? " without a message" : ": \(message)"))
        }
    }
}
