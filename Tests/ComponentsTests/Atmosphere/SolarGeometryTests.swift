import Components
import Coupling
import Testing
import TimeManager

@Suite("Solar geometry")
struct SolarGeometryTests {
    let sun = SolarGeometry(calendar: .noLeap)
    let degrees = 180 / Double.pi

    @Test("the declination is +23.44° at the June solstice and −23.44° at the December solstice")
    func solstices() {
        let june = sun.dayOfYear(at: seconds(ModelDate(year: 1, month: 6, day: 21, secondOfDay: 43_200)))
        let december = sun.dayOfYear(at: seconds(ModelDate(year: 1, month: 12, day: 21, secondOfDay: 43_200)))
        #expect(abs(SolarGeometry.declination(day: june.day, yearLength: june.yearLength) * degrees - 23.44) < 0.05)
        #expect(abs(SolarGeometry.declination(day: december.day, yearLength: december.yearLength) * degrees + 23.44) < 0.05)
        let march = sun.dayOfYear(at: seconds(ModelDate(year: 1, month: 3, day: 21)))
        #expect(abs(SolarGeometry.declination(day: march.day, yearLength: march.yearLength) * degrees) < 1)
    }

    @Test("the day of the year follows the calendar: 1 March is day 60 of 366 in a Gregorian leap year, day 59 of 365 without")
    func calendarAware() {
        let leap = SolarGeometry(calendar: .gregorian)
        let inLeapYear = leap.dayOfYear(at: seconds(ModelDate(year: 2000, month: 3, day: 1), in: .gregorian))
        #expect(inLeapYear.day == 60 && inLeapYear.yearLength == 366)
        let noLeap = sun.dayOfYear(at: seconds(ModelDate(year: 2000, month: 3, day: 1)))
        #expect(noLeap.day == 59 && noLeap.yearLength == 365)
        let lastNoon = leap.dayOfYear(at: seconds(ModelDate(year: 2000, month: 12, day: 31, secondOfDay: 43_200), in: .gregorian))
        #expect(lastNoon.day == 365.5)
        // The same date has a different declination in the two calendars' years.
        let gregorianSun = SolarGeometry.declination(day: inLeapYear.day, yearLength: inLeapYear.yearLength)
        let noLeapSun = SolarGeometry.declination(day: noLeap.day, yearLength: noLeap.yearLength)
        #expect(gregorianSun > noLeapSun + 0.001)
    }

    @Test("sunlight is zero at local midnight and largest at local noon, which moves with longitude")
    func diurnalCycle() {
        let midnight = seconds(ModelDate(year: 1, month: 3, day: 21))
        let noon = midnight + 43_200
        #expect(sun.insolation(latitude: 0, longitude: 0, at: midnight) == 0)
        let atNoon = sun.insolation(latitude: 0, longitude: 0, at: noon)
        #expect(atNoon > 1300 && atNoon < 1400)
        #expect(sun.insolation(latitude: 0, longitude: 180, at: midnight) > 1300)
        #expect(sun.insolation(latitude: 0, longitude: 90, at: midnight + 6 * 3600) > 1300)
        #expect(sun.insolation(latitude: 0, longitude: 0, at: noon - 3 * 3600) < atNoon)
    }

    @Test("the mean over an hour is the value at its mid-point")
    func midpoint() {
        let start = ModelTime(seconds: Int64(seconds(ModelDate(year: 1, month: 5, day: 3, secondOfDay: 36_000))))
        let mean = sun.meanInsolation(latitude: 40, longitude: 10, from: start, until: start + 3600)
        #expect(mean == sun.insolation(latitude: 40, longitude: 10, at: Double(start.seconds) + 1800))
    }

    @Test("at an equinox the daily mean at the equator is S₀ f / π")
    func equinoxDailyMean() {
        let start = ModelTime(seconds: Int64(seconds(ModelDate(year: 1, month: 3, day: 21))))
        let mean = sun.meanInsolation(latitude: 0, longitude: 0, from: start, until: start + 86_400)
        let (day, length) = sun.dayOfYear(at: Double(start.seconds) + 43_200)
        let expected = sun.solarConstant * SolarGeometry.distanceFactor(day: day, yearLength: length) / Double.pi
        #expect(abs(mean - expected) / expected < 0.01)
    }

    @Test("the summer hemisphere gets more sunlight, the winter pole none, and perihelion favours the south")
    func seasons() {
        func daily(_ latitude: Double, _ month: Int) -> Double {
            let start = ModelTime(seconds: Int64(seconds(ModelDate(year: 1, month: month, day: 21))))
            return sun.meanInsolation(latitude: latitude, longitude: 0, from: start, until: start + 86_400)
        }
        #expect(daily(60, 6) > 2 * daily(-60, 6))
        #expect(daily(-60, 12) > 2 * daily(60, 12))
        #expect(daily(-80, 6) == 0)
        #expect(daily(80, 12) == 0)
        #expect(daily(80, 6) > 450)
        // The Earth is closest to the Sun in January: southern summer is sunnier than northern summer.
        #expect(daily(-45, 12) > 1.05 * daily(45, 6))
    }
}
