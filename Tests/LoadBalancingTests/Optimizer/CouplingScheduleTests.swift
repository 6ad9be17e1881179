import Coupling
import LoadBalancing
import Testing

@Suite("Coupling schedule")
struct CouplingScheduleTests {
    @Test("the driver step is the smallest interval; the cycle is one ocean interval in the usual case")
    func stepsAndCycle() throws {
        let schedule = try CouplingSchedule(intervals: [.atm: 1800, .lnd: 1800, .ice: 1800, .ocn: 3600])
        #expect(schedule.driverStep == 1800)
        #expect(schedule.cycleSteps == 2)
        #expect(schedule.steps(.ocn) == 2 && schedule.steps(.cpl) == 1)
        #expect(abs(schedule.cycleDays - 3600.0 / 86_400) < 1e-15)
        let uneven = try CouplingSchedule(intervals: [.atm: 600, .lnd: 1200, .ice: 1800, .ocn: 3600])
        #expect(uneven.cycleSteps == 6)
        // An absent component's interval still sets the driver step, but not the cycle.
        let stubOcean = try CouplingSchedule(intervals: [.atm: 1800, .lnd: 1800, .ice: 1800, .ocn: 600], roles: [.ocn: .absent])
        #expect(stubOcean.driverStep == 600 && stubOcean.cycleSteps == 3)
    }

    @Test("the events of a step follow the driver's run sequence")
    func events() throws {
        let schedule = try CouplingSchedule(intervals: [.atm: 1800, .lnd: 1800, .ice: 1800, .ocn: 3600])
        #expect(schedule.events(atStep: 0) == [.exchange(.ocn), .run(.ocn), .exchange(.lnd), .exchange(.ice), .run(.lnd), .run(.ice),
                                               .exchange(.lnd), .exchange(.ice), .run(.cpl), .exchange(.atm), .run(.atm), .exchange(.atm)])
        #expect(schedule.events(atStep: 1) == [.exchange(.lnd), .exchange(.ice), .run(.lnd), .run(.ice), .exchange(.lnd), .exchange(.ice),
                                               .run(.cpl), .exchange(.atm), .run(.atm), .exchange(.atm), .exchange(.ocn)])
        let data = try CouplingSchedule(intervals: [.atm: 1800, .lnd: 1800, .ice: 1800, .ocn: 1800],
                                        roles: [.atm: .exportsOnly, .ocn: .exportsOnly, .ice: .absent])
        #expect(data.events(atStep: 0) == [.run(.ocn), .exchange(.lnd), .run(.lnd), .exchange(.lnd), .run(.cpl), .run(.atm),
                                           .exchange(.atm), .exchange(.ocn)])
    }

    @Test("intervals the driver would refuse are refused")
    func errors() {
        #expect(throws: CouplingScheduleError.self) { try CouplingSchedule(intervals: [.atm: 1800, .lnd: 1800, .ice: 1800]) }
        #expect(throws: CouplingScheduleError.self) { try CouplingSchedule(intervals: [.atm: 1800, .lnd: 1800, .ice: 2700, .ocn: 3600]) }
        #expect(throws: CouplingScheduleError.self) { try CouplingSchedule(intervals: [.atm: 0, .lnd: 1800, .ice: 1800, .ocn: 3600]) }
        #expect(throws: CouplingScheduleError.self) {
            try CouplingSchedule(intervals: [.atm: 1800, .lnd: 1800, .ice: 1800, .ocn: 3600], roles: [.cpl: .absent])
        }
    }
}
