import Coupling
import Testing

@Suite("Decomposition")
struct DecompositionTests {
    @Test("blocks cover the grid once, larger blocks first", arguments: [(10, 3), (7, 7), (5, 8), (1_000_003, 4)])
    func blocks(globalSize: Int, parts: Int) {
        var covered = [Int]()
        for part in 0 ..< parts {
            let block = Decomposition.block(globalSize: globalSize, parts: parts, part: part)
            covered += block.globalIndices
            #expect(block.localSize == globalSize / parts + (part < globalSize % parts ? 1 : 0))
            for index in block.globalIndices.prefix(3) + block.globalIndices.suffix(3) {
                #expect(Decomposition.blockOwner(of: index, globalSize: globalSize, parts: parts) == part)
            }
        }
        #expect(covered == Array(0 ..< globalSize))
    }

    @Test("arbitrary indices become merged segments with local look-up both ways")
    func arbitrary() throws {
        let d = try Decomposition(globalSize: 20, indices: [2, 3, 4, 9, 11, 12, 19])
        #expect(d.segments == [.init(start: 2, count: 3), .init(start: 9, count: 1), .init(start: 11, count: 2), .init(start: 19, count: 1)])
        #expect(d.localSize == 7)
        #expect((0 ..< 7).map { d.globalIndex(ofLocal: $0) } == [2, 3, 4, 9, 11, 12, 19])
        #expect(d.localIndex(ofGlobal: 11) == 4)
        #expect(d.localIndex(ofGlobal: 10) == nil)
        #expect(d.localIndex(ofGlobal: 0) == nil)
        #expect(d.localIndex(ofGlobal: 19) == 6)
    }

    @Test("segments given out of order are sorted and adjacent ones merged")
    func segments() throws {
        let d = try Decomposition(globalSize: 10, segments: [.init(start: 5, count: 2), .init(start: 0, count: 3), .init(start: 3, count: 1)])
        #expect(d.segments == [.init(start: 0, count: 4), .init(start: 5, count: 2)])
        #expect(d.globalIndices == [0, 1, 2, 3, 5, 6])
    }

    @Test("bad indices and overlapping segments are refused with the reason")
    func refused() {
        #expect(throws: DecompositionError.self) { try Decomposition(globalSize: 5, indices: [1, 5]) }
        do {
            _ = try Decomposition(globalSize: 5, indices: [3, 1])
            Issue.record("decreasing indices accepted")
        } catch {
            #expect(error.message == "global indices must be strictly increasing: 1 at position 1 follows 3")
        }
        do {
            _ = try Decomposition(globalSize: 10, segments: [.init(start: 0, count: 4), .init(start: 3, count: 2)])
            Issue.record("overlap accepted")
        } catch {
            #expect(error.message == "segments 0..<4 and 3..<5 overlap")
        }
    }
}
