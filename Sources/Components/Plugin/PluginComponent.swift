import CComponentABI
import Coupling
import MPI
import TimeManager

/// A component whose model is a C or Fortran shared library implementing
/// `include/coupled_driver_component.h`, named in `&components` as
/// `ocn = 'plugin:path/to/libmyocean.so'` (a relative path is taken from the namelist's
/// folder). The library is loaded on the component's tasks when the component initialises;
/// each `Component` call becomes the matching `cdc_*` call, with the fields converted between
/// the driver's bundles and the plug-in's field-major buffers in the plug-in's order of points.
/// The plug-in reads namelist group `&<kind>_plugin_nml` (`&ocn_plugin_nml`), passed as text.
public final class PluginComponent: Component {
    /// The library's path as the namelist gives it.
    private let libraryPath: String
    private var library: PluginLibrary?
    /// What the plug-in gave back in `cdc_setup.instance`.
    private var instance: UnsafeMutableRawPointer?
    private var fields = PluginFieldNames.empty
    /// What a version-2 plug-in declares: fields and history variables of its own.
    private var declarations = PluginDeclarations.none
    private var points: PluginPoints?
    private var domain = Domain.empty

    /// The kinds a plug-in can be: every model component (the C ABI passes the kind as text).
    public static let kinds: [ComponentKind] = ComponentKind.models

    /// The namelist group a plug-in of kind `kind` reads.
    public static func namelistGroup(for kind: ComponentKind) -> String { "\(kind.rawValue)_plugin_nml" }

    /// A component that will load the library at `libraryPath` (relative to the namelist's
    /// folder) when it initialises.
    public init(libraryPath: String) {
        self.libraryPath = libraryPath
    }

    /// What keeps the library at `libraryPath` (relative to `directory`) from being a plug-in
    /// (it does not load, lacks a required function or has another ABI version), or `nil` when
    /// it loads.
    public static func problem(libraryPath: String, directory: String) -> String? {
        guard !libraryPath.isEmpty else { return "no library after 'plugin:' (plugin:path/to/libmodel.so)" }
        do {
            _ = try PluginLibrary(path: resolve(libraryPath, against: directory))
            return nil
        } catch {
            return error.description
        }
    }

    /// Loads the library, calls `cdc_initialize`, reads the grid file it names for the points
    /// it chose (or blocks the driver chooses) and gives the plug-in its domain.
    public func initialize(context: ComponentContext) throws -> ComponentSetup {
        let library = try PluginLibrary(path: context.resolvePath(libraryPath))
        self.library = library
        let setup = UnsafeMutablePointer<cdc_setup>.allocate(capacity: 1)
        defer { setup.deallocate() }
        setup.initialize(to: cdc_setup())
        setup.pointee.point_count = Int64(CDC_DRIVER_DECOMPOSITION)
        try PluginInitArguments.with(context: context, group: Self.namelistGroup(for: context.kind), library: library.path) { (arguments) throws(PluginError) in
            try library.call("cdc_initialize") { error in library.initialize(arguments, setup, error) }
        }
        instance = setup.pointee.instance
        let s = setup.pointee
        do {
            fields = try PluginFieldNames(exports: CharacterArray.string(s.exports), imports: CharacterArray.string(s.imports),
                                          restart: CharacterArray.string(s.restart_fields))
            if library.version >= 2 { declarations = try PluginDeclarations(s, kind: context.kind) }
        } catch {
            throw PluginError(library: library.path, "cdc_initialize: \(error)")
        }
        if !fields.restart.isEmpty && (library.writeRestart == nil || library.readRestart == nil) {
            throw PluginError(library: library.path, "names restart fields but does not export both cdc_write_restart and cdc_read_restart")
        }
        if !declarations.history.isEmpty && library.history == nil {
            throw PluginError(library: library.path, "names history variables but does not export cdc_history")
        }
        let gridFile = CharacterArray.string(s.grid_file)
        guard !gridFile.isEmpty else { throw PluginError(library: library.path, "cdc_initialize named no grid file (cdc_setup.grid_file)") }
        let grid = try ScripGrid(path: context.resolvePath(gridFile), name: context.kind.rawValue)
        let points = try Self.points(of: s, grid: grid, library: library, communicator: context.communicator)
        self.points = points
        domain = try grid.domain(for: points.decomposition)
        try giveDomain(library, points)
        context.log.write("\(context.kind.label): plug-in \(library.path) (ABI version \(library.version)) on \(domain.grid) from \(grid.path), "
            + (s.point_count == Int64(CDC_DRIVER_DECOMPOSITION) ? "blocks chosen by the driver" : "points chosen by the plug-in"))
        context.log.write("\(context.kind.label): exports \(fields.exports.joined(separator: " ")); imports \(fields.imports.joined(separator: " "))"
            + "; restart fields \(fields.restart.isEmpty ? "none" : fields.restart.joined(separator: " "))"
            + (declarations.fields.isEmpty ? "" : "; declares \(declarations.fields.map(\.name).joined(separator: " "))")
            + (declarations.history.isEmpty ? "" : "; history variables \(declarations.history.map(\.name).joined(separator: " "))"))
        return ComponentSetup(domain: domain, exports: fields.exports, imports: fields.imports, fields: declarations.fields)
    }

    /// The points `setup` chose on this task: blocks the driver chooses, or the plug-in's
    /// list, checked against `grid` (collective).
    private static func points(of setup: cdc_setup, grid: ScripGrid, library: PluginLibrary,
                               communicator: Communicator) throws(PluginError) -> PluginPoints {
        let count = setup.point_count, size = grid.description.size
        if count == Int64(CDC_DRIVER_DECOMPOSITION) { return PluginPoints(blockOf: grid.description, communicator: communicator) }
        guard count >= 0, count <= size, count == 0 || setup.points != nil else {
            throw PluginError(library: library.path, "cdc_initialize gave point_count = \(count)" + (count > 0 && setup.points == nil ? " but no points" : "")
                + " (a count of points up to the grid's \(size), or CDC_DRIVER_DECOMPOSITION)")
        }
        let indices = count == 0 ? [] : Array(UnsafeBufferPointer(start: setup.points, count: Int(count)))
        do {
            return try PluginPoints(pluginIndices: indices, of: grid.description, gridFile: grid.path, communicator: communicator)
        } catch {
            throw PluginError(library: library.path, "its points: \(error)")
        }
    }

    /// Calls `cdc_set_domain`, if the plug-in has it, with the domain in the plug-in's order.
    private func giveDomain(_ library: PluginLibrary, _ points: PluginPoints) throws(PluginError) {
        guard let setDomain = library.setDomain else { return }
        let shape = domain.grid.shape
        let indices = points.globalIndices
        let lon = points.pluginOrder(domain.longitude), lat = points.pluginOrder(domain.latitude)
        let area = points.pluginOrder(domain.area), mask = points.pluginOrder(domain.mask)
        var d = cdc_domain()
        d.global_size = Int64(domain.grid.size)
        d.ni = Int64(shape.last ?? 0)
        d.nj = Int64(shape.count == 2 ? shape[0] : 1)
        d.local_size = Int64(points.count)
        try indices.withUnsafeBufferPointer { (indices) throws(PluginError) in
            try lon.withUnsafeBufferPointer { (lon) throws(PluginError) in
                try lat.withUnsafeBufferPointer { (lat) throws(PluginError) in
                    try area.withUnsafeBufferPointer { (area) throws(PluginError) in
                        try mask.withUnsafeBufferPointer { (mask) throws(PluginError) in
                            d.points = indices.baseAddress
                            d.lon = lon.baseAddress
                            d.lat = lat.baseAddress
                            d.area = area.baseAddress
                            d.mask = mask.baseAddress
                            try library.call("cdc_set_domain") { error in setDomain(instance, &d, error) }
                        }
                    }
                }
            }
        }
    }

    /// Calls `cdc_initial_exports`, if the plug-in has it; otherwise the exports stay zero.
    public func initialExports(_ exports: inout FieldBundle, context: ComponentContext) throws {
        guard let library, let points, let initialExports = library.initialExports else { return }
        var buffer = points.fieldMajor(exports)
        try library.call("cdc_initial_exports") { error in initialExports(instance, &buffer, Int64(points.count), error) }
        points.store(buffer, in: &exports)
    }

    /// Calls `cdc_run` with the imports and the exports (as the last call left them) in the
    /// plug-in's layout, and takes the exports back.
    public func run(from start: ModelTime, until end: ModelTime, imports: FieldBundle, exports: inout FieldBundle,
                    context: ComponentContext) throws {
        guard let library, let points else { return }
        var startDate = cdc_time(start, calendar: context.calendar), endDate = cdc_time(end, calendar: context.calendar)
        let input = points.fieldMajor(imports)
        var output = points.fieldMajor(exports)
        try library.call("cdc_run") { error in
            library.run(instance, &startDate, &endDate, input, &output, Int64(points.count), error)
        }
        points.store(output, in: &exports)
    }

    /// Calls `cdc_history`, if the plug-in named history variables, and gives them back in the
    /// driver's order of points.
    public func historyVariables(context: ComponentContext) throws -> [HistoryVariable] {
        guard let library, let points, let history = library.history, !declarations.history.isEmpty else { return [] }
        var buffer = [Double](repeating: 0, count: declarations.history.count * points.count)
        try library.call("cdc_history") { error in history(instance, &buffer, Int64(points.count), error) }
        return declarations.history.enumerated().map { v, variable in
            HistoryVariable(name: variable.name, longName: variable.longName, units: variable.units,
                            values: points.driverOrder(field: v, of: buffer))
        }
    }

    /// What the restart file names as its writer: the library's file name.
    private var restartModel: String {
        "plug-in " + (libraryPath.split(separator: "/").last.map(String.init) ?? libraryPath)
    }

    /// Calls `cdc_write_restart` and saves the fields it fills.
    public func writeRestart(_ writer: RestartWriter, context: ComponentContext) throws {
        guard let library, let points else { return }
        writer.addModel(restartModel)
        guard let writeRestart = library.writeRestart, !fields.restart.isEmpty else { return }
        var buffer = [Double](repeating: 0, count: fields.restart.count * points.count)
        try library.call("cdc_write_restart") { error in writeRestart(instance, &buffer, Int64(points.count), error) }
        for (f, name) in fields.restart.enumerated() {
            writer.addField(name, points.driverOrder(field: f, of: buffer))
        }
    }

    /// Reads the restart fields (collective) and gives them to `cdc_read_restart`.
    public func readRestart(_ reader: RestartReader, context: ComponentContext) throws {
        guard let library, let points else { return }
        try reader.checkModel(restartModel, domain: domain)
        guard let readRestart = library.readRestart, !fields.restart.isEmpty else { return }
        var buffer = [Double]()
        buffer.reserveCapacity(fields.restart.count * points.count)
        for name in fields.restart { buffer += points.pluginOrder(try reader.field(name)) }
        try library.call("cdc_read_restart") { error in readRestart(instance, buffer, Int64(points.count), error) }
        context.log.write("\(context.kind.label): plug-in continues from \(reader.path)")
    }

    /// Calls `cdc_finalize`, if the plug-in has it.
    public func finalize(context: ComponentContext) throws {
        guard let library, let finalize = library.finalize else { return }
        try library.call("cdc_finalize") { error in finalize(instance, error) }
    }
}
