import Components
import Coupling
import Namelist
import Testing

@Suite("Data model settings")
struct DataModelSettingsTests {
    let defaults = DataModelSettings(gridFile: "grid_T62.nc", file: "datm.T62.clim.nc", variables: ["Sa_tbot:tbot", "Sa_pbot:pbot"], cycle: true)
    let climatology = try! ForcingTimeAxis(values: midMonthDays, units: ForcingTimeUnits(parsing: "days since 0001-01-01"), calendar: .noLeap)

    private func read(_ text: String) throws -> DataModelSettings {
        let document = try NamelistDocument.parse(text, file: "drv_in")
        return try GroupSettings.read(document: document, group: "datm_nml") { DataModelSettings(reading: $0, defaults: defaults) }
    }

    @Test("every key read; 'variables' replaces the default list as a whole")
    func keys() throws {
        let settings = try read("""
            &datm_nml
              grid_file = 'grids/g.nc', file = 'f.nc', variables = 'Sa_tbot:t2m'
              time_variable = 'valid_time', cycle = .false., offset = -3600
            /
            """)
        #expect(settings == DataModelSettings(gridFile: "grids/g.nc", file: "f.nc", variables: ["Sa_tbot:t2m"],
                                              timeVariable: "valid_time", cycle: false, offset: -3_600))
        #expect(try settings.cycle(over: climatology, group: "datm_nml") == nil)
    }

    @Test("no group: the defaults; a cycle over the file's own years")
    func defaultsAndCycle() throws {
        let settings = try read("&other_nml /")
        #expect(settings == defaults)
        #expect(try settings.cycle(over: climatology, group: "datm_nml") == ForcingCycle(firstYear: 1, lastYear: 1, alignYear: 1))
        let years = try read("&datm_nml cycle_first_year = 1980, cycle_last_year = 1989, cycle_align_year = 2000 /")
        #expect(try years.cycle(over: climatology, group: "datm_nml") == ForcingCycle(firstYear: 1980, lastYear: 1989, alignYear: 2000))
    }

    @Test("cycle years without cycle, or out of order, are errors")
    func badCycleYears() throws {
        let withoutCycle = try read("&datm_nml cycle = .false., cycle_last_year = 1990 /")
        #expect(throws: ForcingError("&datm_nml: cycle_last_year is set but cycle = .false.; set cycle = .true. to repeat the file's years")) {
            try withoutCycle.cycle(over: climatology, group: "datm_nml")
        }
        let reversed = try read("&datm_nml cycle_first_year = 1990, cycle_last_year = 1980 /")
        #expect(throws: ForcingError("&datm_nml: cycle_first_year (1990) is after cycle_last_year (1980)")) {
            try reversed.cycle(over: climatology, group: "datm_nml")
        }
    }

    @Test("an unknown key is reported with the nearest known one")
    func unknownKey() throws {
        #expect {
            try read("&datm_nml cylce = .true. /")
        } throws: { error in
            "\(error)" == "drv_in:1:11: error: unknown key 'cylce' in &datm_nml; did you mean 'cycle'?"
        }
    }
}

/// Reads a namelist group as `ComponentContext.settings(group:_:)` does, without a context.
enum GroupSettings {
    static func read<T>(document: NamelistDocument, group: String, _ body: (NamelistGroupReader) -> T) throws(DiagnosticList) -> T {
        let collector = DiagnosticCollector()
        let reader = NamelistGroupReader(group: document.group(named: group), name: group, file: document.file, collector: collector)
        let value = body(reader)
        reader.finish()
        try collector.throwIfAny()
        return value
    }
}
