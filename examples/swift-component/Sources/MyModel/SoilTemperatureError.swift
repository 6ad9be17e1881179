/// A soil temperature outside 150...400 K: the model has gone wrong (or its forcing has). The
/// driver ends the job with this message, the component, the rank and the model time.
public struct SoilTemperatureError: Error, Sendable, CustomStringConvertible {
    /// The temperature, K.
    public let temperature: Double
    /// Longitude of the cell, degrees.
    public let longitude: Double
    /// Latitude of the cell, degrees.
    public let latitude: Double

    /// What went wrong and where.
    public var description: String {
        "mymodel: surface soil temperature \(temperature) K at longitude \(longitude), latitude \(latitude) is outside 150...400 K"
    }
}
