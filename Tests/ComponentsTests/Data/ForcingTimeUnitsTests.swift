import Components
import Coupling
import Testing
import TimeManager

@Suite("Forcing time units")
struct ForcingTimeUnitsTests {
    @Test("unit and reference date, with and without a time of day", arguments: [
        ("days since 0001-01-01", 86_400.0, ModelDate(year: 1, month: 1, day: 1)),
        ("days since 0001-01-01 00:00:00", 86_400, ModelDate(year: 1, month: 1, day: 1)),
        ("hours since 1850-01-01 06:30", 3_600, ModelDate(year: 1850, month: 1, day: 1, secondOfDay: 23_400)),
        ("seconds since 2000-02-29 12:00:00", 1, ModelDate(year: 2000, month: 2, day: 29, secondOfDay: 43_200)),
        ("minutes since 1-1-1 0:0:0", 60, ModelDate(year: 1, month: 1, day: 1)),
        ("Days Since 1979-01-01T03:00:00Z", 86_400, ModelDate(year: 1979, month: 1, day: 1, secondOfDay: 10_800)),
        ("hours since 1948-01-01 00:00:00.0 UTC", 3_600, ModelDate(year: 1948, month: 1, day: 1)),
        ("days since 2000-01-01 00:00:00 +00:00", 86_400, ModelDate(year: 2000, month: 1, day: 1)),
    ])
    func parses(text: String, secondsPerUnit: Double, reference: ModelDate) throws {
        let units = try ForcingTimeUnits(parsing: text)
        #expect(units.secondsPerUnit == secondsPerUnit)
        #expect(units.reference == reference)
    }

    @Test("unusable units say why", arguments: [
        ("fortnights since 2000-01-01", "unknown unit 'fortnights'"),
        ("days after 2000-01-01", "no '<unit> since <date>'"),
        ("days since", "no '<unit> since <date>'"),
        ("days since 2000/01/01", "cannot read the date '2000/01/01'"),
        ("days since 2000-01-01 25:00", "cannot read the time of day '25:00'"),
        ("days since 2000-01-01 00:00:00 +05:00", "only UTC reference times are supported, found '+05:00'"),
    ])
    func rejects(text: String, reason: String) {
        #expect {
            _ = try ForcingTimeUnits(parsing: text)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("cannot use time units '\(text)': \(reason);")
                && message.hasSuffix("expected '<days|hours|minutes|seconds> since YYYY-MM-DD[ hh:mm:ss]'")
        }
    }
}
