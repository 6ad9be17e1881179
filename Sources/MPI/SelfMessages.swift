import CMPI
import Synchronization

/// The messages a single-process communicator sends to itself.
///
/// MPI's rules for one rank, kept without MPI: a message matches the oldest posted receive of
/// its tag, else waits, in order of sending, for a receive of that tag; a send never blocks
/// (MPI may buffer any send). A wait that no send could ever complete — on one process, a
/// receive with no message sent before the wait — throws instead of hanging.
final class SelfMessages: Sendable {
    /// A receive posted before its message was sent.
    final class PendingReceive: @unchecked Sendable {
        let tag: Int
        let buffer: UnsafeMutableRawBufferPointer
        /// Set (under the mailbox's lock) when a message filled the buffer, or was too long for it.
        var outcome: Result<Void, MPIError>?

        init(tag: Int, buffer: UnsafeMutableRawBufferPointer) {
            self.tag = tag
            self.buffer = buffer
        }
    }

    private struct State: ~Copyable {
        var messages: [(tag: Int, bytes: [UInt8])] = []
        var receives: [PendingReceive] = []
    }

    private let state = Mutex(State())

    /// Sends `bytes` with `tag`: into the oldest posted receive of the tag, else into the queue.
    func send(_ bytes: UnsafeRawBufferPointer, tag: Int) {
        state.withLock { state in
            if let index = state.receives.firstIndex(where: { $0.tag == tag }) {
                let receive = state.receives.remove(at: index)
                receive.outcome = Self.copy(bytes, into: receive.buffer, operation: "MPI_Irecv")
            } else {
                state.messages.append((tag, Array(bytes)))
            }
        }
    }

    /// Removes and returns the oldest queued message of `tag`, whatever its length.
    func takeMessage(tag: Int) -> [UInt8]? {
        state.withLock { state in
            guard let index = state.messages.firstIndex(where: { $0.tag == tag }) else { return nil }
            return state.messages.remove(at: index).bytes
        }
    }

    /// Posts a receive into `buffer`: filled at once from the queue if a message of `tag` waits.
    func post(tag: Int, into buffer: UnsafeMutableRawBufferPointer) -> PendingReceive {
        let receive = PendingReceive(tag: tag, buffer: buffer)
        state.withLock { state in
            if let index = state.messages.firstIndex(where: { $0.tag == tag }) {
                let message = state.messages.remove(at: index)
                receive.outcome = message.bytes.withUnsafeBytes { Self.copy($0, into: buffer, operation: "MPI_Irecv") }
            } else {
                state.receives.append(receive)
            }
        }
        return receive
    }

    /// The outcome of a posted receive; `nil` while no message has come.
    func outcome(of receive: PendingReceive) -> Result<Void, MPIError>? {
        state.withLock { _ in receive.outcome }
    }

    /// Copies a message into a receive buffer; a message longer than the buffer is MPI's truncation error.
    private static func copy(_ bytes: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer,
                             operation: String) -> Result<Void, MPIError> {
        guard bytes.count <= buffer.count else {
            return .failure(MPIError(code: MPI_ERR_TRUNCATE, operation: operation,
                                     message: "a message of \(bytes.count) bytes does not fit a receive of \(buffer.count) bytes"))
        }
        if let source = bytes.baseAddress, let target = buffer.baseAddress { target.copyMemory(from: source, byteCount: bytes.count) }
        return .success(())
    }
}
