import Coupling

/// A data model's exports and the source of each: how it turns the fields its forcing gives
/// into the fields it sends to the coupler.
public struct DataExports: Sendable, Hashable {
    /// The exports, in the order the model declares them.
    public let fields: [String]
    /// The source of each export.
    public let sources: [String: ExportSource]

    /// Exports `fields`, each taken from `sources[field]`.
    public init(fields: [String], sources: [String: ExportSource]) {
        precondition(fields.allSatisfy { sources[$0] != nil }, "every export needs a source")
        self.fields = fields
        self.sources = sources
    }

    /// The value of every export at each of `pointCount` points, from the `forcing` values
    /// (one array of `pointCount` values per forcing field).
    public func values(from forcing: [String: [Double]], pointCount: Int) -> [String: [Double]] {
        var computed = [String: [Double]]()
        func value(of field: String) -> [Double] {
            if let known = computed[field] { return known }
            let result: [Double]
            switch sources[field]! {
            case .forcing(let name):
                guard let values = forcing[name] else { preconditionFailure("the forcing does not give \(name)") }
                result = values
            case .constant(let constant):
                result = [Double](repeating: constant, count: pointCount)
            case .share(let share, let name):
                guard let values = forcing[name] else { preconditionFailure("the forcing does not give \(name)") }
                result = values.map { share * $0 }
            case .sameAs(let other):
                result = value(of: other)
            case .airDensity:
                let pressure = value(of: "Sa_pbot"), temperature = value(of: "Sa_tbot"), humidity = value(of: "Sa_shum")
                result = (0 ..< pointCount).map { airDensity(pressure: pressure[$0], temperature: temperature[$0], humidity: humidity[$0]) }
            }
            computed[field] = result
            return result
        }
        for field in fields { _ = value(of: field) }
        return computed
    }

    /// Sets every export of `bundle` from the `forcing` values.
    public func fill(_ bundle: inout FieldBundle, from forcing: [String: [Double]]) {
        let values = values(from: forcing, pointCount: bundle.pointCount)
        for field in fields where bundle.contains(field) {
            bundle.setValues(values[field]!, of: field)
        }
    }

    /// One line per export saying where it comes from, for the component's log.
    public var summary: [String] {
        fields.map { "\($0): \(sources[$0]!)" }
    }
}

/// Moist air density (kg m⁻³) at `pressure` (Pa), `temperature` (K) and specific `humidity`
/// (kg kg⁻¹), as CESM's datm computes it.
func airDensity(pressure: Double, temperature: Double, humidity: Double) -> Double {
    let vapourPressure = humidity * pressure / (0.622 + 0.378 * humidity)
    return (pressure - 0.378 * vapourPressure) / (temperature * PhysicalConstants.dryAirGasConstant)
}
