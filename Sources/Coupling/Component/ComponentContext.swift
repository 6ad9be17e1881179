import MPI
import Namelist
import TimeManager

/// Everything a component is given by the driver: who it is, where it runs, its
/// settings, the clock and its log.
public struct ComponentContext: Sendable {
    /// Which component this is (atm, lnd, ice, ocn).
    public let kind: ComponentKind
    /// The model's registered name (`slab`, `docn`, ...).
    public let modelName: String
    /// The component's own communicator: its tasks only.
    public let communicator: Communicator
    /// The threads each task may use.
    public let threads: ThreadTeam
    /// The whole namelist; a component reads its own group(s) with `settings(group:_:)`.
    public let namelist: NamelistDocument
    /// The folder of the namelist file: relative paths in the namelist resolve against it.
    public let namelistDirectory: String
    /// The local CESM inputdata tree, when given: absolute paths into another machine's
    /// inputdata resolve into it.
    public let inputdata: InputdataRoot?
    /// The run's calendar.
    public let calendar: ModelCalendar
    /// When this run starts: the first `start` passed to `run` (on a continued run, the time
    /// of the restart, not the start of the experiment).
    public let startTime: ModelTime
    /// The length of one `run` call, in seconds (the component's coupling interval).
    public let couplingInterval: Int64
    /// When the run stops.
    public let stopTime: ModelTime
    /// The run directory (logs, history, restarts).
    public let runDirectory: String
    /// The case name (`case_name` in `&seq_infodata_inparm`), used in file names.
    public let caseName: String
    /// The component's log (`atm.log`, ...), written by its first task.
    public let log: ComponentLog

    /// A context with every value given. The driver makes one per component; a component's
    /// own tests may make one to call the component without a driver.
    public init(kind: ComponentKind, modelName: String, communicator: Communicator, threads: ThreadTeam,
                namelist: NamelistDocument, namelistDirectory: String, calendar: ModelCalendar, startTime: ModelTime,
                couplingInterval: Int64, stopTime: ModelTime, runDirectory: String, caseName: String, log: ComponentLog,
                inputdata: InputdataRoot? = nil) {
        self.kind = kind
        self.modelName = modelName
        self.communicator = communicator
        self.threads = threads
        self.namelist = namelist
        self.namelistDirectory = namelistDirectory
        self.inputdata = inputdata
        self.calendar = calendar
        self.startTime = startTime
        self.couplingInterval = couplingInterval
        self.stopTime = stopTime
        self.runDirectory = runDirectory
        self.caseName = caseName
        self.log = log
    }

    /// Reads settings from namelist group `group` (absent group: all defaults). `read` asks for
    /// each key; unknown keys, wrong types and out-of-range values are thrown together.
    public func settings<T>(group: String, _ read: (NamelistGroupReader) -> T) throws(DiagnosticList) -> T {
        try namelist.settings(group: group, read)
    }

    /// `path` made absolute: relative paths are taken from the namelist's folder; a path into
    /// another machine's CESM inputdata is taken from `inputdata` when given.
    public func resolvePath(_ path: String) -> String {
        resolveInput(path, directory: namelistDirectory, inputdata: inputdata)
    }
}

/// `path` if absolute, else `directory/path`.
public func resolve(_ path: String, against directory: String) -> String {
    if path.hasPrefix("/") || directory.isEmpty { return path }
    return directory.hasSuffix("/") ? directory + path : directory + "/" + path
}
