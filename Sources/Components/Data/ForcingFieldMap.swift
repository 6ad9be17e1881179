import Coupling
import Namelist

/// Which variable of a forcing file gives which coupling field, from a data model's
/// `variables = 'Sa_tbot:tbot', 'Sa_pbot:pbot', ...` (each `'FIELD:VARIABLE'`).
public struct ForcingFieldMap: Sendable, Hashable {
    /// One coupling field and the file variable that gives it.
    public struct Entry: Sendable, Hashable {
        /// The coupling field (`Sa_tbot`).
        public let field: String
        /// The variable of the forcing file (`tbot`).
        public let variable: String

        /// `field` read from file variable `variable`.
        public init(field: String, variable: String) {
            self.field = field
            self.variable = variable
        }
    }

    /// The entries, in the order given.
    public let entries: [Entry]

    /// Parses `'FIELD:VARIABLE'` strings; `validFields` are the fields the model accepts and
    /// `setting` names the setting in messages (`'variables' in &datm_nml`).
    ///
    /// Throws for an entry without exactly one `:` or with an empty side, an unknown field
    /// (suggesting the nearest valid one) and a field given twice.
    public init(parsing items: [String], validFields: [String], setting: String) throws(ForcingError) {
        var entries = [Entry]()
        for item in items {
            let sides = item.split(separator: ":", omittingEmptySubsequences: false)
                .map { $0.trimmingBlanks() }
            guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else {
                throw ForcingError("\(setting): '\(item)' is not 'FIELD:VARIABLE' (e.g. '\(validFields.first ?? "Sa_tbot"):tbot')")
            }
            let field = sides[0]
            guard validFields.contains(field) else {
                var message = "\(setting): unknown field '\(field)' in '\(item)'"
                if let suggestion = nearestName(to: field, among: validFields) { message += "; did you mean '\(suggestion)'?" }
                throw ForcingError(message + " (valid fields: " + validFields.joined(separator: ", ") + ")")
            }
            guard !entries.contains(where: { $0.field == field }) else {
                throw ForcingError("\(setting): field '\(field)' is given more than once")
            }
            entries.append(Entry(field: field, variable: sides[1]))
        }
        self.entries = entries
    }

    /// The fields given, in order.
    public var fields: [String] { entries.map(\.field) }

    /// The file variable giving `field`, or `nil` if the field is not given.
    public func variable(for field: String) -> String? {
        entries.first { $0.field == field }?.variable
    }
}
