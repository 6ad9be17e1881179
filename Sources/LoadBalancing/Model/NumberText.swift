import Foundation

/// `value` with 4 significant digits and no exponent clutter for everyday sizes: `120`, `3.142`,
/// `0.002135`, `1.2e+06`.
func shortNumber(_ value: Double) -> String {
    String(format: "%.4g", value)
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

/// A fraction as a percentage with one decimal: `0.0321` → `3.2%`.
func percent(_ fraction: Double) -> String {
    fixed(100 * fraction, 1) + "%"
}
