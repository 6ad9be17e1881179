import Coupling
import Foundation
import Testing
import TestSupport

/// docs/coupler.md shows the exchange table; this test renders it from `ExchangeTable.standard`
/// and fails, printing the text to paste, when the document says something else.
@Suite("Exchange table in docs/coupler.md")
struct ExchangeTableDocsTests {
    private let table = ExchangeTable.standard

    /// The bundles of each component kind the table names, and the coupler's own fluxes.
    private var bundles: String {
        func names(_ fields: [String]) -> String { "`" + fields.joined(separator: " ") + "`" }
        var lines = ["| bundle | from → to | fields |", "|---|---|---|"]
        for kind in ComponentKind.models where !table.exports(of: kind).isEmpty || !table.imports(of: kind).isEmpty {
            let letter = kind.letter
            let averaged = table.averagedImporters.contains(kind) ? " (averaged over its coupling interval)" : ""
            lines.append("| \(letter)2x | \(kind.longName) → coupler | \(names(table.exports(of: kind))) |")
            lines.append("| x2\(letter) | coupler → \(kind.longName)\(averaged) | \(names(table.imports(of: kind))) |")
        }
        lines.append("| xao | the coupler's atmosphere–ocean fluxes | \(names(table.atmosphereOceanFluxes)) |")
        return lines.joined(separator: "\n")
    }

    /// How each import is formed, one row per field and rule.
    private var rules: String {
        var lines = ["| import | for | formed as |", "|---|---|---|"]
        func origin(_ field: String) -> String {
            switch table.declaration(of: field)?.origin {
            case .component(let kind)?: "\(kind)"
            case .sum(let parts)?: "`" + parts.joined(separator: " + ") + "` of " + (parts.first.flatMap { table.declaration(of: $0)?.origin.component }.map(\.rawValue) ?? "?")
            case .atmosphereOceanFlux?: "the coupler's fluxes"
            case .importOnly?, nil: "?"
            }
        }
        for row in table.declarations {
            var byRule = [(rule: ImportRule, kinds: [ComponentKind])]()
            for kind in ComponentKind.models {
                guard let rule = row.importers[kind] else { continue }
                if let i = byRule.firstIndex(where: { $0.rule == rule }) { byRule[i].kinds.append(kind) } else { byRule.append((rule, [kind])) }
            }
            for (rule, kinds) in byRule {
                let formed: String
                switch rule {
                case .copy(let fallback):
                    formed = "copy from \(origin(row.name))" + (fallback.map { String(format: ", else %g", $0) } ?? "")
                case .fraction(let fraction):
                    formed = "the fraction `\(fraction.rawValue)`"
                case .merge(let terms):
                    formed = terms.map { term in "`" + (term.fraction.map { "\($0.rawValue)·" } ?? "") + "\(term.field)`" }.joined(separator: " + ")
                }
                lines.append("| `\(row.name)` | \(kinds.map(\.rawValue).joined(separator: ", ")) | \(formed) |")
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test("the bundle table and the rule table are the exchange table's")
    func documented() {
        let text = Repository.text("docs/coupler.md")
        #expect(text.contains(bundles), "docs/coupler.md should show the bundles as:\n\(bundles)")
        #expect(text.contains(rules), "docs/coupler.md should show the rules as:\n\(rules)")
    }
}
