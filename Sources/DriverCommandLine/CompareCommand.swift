import ArgumentParser
import Coupling
import Driver

/// `coupled-driver compare A.nc B.nc`: are two files the same, variable by variable?
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two netCDF files variable by variable (like CESM's cprnc).",
        discussion: """
        Prints, per variable, the number of values, how many differ, the largest absolute and
        relative differences and the RMS difference. Exits 0 only when both files have the same
        variables and every value is identical (bit for bit; NaN equals NaN).
        """)

    @Argument(help: "The first file.")
    var first: String

    @Argument(help: "The second file.")
    var second: String

    func run() throws {
        do {
            let comparison = try FileComparison(first: first, second: second)
            print(comparison.report)
            if !comparison.isIdentical { throw ExitCode.failure }
        } catch let error as ExitCode {
            throw error
        } catch {
            printToStandardError("error: \(error)")
            throw ExitCode(2)
        }
    }
}
