import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into a call of `handler` (once) while it is held, so a command can
/// end its work in order — cancel its jobs, write its status — instead of dying mid-way.
final class InterruptionHandler {
    private let sources: [any DispatchSourceSignal]

    /// Handles SIGINT and SIGTERM with `handler` until `release`.
    init(_ handler: @escaping @Sendable () -> Void) {
        let fired = Atomic(false)
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if !fired.exchange(true, ordering: .relaxed) { handler() }
            }
            source.resume()
            return source
        }
    }

    /// Gives SIGINT and SIGTERM back their default action.
    func release() {
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
    }
}
