import ArgumentParser
import Driver
import MPI

/// Runs the body of a command that works on every rank of `MPI_COMM_WORLD` (such as `remap`).
/// Started by an MPI launcher, it initialises MPI and finalises it on every way out; started
/// any other way, it runs on a single-process communicator and never initialises MPI (which
/// costs a serial tool more than its work on a small file). The body reports its errors
/// collectively (every rank throws the same one), so rank 0 prints the error once, says how
/// many ranks stopped with it, and every rank exits 1.
func runCollectively(_ body: (Communicator) throws -> Void) throws {
    guard MPIRuntime.isStartedByLauncher else { return try run(body, on: .singleProcess()) }
    do {
        try MPIRuntime.initialize(threadLevel: .funneled)
    } catch {
        printToStandardError("error: \(error)")
        throw ExitCode.failure
    }
    defer { MPIRuntime.finalize() }
    let world: Communicator
    do { world = try Communicator.world() } catch {
        printToStandardError("error: \(error)")
        throw ExitCode.failure
    }
    try run(body, on: world)
}

/// Runs `body` on `world`, reporting an error once (see `runCollectively`).
private func run(_ body: (Communicator) throws -> Void, on world: Communicator) throws {
    do {
        try body(world)
    } catch {
        let message = "\(error)"
        let stopped = (try? world.allReduce(1, .sum)) ?? 1
        if world.rank == 0 {
            printToStandardError("error: \(message)")
            printToStandardError("(\(stopped) of \(world.size) rank\(world.size == 1 ? "" : "s") stopped with this error)")
        }
        throw ExitCode.failure
    }
}
