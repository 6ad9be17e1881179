import MPI

/// MPI in the test process, for fuzz cases that distribute a weights file's matrix: started
/// once, as a singleton, at the thread level the component tests ask for (all test targets
/// share one process).
enum InProcessMPI {
    static let world: Communicator = {
        do {
            try MPIRuntime.initialize(threadLevel: .serialized)
            return try Communicator.world()
        } catch {
            fatalError("cannot start MPI for the fuzz tests: \(error)")
        }
    }()
}
