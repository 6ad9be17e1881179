import CComponentABI
import Coupling

/// The `cdc_init_args` a plug-in's `cdc_initialize` gets, made from the component's context.
enum PluginInitArguments {
    /// Calls `body` with the arguments for the component of `context`, whose namelist group is
    /// `group`; they are valid during the call only. Throws if a text does not fit its array.
    static func with<Result>(context: ComponentContext, group: String, library: String,
                             _ body: (UnsafePointer<cdc_init_args>) throws(PluginError) -> Result) throws(PluginError) -> Result {
        // On the heap: the struct is larger than a stack frame should hold.
        let a = UnsafeMutablePointer<cdc_init_args>.allocate(capacity: 1)
        defer { a.deallocate() }
        a.initialize(to: cdc_init_args())
        a.pointee.comm = context.communicator.fortranHandle
        a.pointee.threads = Int32(clamping: context.threads.count)
        a.pointee.start = cdc_time(context.startTime, calendar: context.calendar)
        a.pointee.stop = cdc_time(context.stopTime, calendar: context.calendar)
        a.pointee.coupling_interval = context.couplingInterval
        func store<Array>(_ text: String, _ what: String, _ field: inout Array) throws(PluginError) {
            guard CharacterArray.store(text, in: &field) else {
                throw PluginError(library: library, "the \(what) '\(text)' is longer than the plug-in ABI's \(MemoryLayout<Array>.size - 1) bytes")
            }
        }
        try store(context.kind.rawValue, "component kind", &a.pointee.kind)
        try store(context.calendar.rawValue, "calendar", &a.pointee.calendar)
        try store(context.caseName, "case name", &a.pointee.case_name)
        try store(context.namelistDirectory, "namelist folder", &a.pointee.namelist_directory)
        try store(context.runDirectory, "run directory", &a.pointee.run_directory)
        let text = Array((context.namelist.group(named: group)?.text ?? "").utf8CString)
        return try text.withUnsafeBufferPointer { (characters) throws(PluginError) -> Result in
            a.pointee.namelist = characters.baseAddress
            a.pointee.namelist_length = Int64(characters.count - 1)
            return try body(a)
        }
    }
}
