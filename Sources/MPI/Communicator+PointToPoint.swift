import CMPI
import CMPIShims

/// An outstanding nonblocking send or receive.
///
/// The buffer given to `startSend`/`startReceive` must stay valid and unmoved until
/// the request completes: pass buffers the caller allocated and owns.
public struct Request: @unchecked Sendable {
    /// The MPI request (`nil` once complete, or on a single-process communicator).
    var handle: MPI_Request?
    /// On a single-process communicator, a receive and the mailbox that completes it.
    var selfReceive: (mailbox: SelfMessages, receive: SelfMessages.PendingReceive)?

    /// Waits for every request to complete (as `MPI_Waitall`, interruptibly: see `FailureNotices`).
    public static func waitAll(_ requests: inout [Request]) throws(MPIError) {
        var handles = requests.map { $0.handle }
        if handles.contains(where: { $0 != nil }) {
            let error = completeOrFail(&handles, "MPI_Waitall")
            for i in requests.indices { requests[i].handle = handles[i] }
            if let error { throw error }
        }
        for i in requests.indices { try requests[i].completeSelfReceive("MPI_Waitall") }
    }

    /// Waits for this request to complete (interruptibly).
    public mutating func wait() throws(MPIError) {
        if handle != nil, let error = completeOrFail(&handle, "MPI_Wait") { throw error }
        try completeSelfReceive("MPI_Wait")
    }

    /// Completes a single-process receive, which its message has filled if it was ever sent: one
    /// process cannot send it while waiting.
    private mutating func completeSelfReceive(_ operation: String) throws(MPIError) {
        guard let (mailbox, receive) = selfReceive else { return }
        guard let outcome = mailbox.outcome(of: receive) else {
            throw MPIError(code: MPI_ERR_PENDING, operation: operation,
                           message: "a receive with tag \(receive.tag) on a single-process communicator has no message and never will")
        }
        selfReceive = nil
        try outcome.get()
    }
}

extension Communicator {
    /// Sends `values` to rank `destination` (blocking, standard mode; interruptibly).
    public func send<T: MPIScalar>(_ values: UnsafeBufferPointer<T>, to destination: Int, tag: Int) throws(MPIError) {
        let comm: MPI_Comm
        switch transport {
        case .mpi(let handle): comm = handle
        case .singleProcess(let mailbox): return try send(UnsafeRawBufferPointer(values), to: destination, tag: tag, through: mailbox)
        }
        let error = startAndComplete("MPI_Send to rank \(destination)") {
            MPI_Isend(values.baseAddress, Int32(values.count), T.mpiDatatype, Int32(destination), Int32(tag), comm, &$0)
        }
        if let error { throw error }
    }

    /// Sends an array to rank `destination` (blocking).
    public func send<T: MPIScalar>(_ values: [T], to destination: Int, tag: Int) throws(MPIError) {
        try values.withUnsafeBufferPointer { (buffer) throws(MPIError) in try send(buffer, to: destination, tag: tag) }
    }

    /// Receives exactly `buffer.count` values from rank `source` (blocking; interruptibly).
    public func receive<T: MPIScalar>(into buffer: UnsafeMutableBufferPointer<T>, from source: Int, tag: Int) throws(MPIError) {
        guard case .mpi(let comm) = transport else {
            var request = try startReceive(into: buffer, from: source, tag: tag)
            return try request.wait()
        }
        let error = startAndComplete("MPI_Recv from rank \(source)") {
            MPI_Irecv(buffer.baseAddress, Int32(buffer.count), T.mpiDatatype, Int32(source), Int32(tag), comm, &$0)
        }
        if let error { throw error }
    }

    /// Receives an array of any length from rank `source` (blocking; probes for the length).
    public func receive<T: MPIScalar>(from source: Int, tag: Int, as type: T.Type = T.self) throws(MPIError) -> [T] {
        let handle: MPI_Comm
        switch transport {
        case .mpi(let comm): handle = comm
        case .singleProcess(let mailbox):
            try checkRank(source, "MPI_Probe")
            guard let bytes = mailbox.takeMessage(tag: tag) else {
                throw MPIError(code: MPI_ERR_PENDING, operation: "MPI_Probe from rank \(source)",
                               message: "no message with tag \(tag) was sent on this single-process communicator, and none will be")
            }
            return bytes.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
        }
        var status = MPI_Status()
        var arrived: Int32 = 0
        while arrived == 0 {
            try check(MPI_Iprobe(Int32(source), Int32(tag), handle, &arrived, &status), "MPI_Probe from rank \(source)")
            if arrived == 0 { try FailureNotices.poll(during: "MPI_Probe from rank \(source)") }
        }
        var count: Int32 = 0
        try check(MPI_Get_count(&status, T.mpiDatatype, &count), "MPI_Get_count")
        var result = [T](unsafeUninitializedCapacity: Int(count)) { _, n in n = Int(count) }
        let comm = handle
        let code = result.withUnsafeMutableBytes {
            MPI_Recv($0.baseAddress, count, T.mpiDatatype, Int32(source), Int32(tag), comm, cmpi_status_ignore())
        }
        try check(code, "MPI_Recv from rank \(source)")
        return result
    }

    /// Starts sending `values` to `destination` (`MPI_Isend`).
    public func startSend<T: MPIScalar>(_ values: UnsafeBufferPointer<T>, to destination: Int, tag: Int) throws(MPIError) -> Request {
        let handle: MPI_Comm
        switch transport {
        case .mpi(let comm): handle = comm
        case .singleProcess(let mailbox):
            try send(UnsafeRawBufferPointer(values), to: destination, tag: tag, through: mailbox)
            return Request()
        }
        var request: MPI_Request? = nil
        try check(MPI_Isend(values.baseAddress, Int32(values.count), T.mpiDatatype, Int32(destination), Int32(tag), handle, &request),
                  "MPI_Isend to rank \(destination)")
        return Request(handle: request, selfReceive: nil)
    }

    /// Starts receiving `buffer.count` values from `source` (`MPI_Irecv`).
    public func startReceive<T: MPIScalar>(into buffer: UnsafeMutableBufferPointer<T>, from source: Int, tag: Int) throws(MPIError) -> Request {
        let handle: MPI_Comm
        switch transport {
        case .mpi(let comm): handle = comm
        case .singleProcess(let mailbox):
            try checkRank(source, "MPI_Irecv")
            return Request(selfReceive: (mailbox, mailbox.post(tag: tag, into: UnsafeMutableRawBufferPointer(buffer))))
        }
        var request: MPI_Request? = nil
        try check(MPI_Irecv(buffer.baseAddress, Int32(buffer.count), T.mpiDatatype, Int32(source), Int32(tag), handle, &request),
                  "MPI_Irecv from rank \(source)")
        return Request(handle: request, selfReceive: nil)
    }

    /// A send on a single-process communicator: buffered in its mailbox until received.
    private func send(_ bytes: UnsafeRawBufferPointer, to destination: Int, tag: Int, through mailbox: SelfMessages) throws(MPIError) {
        try checkRank(destination, "MPI_Send")
        mailbox.send(bytes, tag: tag)
    }
}
