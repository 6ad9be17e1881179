import Namelist

/// The text form of a merge, `lfrac*Sl_t + ifrac*Si_t + ofrac*So_t`: terms `FRACTION*FIELD`,
/// or `FIELD` alone for a field per unit cell area, joined by `+`, blanks anywhere. C and
/// Fortran plug-ins declare their merges in it (`cdc_field.merge`), and the driver passes
/// declarations between ranks in it.
public enum MergeExpression {
    /// The terms of `text`, in order, or why it is not a merge.
    public static func terms(of text: String) throws(FieldDeclarationError) -> [MergeTerm] {
        let parts = text.split(separator: "+", omittingEmptySubsequences: false)
        var terms = [MergeTerm]()
        for part in parts {
            let factors = part.split(separator: "*", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
            if factors.count == 1, !factors[0].isEmpty {
                terms.append(MergeTerm(wholeCell: factors[0]))
                continue
            }
            guard factors.count == 2, !factors[1].isEmpty else {
                throw FieldDeclarationError("the merge '\(text)' has a term '\(part.trimmingBlanks())' that is not FRACTION*FIELD or FIELD "
                    + "(for example 'lfrac*Sl_t + ofrac*So_t')")
            }
            guard let fraction = SurfaceFraction(rawValue: factors[0]) else {
                throw FieldDeclarationError("the merge '\(text)' weights by '\(factors[0])', which is not a surface fraction ("
                    + SurfaceFraction.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            terms.append(MergeTerm(fraction, factors[1]))
        }
        return terms
    }

    /// `terms` as text.
    public static func text(of terms: [MergeTerm]) -> String {
        terms.map { term in term.fraction.map { "\($0.rawValue)*\(term.field)" } ?? term.field }.joined(separator: " + ")
    }
}
