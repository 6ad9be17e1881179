import Foundation
import Synchronization

/// Turns the first SIGINT or SIGTERM into a call of `handler`, so that a command can end its
/// work in order — cancel its jobs, write its status — instead of dying mid-way; a second one
/// ends the process at once (exit status 128 + the signal), for clean-up that does not end.
final class InterruptionHandler: Sendable {
    /// The first signal received, 0 before.
    private final class FirstSignal: Sendable {
        let number = Atomic<Int32>(0)
    }

    private let sources: Mutex<[any DispatchSourceSignal]>
    private let first: FirstSignal

    /// Handles SIGINT and SIGTERM with `handler` until `release`.
    init(_ handler: @escaping @Sendable () -> Void) {
        let first = FirstSignal()
        self.first = first
        sources = Mutex([SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if first.number.compareExchange(expected: 0, desired: number, ordering: .relaxed).exchanged {
                    handler()
                } else {
                    _exit(128 + number)
                }
            }
            source.resume()
            return source
        })
    }

    /// The signal that called the handler, if one did.
    var received: Int32? {
        let number = first.number.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// Gives SIGINT and SIGTERM back their default action.
    func release() {
        sources.withLock { sources in for source in sources { source.cancel() } }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
    }
}
