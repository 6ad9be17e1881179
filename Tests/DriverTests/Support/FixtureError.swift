/// Why a suite's shared fixture (runs made once for all its tests) could not be made.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
