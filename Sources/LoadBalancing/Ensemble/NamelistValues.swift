import Foundation

/// Splitting the text of several namelist values given together (`0.3,'a,b',.true.`).
enum NamelistValues {
    /// The values of `text` separated by commas outside quotes and parentheses, each trimmed.
    static func split(_ text: String) -> [String] {
        var values = [String](), current = "", quote: Character? = nil, depth = 0
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if character == ",", depth == 0 {
                values.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(character)
        }
        values.append(current.trimmingCharacters(in: .whitespaces))
        return values
    }
}
