import Components
import Foundation
import Driver
import Testing
import TestSupport

/// The hang watchdog is on by default, with a limit derived from the run; `hang_timeout`
/// sets it or turns it off.
@Suite("Hang watchdog limits")
struct HangTimeoutTests {
    private func hangTimeout(_ setting: String) throws -> HangTimeout {
        let namelist = TestNamelist(worldSize: 1).text
            .replacingOccurrences(of: "case_name = 'drivertest'", with: "case_name = 'drivertest'" + setting)
        return try DriverConfiguration.load(text: namelist, path: "watchdog.nml", worldSize: 1, registry: .builtIn).run.hangTimeout
    }

    @Test("unset, the watchdog is on with the automatic limit; 0 turns it off; a value fixes it")
    func namelistSetting() throws {
        #expect(try hangTimeout("") == .automatic)
        #expect(try hangTimeout(", hang_timeout = 0") == .off)
        #expect(try hangTimeout(", hang_timeout = 600") == .fixed(seconds: 600))
    }

    @Test("the automatic limit: a fixed bound during start-up, then 20 times the slowest step, at least 120 s")
    func automaticLimit() {
        let limit = HangTimeout.automatic
        #expect(limit.seconds(duringStartup: true, slowestStep: 50) == HangTimeout.startupSeconds)
        #expect(limit.seconds(duringStartup: false, slowestStep: 0) == HangTimeout.startupSeconds, "no step measured yet")
        #expect(limit.seconds(duringStartup: false, slowestStep: 0.5) == 120)
        #expect(limit.seconds(duringStartup: false, slowestStep: 30) == 600)
        #expect(HangTimeout.fixed(seconds: 7).seconds(duringStartup: true, slowestStep: 30) == 7)
        #expect(HangTimeout.off.seconds(duringStartup: false, slowestStep: 30) == .infinity)
    }
}
