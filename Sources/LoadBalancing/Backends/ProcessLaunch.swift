import Foundation

extension Process {
    /// Starts the process with no signal blocked. A child inherits the signal mask of the thread
    /// that spawns it, and the threads Swift concurrency runs on block nearly all signals: a job
    /// started from one would ignore the SIGTERM it is ended with (bash's traps would never run,
    /// `mpirun` would not pass the signal on to its ranks). The mask of this thread is cleared
    /// only while the child is spawned (no suspension point in between), as the main thread's is.
    func runWithSignalsUnblocked() throws {
        var none = sigset_t(), previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try run()
    }
}
