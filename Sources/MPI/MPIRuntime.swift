import CMPI
import CMPIShims
#if canImport(Glibc)
import Glibc
#endif

/// The MPI library's life cycle: initialisation, finalisation, wall clock and abort.
///
/// The driver initialises MPI once with `MPI_THREAD_FUNNELED`: component models
/// may run worker threads, but only the main thread calls MPI.
public enum MPIRuntime {
    /// The thread support levels of `MPI_Init_thread`.
    public enum ThreadLevel: Int32, Sendable, Comparable {
        /// `MPI_THREAD_SINGLE`: one thread only.
        case single = 0
        /// `MPI_THREAD_FUNNELED`: threads, but only the main thread calls MPI (the driver's level).
        case funneled = 1
        /// `MPI_THREAD_SERIALIZED`: any thread calls MPI, one at a time.
        case serialized = 2
        /// `MPI_THREAD_MULTIPLE`: any thread calls MPI at any time.
        case multiple = 3
        /// Orders levels from the least to the most thread support.
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// Initialises MPI (once; later calls return the level already provided) and makes
    /// MPI calls on `MPI_COMM_WORLD` return errors instead of aborting.
    @discardableResult
    public static func initialize(threadLevel: ThreadLevel = .funneled) throws(MPIError) -> ThreadLevel {
        if isInitialized {
            var provided: Int32 = 0
            try check(MPI_Query_thread(&provided), "MPI_Query_thread")
            return ThreadLevel(rawValue: provided) ?? .single
        }
        var provided: Int32 = 0
        try check(MPI_Init_thread(nil, nil, threadLevel.rawValue, &provided), "MPI_Init_thread")
        try check(MPI_Comm_set_errhandler(cmpi_comm_world(), cmpi_errors_return()), "MPI_Comm_set_errhandler")
        let level = ThreadLevel(rawValue: provided) ?? .single
        if level < threadLevel {
            throw MPIError(code: MPI_ERR_OTHER, operation: "MPI_Init_thread (asked for \(threadLevel), library provides \(level))")
        }
        return level
    }

    /// Whether `MPI_Init_thread` has been called.
    public static var isInitialized: Bool {
        var flag: Int32 = 0
        MPI_Initialized(&flag)
        return flag != 0
    }

    /// Whether `MPI_Finalize` has been called.
    public static var isFinalized: Bool {
        var flag: Int32 = 0
        MPI_Finalized(&flag)
        return flag != 0
    }

    /// Finalises MPI if it was initialised and not yet finalised; safe to call on every exit path.
    public static func finalize() {
        if isInitialized && !isFinalized { MPI_Finalize() }
    }

    /// Whether an MPI launcher started this process (`mpirun`/`mpiexec` of Open MPI, MPICH or
    /// Intel MPI, or `srun` with PMI or PMIx), as the variables such launchers set say. A process
    /// started any other way is a job of one process, which needs no MPI.
    public static var isStartedByLauncher: Bool {
        launcherVariables.contains { getenv($0) != nil }
    }

    /// Variables that MPI launchers set in the processes they start: Open MPI's own, PMIx's
    /// (Open MPI 4+, Slurm's `--mpi=pmix`) and PMI's (MPICH's Hydra, Intel MPI, Slurm's `--mpi=pmi2`).
    static let launcherVariables = ["OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"]

    /// Seconds of wall-clock time since an arbitrary origin, from the monotonic clock
    /// (`CLOCK_MONOTONIC`), with or without MPI initialised.
    public static func wallTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    /// Ends every process of the job with `code` (`MPI_Abort` on `MPI_COMM_WORLD`); a process
    /// that never initialised MPI is the whole job, and exits.
    public static func abort(code: Int32) -> Never {
        guard isInitialized && !isFinalized else { exit(code) }
        MPI_Abort(cmpi_comm_world(), code)
        // MPI_Abort does not return on a correct MPI; make sure of it.
        while true { pause() }
    }

    /// The name of the processor this rank runs on.
    public static func processorName() -> String {
        var buffer = [CChar](repeating: 0, count: Int(MPI_MAX_PROCESSOR_NAME) + 1)
        var length: Int32 = 0
        guard MPI_Get_processor_name(&buffer, &length) == MPI_SUCCESS else { return "unknown" }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
