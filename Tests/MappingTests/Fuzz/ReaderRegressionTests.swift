import Coupling
import Foundation
import Testing
import TestSupport

/// Weights and grid files with which the fuzz tests made the readers trap, each now an error
/// that names the file and says what is wrong.
@Suite("Fuzz regressions: weights and grid files", .serialized)
struct ReaderRegressionTests {
    /// The fixture at `path` changed by `change`, written as a classic file in `directory`.
    private func variant(of path: String, in directory: TemporaryDirectory, _ change: (inout NetCDFModel) -> Void) throws -> String {
        var model = try NetCDFModel(readingAt: path)
        change(&model)
        let written = directory.path + "/variant.nc"
        try model.write(to: written, format: .offset64)
        return written
    }

    /// Sets the values of `variable`, and the length of its dimension to their number.
    private func set(_ variable: String, to values: [Double], in model: inout NetCDFModel) {
        guard let v = model.variables.firstIndex(where: { $0.name == variable }),
              let d = model.dimensions.firstIndex(where: { $0.name == model.variables[v].dimensions[0] }) else { return }
        model.variables[v].values = values
        model.dimensions[d].length = values.count
    }

    /// WeightsFileFuzzTests: the product of the grid dimensions overflowed.
    @Test("weights with three huge grid dimensions")
    func hugeWeightsGridDims() throws {
        let directory = TemporaryDirectory("fuzz-regression")
        let path = try variant(of: FuzzFixtures.shared.esmfWeights, in: directory) {
            set("src_grid_dims", to: [2_147_483_647, 2_147_483_647, 2_147_483_647], in: &$0)
        }
        let error = #expect(throws: WeightsError.self) { try WeightsFile(path: path) }
        #expect(error?.description == "weights file \(path): 'src_grid_dims' = 2147483647 × 2147483647 × 2147483647: "
            + "a grid has 1 or 2 dimensions, each of at least 1 point")
    }

    /// GridFileFuzzTests: a point array with a second dimension made the hyperslab read trap.
    @Test("a grid whose latitudes have two dimensions")
    func twoDimensionalLatitudes() throws {
        let directory = TemporaryDirectory("fuzz-regression")
        let path = try variant(of: FuzzFixtures.shared.grid, in: directory) { model in
            if let v = model.variables.firstIndex(where: { $0.name == "grid_center_lat" }) {
                model.variables[v].dimensions = ["grid_size", "grid_corners"]
            }
        }
        let error = #expect(throws: GridError.self) { try ScripGrid(path: path, name: "atm") }
        #expect(error?.description == "grid file \(path): variable 'grid_center_lat' has shape [32, 4], expected [32] (grid_size)")
    }

    /// GridFileFuzzTests: grid_dims with three entries trapped in the grid description, and
    /// with huge ones overflowed.
    @Test("a grid with three grid dimensions", arguments: [[2.0, 4, 4], [2_147_483_647, 2_147_483_647, 2_147_483_647]])
    func threeGridDims(dims: [Double]) throws {
        let directory = TemporaryDirectory("fuzz-regression")
        let path = try variant(of: FuzzFixtures.shared.grid, in: directory) { set("grid_dims", to: dims, in: &$0) }
        let error = #expect(throws: GridError.self) { try ScripGrid(path: path, name: "atm") }
        let written = dims.map { String(Int($0)) }.joined(separator: " × ")
        #expect(error?.description == "grid file \(path): grid_dims = \(written): a grid has 1 or 2 dimensions, each of at least 1 point")
    }
}
