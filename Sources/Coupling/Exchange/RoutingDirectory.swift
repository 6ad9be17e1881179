import MPI

/// Finds, for the points each rank wants, which rank owns them — without any rank holding
/// a global array: the global index space is split into blocks, one per rank of the
/// communicator (the "directory"); owners and requesters tell the directory rank of each
/// block what they hold and want, and the directory pairs them up.
///
/// The result, on each rank: what it must send to each peer (as global index segments it
/// owns) and what it will receive from each peer (as global index segments it wants), both in
/// ascending global order, so sender and receiver agree on the order of points in a message.
struct RoutingDirectory {
    /// Segments this rank sends, by destination rank.
    var sends: [Int: [Decomposition.Segment]] = [:]
    /// Segments this rank receives, by source rank.
    var receives: [Int: [Decomposition.Segment]] = [:]

    /// Pairs owners with requesters. Collective over `communicator`.
    /// - Parameters:
    ///   - owned: the segments this rank owns (each global index owned by exactly one rank), or `nil`.
    ///   - wanted: the segments this rank wants, or `nil`.
    static func match(communicator: Communicator, globalSize: Int, owned: Decomposition?, wanted: Decomposition?)
        throws(ExchangeError) -> RoutingDirectory {
        let size = communicator.size
        // Round 1: owners and requesters report to the directory. Each record: kind, start, count, rank.
        var outgoing = [[Int]](repeating: [], count: size)
        func report(_ segments: [Decomposition.Segment], kind: Int) {
            for segment in segments {
                var start = segment.start
                while start < segment.end {
                    let block = Decomposition.blockOwner(of: start, globalSize: globalSize, parts: size)
                    let blockEnd = Decomposition.blockRange(globalSize: globalSize, parts: size, part: block).upperBound
                    let end = min(segment.end, blockEnd)
                    outgoing[block] += [kind, start, end - start, communicator.rank]
                    start = end
                }
            }
        }
        if let owned { report(owned.segments, kind: 0) }
        if let wanted { report(wanted.segments, kind: 1) }
        let received = try exchange(outgoing, communicator)

        // The directory's work: pair each wanted piece with the owners of its points.
        var owners = [(start: Int, count: Int, rank: Int)]()
        var requests = [(start: Int, count: Int, rank: Int)]()
        for r in stride(from: 0, to: received.count, by: 4) {
            let item = (start: received[r + 1], count: received[r + 2], rank: received[r + 3])
            if received[r] == 0 { owners.append(item) } else { requests.append(item) }
        }
        owners.sort { $0.start < $1.start }
        var problem: String? = nil
        for (a, b) in zip(owners, owners.dropFirst()) where b.start < a.start + a.count {
            problem = problem ?? "global index \(b.start) is owned by both rank \(a.rank) and rank \(b.rank)"
        }
        var replies = [[Int]](repeating: [], count: size)
        for request in requests where problem == nil {
            var position = request.start
            let end = request.start + request.count
            // The first owner segment that ends after `position`.
            var low = 0, high = owners.count
            while low < high {
                let mid = (low + high) / 2
                if owners[mid].start + owners[mid].count <= position { low = mid + 1 } else { high = mid }
            }
            var index = low
            while position < end {
                guard index < owners.count, owners[index].start <= position else {
                    problem = problem ?? "global index \(position), wanted by rank \(request.rank), is owned by no rank"
                    break
                }
                let owner = owners[index]
                let pieceEnd = min(end, owner.start + owner.count)
                // To the requester: receive from owner. To the owner: send to requester.
                replies[request.rank] += [1, position, pieceEnd - position, owner.rank]
                replies[owner.rank] += [0, position, pieceEnd - position, request.rank]
                position = pieceEnd
                index += 1
            }
        }
        // Every rank learns of a problem found by any directory rank, so all fail alike.
        let anyProblem = (try? communicator.any(problem != nil)) ?? true
        if anyProblem {
            let message = problem ?? ""
            let all = (try? communicator.allGatherv(Array(message.utf8))) ?? []
            let first = all.first { !$0.isEmpty }.map { String(decoding: $0, as: UTF8.self) }
            throw ExchangeError(first ?? "the routing directory failed")
        }

        // Round 2: the directory tells each rank what to send and receive.
        let answers = try exchange(replies, communicator)
        var directory = RoutingDirectory()
        for r in stride(from: 0, to: answers.count, by: 4) {
            let segment = Decomposition.Segment(start: answers[r + 1], count: answers[r + 2])
            if answers[r] == 0 { directory.sends[answers[r + 3], default: []].append(segment) }
            else { directory.receives[answers[r + 3], default: []].append(segment) }
        }
        for key in directory.sends.keys { directory.sends[key]!.sort { $0.start < $1.start } }
        for key in directory.receives.keys { directory.receives[key]!.sort { $0.start < $1.start } }
        return directory
    }

    private static func exchange(_ outgoing: [[Int]], _ communicator: Communicator) throws(ExchangeError) -> [Int] {
        do {
            return try communicator.allToAllv(outgoing.flatMap { $0 }, sendCounts: outgoing.map(\.count)).values
        } catch {
            throw ExchangeError("routing exchange failed: \(error)")
        }
    }
}

/// A routing plan that cannot be built or executed.
public struct ExchangeError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
