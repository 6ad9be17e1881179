/// The least value of a function over 1...n, for every n up to a bound, with where it is reached:
/// the best a component can do when it may use *up to* n tasks.
struct PrefixMinimum {
    private var values: [Double]
    private var arguments: [Int]

    /// Tabulates `min f(m)` over `1 ... n` for `n` in `1 ... count`; ties keep the smallest `m`.
    init(count: Int, _ f: (Int) -> Double) {
        values = []
        arguments = []
        values.reserveCapacity(count)
        arguments.reserveCapacity(count)
        for n in 1 ... max(count, 1) {
            let value = f(n)
            if let last = values.last, last <= value {
                values.append(last)
                arguments.append(arguments.last!)
            } else {
                values.append(value)
                arguments.append(n)
            }
        }
    }

    /// The least value over `1 ... n`.
    func value(upTo n: Int) -> Double { values[n - 1] }

    /// The smallest argument in `1 ... n` where the least value is reached.
    func argument(upTo n: Int) -> Int { arguments[n - 1] }
}
