import Coupling
import MPI

/// The threads each rank runs against the processors it may run on: an MPI launcher that binds
/// a rank to one core (Open MPI does so when it starts one or two ranks) leaves its threads
/// sharing that core, which costs as much time as the threads were meant to save.
struct ThreadPlacement {
    /// World ranks whose components ask for more threads than the rank has processors, with
    /// both numbers.
    let crowded: [(rank: Int, threads: Int, processors: Int)]

    /// The threads and processors of every rank. Collective over `world`.
    init(layout: ProcessorLayout, world: Communicator) throws(MPIError) {
        let threads = layout.components(onRank: world.rank).map { layout[$0].nthreads }.max() ?? 1
        let processors = Self.allowedProcessors()
        let all = try world.allGather(Int64(threads) << 32 | Int64(processors))
        crowded = all.enumerated().compactMap { rank, value in
            let threads = Int(value >> 32), processors = Int(value & 0xFFFF_FFFF)
            return threads > processors && processors > 0 ? (rank, threads, processors) : nil
        }
    }

    /// One line for cpl.log per crowded rank, and how to start the run instead; none when every
    /// rank's threads have processors of their own.
    var warnings: [String] {
        guard !crowded.isEmpty else { return [] }
        return crowded.map { "warning: rank \($0.rank) runs \($0.threads) threads on \($0.processors) processor(s) it may use" }
            + ["  (the MPI launcher bound it; with Open MPI start the run with 'mpirun --bind-to none', "
                + "or '--map-by slot:PE=N' for N threads per task, so that the threads do not share one core)"]
    }

    /// The processors this process may run on: the bits of `Cpus_allowed` in /proc/self/status
    /// (the affinity mask a launcher's binding sets); 0 if unknown.
    static func allowedProcessors() -> Int {
        guard let text = try? readTextFile("/proc/self/status"),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else { return 0 }
        return line.dropFirst("Cpus_allowed:".count).reduce(0) { count, digit in count + (digit.hexDigitValue ?? 0).nonzeroBitCount }
    }
}
