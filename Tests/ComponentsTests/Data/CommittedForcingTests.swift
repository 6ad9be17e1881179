import Components
import Coupling
import Foundation
import Testing

/// The forcing files forcing/make-forcing.sh writes, read on the grids of mapping-weights/: they
/// must have those grids' shapes and point order, so each point's value is the analytic formula
/// at that point's latitude and longitude.
@Suite("Committed forcing files")
struct CommittedForcingTests {
    /// The repository's root folder.
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Block `part` of `parts` of the grid in `gridFile`, with the forcing `variable` of `forcingFile` opened over it.
    private func open(grid gridFile: String, forcing forcingFile: String, variable: String, part: Int, parts: Int) throws -> (Domain, ForcingFile) {
        let grid = try ScripGrid(path: path("mapping-weights/\(gridFile)"), name: "test")
        let domain = try grid.domain(for: .block(globalSize: grid.description.size, parts: parts, part: part))
        let file = try ForcingFile(path: path("forcing/\(forcingFile)"), timeVariable: "time", variables: [variable], grid: grid.description,
                                   decomposition: domain.decomposition, runCalendar: .noLeap)
        return (domain, file)
    }

    @Test("datm: T62 temperature in July matches its formula at every point of a block")
    func atmosphere() throws {
        let (domain, file) = try open(grid: "grid_T62.nc", forcing: "datm.T62.clim.nc", variable: "tbot", part: 2, parts: 5)
        #expect(domain.grid.shape == [94, 192])
        #expect(file.timeAxis.times.map { $0 / 86_400 - 365 } == midMonthDays)
        let july = try file.read("tbot", record: 6)
        for point in 0 ..< domain.localSize {
            let phi = domain.latitude[point] * .pi / 180, lambda = domain.longitude[point] * .pi / 180
            // The seasonal term is 14 sin φ at its July maximum.
            let expected = 299 - 48 * sin(phi) * sin(phi) + 14 * sin(phi) + 2 * cos(phi) * cos(phi) * cos(2 * lambda)
            #expect(abs(july[point] - expected) < 1e-3, "point \(domain.decomposition.globalIndex(ofLocal: point))")
        }
    }

    @Test("docn: 1° SST never below freezing, warm tropics, a seasonal cycle")
    func ocean() throws {
        let (domain, file) = try open(grid: "grid_1deg_ocean.nc", forcing: "docn.sst.1deg.clim.nc", variable: "sst", part: 1, parts: 3)
        #expect(domain.grid.shape == [180, 360])
        let january = try file.read("sst", record: 0), august = try file.read("sst", record: 7)
        #expect(january.min()! >= 271.35 - 1e-4 && august.max()! < 303)
        for point in 0 ..< domain.localSize where abs(domain.latitude[point]) < 1 && abs(domain.longitude[point] - 150) < 1 {
            #expect(january[point] > 300, "western Pacific warm pool")
        }
        // Point 119 × 360 (29.5° N, 0° E) lies in the second block (21600..<43200): warmer in August than in January.
        let north = try #require(domain.decomposition.localIndex(ofGlobal: 119 * 360))
        #expect(domain.latitude[north] == 29.5)
        #expect(august[north] - january[north] > 2)
    }
}
