import Foundation

/// One process at a time runs an ensemble: an exclusive `flock` on `DIR/.lock`, held while the
/// runner runs and let go when it returns or its process dies (the system releases it then).
struct EnsembleLock {
    private let descriptor: Int32

    /// Takes the lock of the ensemble in `folder`; throws, naming the lock file, when another
    /// process holds it.
    init(folder: String) throws(EnsembleError) {
        let path = folder + "/.lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .file(path: path, reason: "cannot be opened: \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .file(path: path, reason: "another coupled-driver ensemble process is running this ensemble; wait for it, or stop it first")
        }
    }

    /// Lets the lock go.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
