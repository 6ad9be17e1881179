import CMPI
import CMPIShims

/// On a single-process communicator each collective returns what a one-rank MPI communicator
/// would, without MPI.
///
/// Every collective here waits interruptibly: it is started nonblocking and waited for while
/// looking for failure notices (`FailureNotices`), so a rank never waits forever in a
/// collective that a failed rank will not join.
extension Communicator {
    /// Waits until every rank of the communicator has called `barrier`.
    public func barrier() throws(MPIError) {
        guard case .mpi(let comm) = transport else { return }
        if let error = startAndComplete("MPI_Barrier", { MPI_Ibarrier(comm, &$0) }) { throw error }
    }

    /// Broadcasts `values` from `root`; every rank must pass an array of the same count.
    public func broadcast<T: MPIScalar>(_ values: inout [T], root: Int) throws(MPIError) {
        guard case .mpi(let comm) = transport else { return try checkRank(root, "MPI_Bcast") }
        let count = Int32(values.count)
        let error = values.withUnsafeMutableBytes { raw in
            startAndComplete("MPI_Bcast") { MPI_Ibcast(raw.baseAddress, count, T.mpiDatatype, Int32(root), comm, &$0) }
        }
        if let error { throw error }
    }

    /// Broadcasts an array whose length only `root` knows; returns it on every rank.
    public func broadcast<T: MPIScalar>(_ values: [T], root: Int) throws(MPIError) -> [T] {
        var count = [rank == root ? values.count : 0]
        try broadcast(&count, root: root)
        var result = rank == root ? values : [T](unsafeUninitializedCapacity: count[0]) { _, n in n = count[0] }
        try broadcast(&result, root: root)
        return result
    }

    /// Broadcasts one value from `root`.
    public func broadcast<T: MPIScalar>(_ value: T, root: Int) throws(MPIError) -> T {
        var buffer = [value]
        try broadcast(&buffer, root: root)
        return buffer[0]
    }

    /// Broadcasts a string from `root`.
    public func broadcast(_ text: String, root: Int) throws(MPIError) -> String {
        let bytes: [UInt8] = try broadcast(Array(text.utf8), root: root)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reduces `values` element-wise over all ranks; every rank gets the result.
    public func allReduce<T: MPIScalar>(_ values: [T], _ operation: ReductionOperation) throws(MPIError) -> [T] {
        guard case .mpi(let comm) = transport else { return values }
        var result = values
        let count = Int32(values.count)
        let op = operation.handle
        let error = values.withUnsafeBytes { send in
            result.withUnsafeMutableBytes { receive in
                startAndComplete("MPI_Allreduce") {
                    MPI_Iallreduce(send.baseAddress, receive.baseAddress, count, T.mpiDatatype, op, comm, &$0)
                }
            }
        }
        if let error { throw error }
        return result
    }

    /// Reduces one value over all ranks; every rank gets the result.
    public func allReduce<T: MPIScalar>(_ value: T, _ operation: ReductionOperation) throws(MPIError) -> T {
        try allReduce([value], operation)[0]
    }

    /// Whether `flag` is true on any rank.
    public func any(_ flag: Bool) throws(MPIError) -> Bool {
        try allReduce(flag ? 1 : 0, .maximum) == 1
    }

    /// Reduces `values` element-wise over all ranks onto `root`; `nil` on other ranks.
    public func reduce<T: MPIScalar>(_ values: [T], _ operation: ReductionOperation, root: Int) throws(MPIError) -> [T]? {
        guard case .mpi(let comm) = transport else {
            try checkRank(root, "MPI_Reduce")
            return values
        }
        var result = values
        let count = Int32(values.count)
        let op = operation.handle
        let error = values.withUnsafeBytes { send in
            result.withUnsafeMutableBytes { receive in
                startAndComplete("MPI_Reduce") {
                    MPI_Ireduce(send.baseAddress, receive.baseAddress, count, T.mpiDatatype, op, Int32(root), comm, &$0)
                }
            }
        }
        if let error { throw error }
        return rank == root ? result : nil
    }

    /// Gathers one value from every rank onto every rank, in rank order.
    public func allGather<T: MPIScalar>(_ value: T) throws(MPIError) -> [T] {
        guard case .mpi(let comm) = transport else { return [value] }
        var send = value
        var result = [T](repeating: value, count: size)
        let error = withUnsafeBytes(of: &send) { s in
            result.withUnsafeMutableBytes { r in
                startAndComplete("MPI_Allgather") { MPI_Iallgather(s.baseAddress, 1, T.mpiDatatype, r.baseAddress, 1, T.mpiDatatype, comm, &$0) }
            }
        }
        if let error { throw error }
        return result
    }

    /// Gathers one value from every rank onto `root`, in rank order; `nil` on other ranks.
    public func gather<T: MPIScalar>(_ value: T, root: Int) throws(MPIError) -> [T]? {
        guard case .mpi(let comm) = transport else {
            try checkRank(root, "MPI_Gather")
            return [value]
        }
        var send = value
        var result = [T](repeating: value, count: rank == root ? size : 0)
        let error = withUnsafeBytes(of: &send) { s in
            result.withUnsafeMutableBytes { r in
                startAndComplete("MPI_Gather") {
                    MPI_Igather(s.baseAddress, 1, T.mpiDatatype, r.baseAddress, 1, T.mpiDatatype, Int32(root), comm, &$0)
                }
            }
        }
        if let error { throw error }
        return rank == root ? result : nil
    }

    /// Gathers arrays of any length onto `root` (`MPI_Gatherv`): the arrays of all ranks,
    /// in rank order, on `root`; `nil` elsewhere.
    public func gatherv<T: MPIScalar>(_ values: [T], root: Int) throws(MPIError) -> [[T]]? {
        guard case .mpi(let comm) = transport else {
            try checkRank(root, "MPI_Gatherv")
            return [values]
        }
        let counts = try gather(Int32(values.count), root: root)
        let total = counts.map { $0.reduce(0) { $0 + Int($1) } } ?? 0
        var displacements = [Int32]()
        if let counts {
            var offset: Int32 = 0
            for c in counts { displacements.append(offset); offset += c }
        }
        var result = [T](unsafeUninitializedCapacity: total) { _, n in n = total }
        var countArray = counts ?? []
        let error = values.withUnsafeBytes { s in
            result.withUnsafeMutableBytes { r in
                startAndComplete("MPI_Gatherv") {
                    MPI_Igatherv(s.baseAddress, Int32(values.count), T.mpiDatatype,
                                 r.baseAddress, &countArray, &displacements, T.mpiDatatype, Int32(root), comm, &$0)
                }
            }
        }
        if let error { throw error }
        guard let counts else { return nil }
        return zip(counts, displacements).map { Array(result[Int($1) ..< Int($1 + $0)]) }
    }

    /// Gathers arrays of any length onto every rank (`MPI_Allgatherv`), in rank order.
    public func allGatherv<T: MPIScalar>(_ values: [T]) throws(MPIError) -> [[T]] {
        guard case .mpi(let comm) = transport else { return [values] }
        var counts = try allGather(Int32(values.count))
        var displacements = [Int32]()
        var offset: Int32 = 0
        for c in counts { displacements.append(offset); offset += c }
        let total = Int(offset)
        var result = [T](unsafeUninitializedCapacity: total) { _, n in n = total }
        let error = values.withUnsafeBytes { s in
            result.withUnsafeMutableBytes { r in
                startAndComplete("MPI_Allgatherv") {
                    MPI_Iallgatherv(s.baseAddress, Int32(values.count), T.mpiDatatype,
                                    r.baseAddress, &counts, &displacements, T.mpiDatatype, comm, &$0)
                }
            }
        }
        if let error { throw error }
        return zip(counts, displacements).map { Array(result[Int($1) ..< Int($1 + $0)]) }
    }

    /// Sends `sendCounts[r]` consecutive values of `values` to each rank `r` and returns
    /// what every rank sent here, concatenated in rank order (`MPI_Alltoallv`).
    /// The counts to receive are exchanged first.
    public func allToAllv<T: MPIScalar>(_ values: [T], sendCounts: [Int]) throws(MPIError) -> (values: [T], counts: [Int]) {
        try values.withUnsafeBufferPointer { (buffer) throws(MPIError) in try allToAllv(buffer, sendCounts: sendCounts) }
    }

    /// `allToAllv` from a buffer: the first `sendCounts.reduce(0, +)` values are sent.
    public func allToAllv<T: MPIScalar>(_ values: UnsafeBufferPointer<T>, sendCounts: [Int]) throws(MPIError) -> (values: [T], counts: [Int]) {
        precondition(sendCounts.count == size, "allToAllv needs one count per rank")
        guard case .mpi(let comm) = transport else { return (Array(values.prefix(sendCounts[0])), sendCounts) }
        var send32 = sendCounts.map { Int32($0) }
        var receive32 = [Int32](repeating: 0, count: size)
        if let error = startAndComplete("MPI_Alltoall", { MPI_Ialltoall(&send32, 1, cmpi_type_int32(), &receive32, 1, cmpi_type_int32(), comm, &$0) }) {
            throw error
        }
        var sendDisplacements = [Int32](), receiveDisplacements = [Int32]()
        var offset: Int32 = 0
        for c in send32 { sendDisplacements.append(offset); offset += c }
        offset = 0
        for c in receive32 { receiveDisplacements.append(offset); offset += c }
        let total = Int(offset)
        var result = [T](unsafeUninitializedCapacity: total) { _, n in n = total }
        let error = result.withUnsafeMutableBytes { r in
            startAndComplete("MPI_Alltoallv") {
                MPI_Ialltoallv(values.baseAddress, &send32, &sendDisplacements, T.mpiDatatype,
                               r.baseAddress, &receive32, &receiveDisplacements, T.mpiDatatype, comm, &$0)
            }
        }
        if let error { throw error }
        return (result, receive32.map { Int($0) })
    }
}
