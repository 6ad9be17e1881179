import Testing
import TimeManager

@Suite("Model dates and times")
struct ModelDateTests {
    @Test func cesmYmdForms() {
        #expect(ModelDate(ymd: 10101) == ModelDate(year: 1, month: 1, day: 1))
        #expect(ModelDate(ymd: 20000229) == ModelDate(year: 2000, month: 2, day: 29))
        #expect(ModelDate(ymd: 100000101) == ModelDate(year: 10_000, month: 1, day: 1))
        #expect(ModelDate(ymd: 101, tod: 3600) == ModelDate(year: 0, month: 1, day: 1, secondOfDay: 3600))
        #expect(ModelDate(ymd: 18500701, tod: 43_200).secondOfDay == 43_200)
    }

    @Test func ymdAndTodRoundTrip() {
        let date = ModelDate(year: 10_000, month: 12, day: 31, secondOfDay: 86_399)
        #expect(date.ymd == 100001231)
        #expect(date.tod == 86_399)
        #expect(ModelDate(ymd: date.ymd, tod: date.tod) == date)
        #expect(ModelDate(year: 1, month: 1, day: 1).ymd == 10101)
    }

    @Test func fileNameForm() {
        #expect(ModelDate(year: 1, month: 1, day: 1).description == "0001-01-01-00000")
        #expect(ModelDate(year: 2000, month: 2, day: 29, secondOfDay: 3600).description == "2000-02-29-03600")
        #expect(ModelDate(year: 10_000, month: 10, day: 5, secondOfDay: 86_399).description == "10000-10-05-86399")
        #expect("\(ModelDate(ymd: 18500101))" == "1850-01-01-00000")
    }

    @Test func humanReadableForm() {
        #expect(ModelDate(year: 2000, month: 2, day: 29, secondOfDay: 86_399).humanReadable == "2000-02-29 23:59:59")
        #expect(ModelDate(year: 1, month: 1, day: 1, secondOfDay: 23_400).humanReadable == "0001-01-01 06:30:00")
        #expect(ModelDate(year: 0, month: 12, day: 31, secondOfDay: 61).humanReadable == "0000-12-31 00:01:01")
    }

    @Test func datesOrderChronologically() {
        let dates = [
            ModelDate(year: 2000, month: 1, day: 2),
            ModelDate(year: 1999, month: 12, day: 31, secondOfDay: 86_399),
            ModelDate(year: 2000, month: 1, day: 1, secondOfDay: 1),
            ModelDate(year: 2000, month: 1, day: 1),
        ]
        #expect(dates.sorted() == [dates[1], dates[3], dates[2], dates[0]])
        #expect(ModelDate(year: 1, month: 12, day: 31) < ModelDate(year: 2, month: 1, day: 1))
    }

    @Test func modelTimeArithmetic() {
        let time = ModelTime(seconds: 1_000)
        #expect((time + 800).seconds == 1_800)
        #expect((time + -1_000).seconds == 0)
        #expect(ModelTime(seconds: 1_800) - time == 800)
        #expect(time - ModelTime(seconds: 1_800) == -800)
        #expect(time < time + 1)
        #expect(ModelTime.secondsPerDay == 86_400)
    }
}
