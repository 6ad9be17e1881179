/// Round values for the ticks of a picture's axes.
enum AxisTicks {
    /// A round spacing (1, 2 or 5 times a power of ten) giving 5 to 10 ticks over `span`.
    static func spacing(over span: Double) -> Double {
        var step = 1.0e-6
        while span / step > 10 {
            if span / (step * 2) <= 10 { return step * 2 }
            if span / (step * 5) <= 10 { return step * 5 }
            step *= 10
        }
        return step
    }

    /// Round values for a logarithmic axis over `low ... high` (both > 0): 1, 2 and 5 times the
    /// powers of ten, or only the powers of ten when that would be too many.
    static func logarithmic(_ low: Double, _ high: Double) -> [Double] {
        var power = 1.0
        while power > low { power /= 10 }
        while power * 10 <= low { power *= 10 }
        var all = [Double](), decades = [Double]()
        while power <= high * (1 + 1e-12) {
            for factor in [1.0, 2, 5] where (low * (1 - 1e-12) ... high * (1 + 1e-12)).contains(factor * power) {
                all.append(factor * power)
                if factor == 1 { decades.append(power) }
            }
            power *= 10
        }
        return all.count <= 8 || decades.count < 2 ? all : decades
    }
}
