/// Small pieces of the load balancer's SVG text.
enum SVGText {
    /// `text` safe inside SVG/XML content and attribute values.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with 1 decimal.
    static func coordinate(_ value: Double) -> String { fixed(value, 1) }

    /// Round values for a logarithmic axis over `low ... high` (both > 0): 1, 2 and 5 times the
    /// powers of ten, or only the powers of ten when that would be too many.
    static func logTicks(_ low: Double, _ high: Double) -> [Double] {
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
