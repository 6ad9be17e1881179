import Testing
import TimeManager

@Suite("Alarm options and settings")
struct AlarmSettingTests {
    @Test func pluralNamelistValues() {
        for option in AlarmOption.allCases {
            #expect(AlarmOption(namelistValue: option.rawValue) == option)
            #expect(AlarmOption(namelistValue: option.rawValue.uppercased()) == option)
        }
        #expect(AlarmOption(namelistValue: "nDays") == .ndays)
    }

    @Test func singularNamelistValues() {
        #expect(AlarmOption(namelistValue: "nstep") == .nsteps)
        #expect(AlarmOption(namelistValue: "nsecond") == .nseconds)
        #expect(AlarmOption(namelistValue: "nminute") == .nminutes)
        #expect(AlarmOption(namelistValue: "NHOUR") == .nhours)
        #expect(AlarmOption(namelistValue: "nday") == .ndays)
        #expect(AlarmOption(namelistValue: "nmonth") == .nmonths)
        #expect(AlarmOption(namelistValue: "nyear") == .nyears)
    }

    @Test func unknownNamelistValues() {
        for value in ["", "s", "dates", "ends", "nevers", "nweeks", "monthly", "n days"] {
            #expect(AlarmOption(namelistValue: value) == nil)
        }
    }

    @Test func periodicOptions() {
        #expect(AlarmOption.allCases.filter(\.isPeriodic)
            == [.nsteps, .nseconds, .nminutes, .nhours, .ndays, .nmonths, .nyears])
    }

    @Test func settingKeepsItsFields() {
        let setting = AlarmSetting(option: .date, count: 0, date: ModelDate(ymd: 20000101))
        #expect(setting.option == .date)
        #expect(setting.count == 0)
        #expect(setting.date == ModelDate(year: 2000, month: 1, day: 1))
        #expect(AlarmSetting(option: .ndays, count: 5).date == nil)
        #expect(AlarmSetting(option: .ndays, count: 5) == AlarmSetting(option: .ndays, count: 5, date: nil))
    }
}
