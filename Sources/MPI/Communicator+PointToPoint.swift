import CMPI
import CMPIShims

/// An outstanding nonblocking send or receive.
///
/// The buffer given to `startSend`/`startReceive` must stay valid and unmoved until
/// the request completes: pass buffers the caller allocated and owns.
public struct Request: @unchecked Sendable {
    var handle: MPI_Request?

    /// Waits for every request to complete (as `MPI_Waitall`, interruptibly: see `FailureNotices`).
    public static func waitAll(_ requests: inout [Request]) throws(MPIError) {
        guard !requests.isEmpty else { return }
        var handles = requests.map { $0.handle }
        let error = completeOrFail(&handles, "MPI_Waitall")
        for i in requests.indices { requests[i].handle = handles[i] }
        if let error { throw error }
    }

    /// Waits for this request to complete (interruptibly).
    public mutating func wait() throws(MPIError) {
        if let error = completeOrFail(&handle, "MPI_Wait") { throw error }
    }
}

extension Communicator {
    /// Sends `values` to rank `destination` (blocking, standard mode; interruptibly).
    public func send<T: MPIScalar>(_ values: UnsafeBufferPointer<T>, to destination: Int, tag: Int) throws(MPIError) {
        let comm = handle
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
        let comm = handle
        let error = startAndComplete("MPI_Recv from rank \(source)") {
            MPI_Irecv(buffer.baseAddress, Int32(buffer.count), T.mpiDatatype, Int32(source), Int32(tag), comm, &$0)
        }
        if let error { throw error }
    }

    /// Receives an array of any length from rank `source` (blocking; probes for the length).
    public func receive<T: MPIScalar>(from source: Int, tag: Int, as type: T.Type = T.self) throws(MPIError) -> [T] {
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
        var request: MPI_Request? = nil
        try check(MPI_Isend(values.baseAddress, Int32(values.count), T.mpiDatatype, Int32(destination), Int32(tag), handle, &request),
                  "MPI_Isend to rank \(destination)")
        return Request(handle: request)
    }

    /// Starts receiving `buffer.count` values from `source` (`MPI_Irecv`).
    public func startReceive<T: MPIScalar>(into buffer: UnsafeMutableBufferPointer<T>, from source: Int, tag: Int) throws(MPIError) -> Request {
        var request: MPI_Request? = nil
        try check(MPI_Irecv(buffer.baseAddress, Int32(buffer.count), T.mpiDatatype, Int32(source), Int32(tag), handle, &request),
                  "MPI_Irecv from rank \(source)")
        return Request(handle: request)
    }
}
