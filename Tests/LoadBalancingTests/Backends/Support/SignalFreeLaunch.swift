import Foundation

extension Process {
    /// Starts the process with no signal blocked, as a batch system's node daemon or a login
    /// shell starts a job. Tests run on threads that block nearly all signals, and a child
    /// inherits its spawning thread's mask: a job script started from one would never see the
    /// SIGTERM a test sends it, and daemons started from one would ignore the SIGTERM that stops them.
    func runWithSignalsUnblocked() throws {
        var none = sigset_t(), previous = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try run()
    }
}
