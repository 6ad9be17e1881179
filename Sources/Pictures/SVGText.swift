import Foundation

/// The text of a picture as it is drawn, and the one way every picture writes text and numbers
/// into it: escaped text, coordinates and the number formats of its labels.
///
/// Every picture opens alike: an `svg` element in the 12-pixel sans-serif font, its title (the
/// tooltip and tab name), a white background. Elements are appended with `+=`, each with its own
/// line break; `finished` closes the picture.
struct SVGText {
    private var text: String

    /// A picture `width` by `height` pixels titled `title`.
    init(width: Int, height: Int, title: String) {
        text = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" font-family="sans-serif" font-size="12">
        <title>\(Self.escaped(title))</title>
        <rect width="100%" height="100%" fill="white"/>

        """
    }

    /// Appends `element`, SVG text.
    static func += (svg: inout SVGText, element: String) {
        svg.text += element
    }

    /// The picture's text, closed.
    var finished: String { text + "</svg>\n" }

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

    /// A coordinate with 1 decimal: `12.0`, `3.5` (the cost-curve picture's).
    static func coordinate(_ value: Double) -> String { fixed(value, 1) }

    /// A coordinate rounded to 1 decimal, whole ones without it: `12`, `3.5` (the timeline
    /// picture's; one format for both pictures would change their text).
    static func shortCoordinate(_ value: Double) -> String {
        let r = (value * 10).rounded() / 10
        return r == r.rounded() ? "\(Int(r))" : "\(r)"
    }

    /// `value` with `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// `value` with 4 significant digits and no exponent clutter for everyday sizes: `120`,
    /// `3.142`, `0.002135`, `1.2e+06`.
    static func shortNumber(_ value: Double) -> String {
        String(format: "%.4g", value)
    }

    /// A share (0 to 1) as a whole percentage: `0.456` → `46%`.
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// Seconds as text with a sensible number of digits: `0`, `250 ms`, `1.25 s`.
    static func seconds(_ value: Double) -> String {
        if value == 0 { return "0" }
        if abs(value) < 1 { return "\(Int((value * 1000).rounded())) ms" }
        return "\((value * 100).rounded() / 100) s"
    }
}
