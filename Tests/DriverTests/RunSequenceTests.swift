import Coupling
import Driver
import Foundation
import Testing

@Suite("Run sequence")
struct RunSequenceTests {
    private let usual: [ComponentKind: Int64] = [.atm: 1800, .lnd: 1800, .ice: 1800, .ocn: 3600]

    @Test("the driver step is the smallest interval; the cycle is one ocean interval in the usual case")
    func stepsAndCycle() throws {
        let sequence = try RunSequence(option: .cesm1Mod, intervals: usual)
        #expect(sequence.driverStep == 1800)
        #expect(sequence.cycleSteps == 2)
        #expect(sequence.steps(.ocn) == 2 && sequence.steps(.cpl) == 1)
        #expect(abs(sequence.cycleDays - 3600.0 / 86_400) < 1e-15)
        let uneven = try RunSequence(option: .cesm1Mod, intervals: [.atm: 600, .lnd: 1200, .ice: 1800, .ocn: 3600])
        #expect(uneven.cycleSteps == 6)
        // An absent component's interval still sets the driver step, but not the cycle.
        let stubOcean = try RunSequence(option: .cesm1Mod, intervals: [.atm: 1800, .lnd: 1800, .ice: 1800, .ocn: 600], roles: [.ocn: .absent])
        #expect(stubOcean.driverStep == 600 && stubOcean.cycleSteps == 3)
    }

    @Test("CESM1_MOD: the ocean runs first on last interval's forcing and comes back after the atmosphere")
    func lagged() throws {
        let sequence = try RunSequence(option: .cesm1Mod, intervals: usual)
        #expect(sequence.events(atStep: 0).map(\.description) == [
            "cpl -> ocn", "ocn run", "cpl -> lnd", "cpl -> ice", "lnd run", "ice run", "lnd -> cpl", "ice -> cpl",
            "cpl fractions", "cpl atm/ocn fluxes", "cpl -> atm", "atm run", "atm -> cpl", "cpl map atm->ocn",
            "cpl accumulate ocn forcing", "advance clock",
        ])
        #expect(sequence.events(atStep: 1, ringing: [.history, .restart]).map(\.description) == [
            "cpl -> lnd", "cpl -> ice", "lnd run", "ice run", "lnd -> cpl", "ice -> cpl",
            "cpl fractions", "cpl atm/ocn fluxes", "cpl -> atm", "atm run", "atm -> cpl", "cpl map atm->ocn",
            "cpl accumulate ocn forcing", "ocn -> cpl", "advance clock", "write history", "write restart",
        ])
    }

    @Test("a river every 2 steps: its forcing is summed every step once the land's runoff is back, and it is sent the mean")
    func river() throws {
        let sequence = try RunSequence(option: .cesm1Mod, intervals: usual.merging([.rof: 3600]) { $1 })
        #expect(sequence.events(atStep: 0).map(\.description) == [
            "cpl -> ocn", "ocn run", "cpl -> lnd", "cpl -> ice", "cpl -> rof", "lnd run", "ice run", "rof run", "lnd -> cpl", "rof -> cpl",
            "ice -> cpl", "cpl accumulate rof forcing", "cpl fractions", "cpl atm/ocn fluxes", "cpl -> atm", "atm run", "atm -> cpl",
            "cpl map atm->ocn", "cpl accumulate ocn forcing", "advance clock",
        ])
        #expect(sequence.events(atStep: 1).map(\.description) == [
            "cpl -> lnd", "cpl -> ice", "lnd run", "ice run", "lnd -> cpl", "ice -> cpl", "cpl accumulate rof forcing",
            "cpl fractions", "cpl atm/ocn fluxes", "cpl -> atm", "atm run", "atm -> cpl", "cpl map atm->ocn",
            "cpl accumulate ocn forcing", "ocn -> cpl", "advance clock",
        ])
        // A river that imports nothing has nothing to sum.
        let exportsOnly = try RunSequence(option: .cesm1Mod, intervals: usual.merging([.rof: 3600]) { $1 }, roles: [.rof: .exportsOnly])
        #expect(!exportsOnly.events(atStep: 0).map(\.description).contains("cpl accumulate rof forcing"))
    }

    @Test("CESM1_MOD_TIGHT: the ocean runs beside land and ice and comes back before the atmosphere-ocean fluxes")
    func tight() throws {
        let sequence = try RunSequence(option: .cesm1ModTight, intervals: usual, budgets: true)
        #expect(sequence.events(atStep: 1).map(\.description) == [
            "cpl -> lnd", "cpl -> ice", "lnd run", "ice run", "lnd -> cpl", "ice -> cpl", "ocn -> cpl",
            "cpl fractions", "cpl atm/ocn fluxes", "cpl -> atm", "atm run", "atm -> cpl", "cpl map atm->ocn",
            "cpl accumulate ocn forcing", "advance clock", "cpl budgets",
        ])
        #expect(sequence.events(atStep: 0).prefix(6).map(\.description) == ["cpl -> ocn", "cpl -> lnd", "cpl -> ice", "lnd run", "ice run", "ocn run"])
    }

    @Test("CESM1_ORIG: the step's ocean forcing is accumulated between the fractions and the fluxes")
    func original() throws {
        let sequence = try RunSequence(option: .cesm1Orig, intervals: usual)
        #expect(sequence.events(atStep: 1).map(\.description) == [
            "cpl -> lnd", "cpl -> ice", "lnd run", "ice run", "lnd -> cpl", "ice -> cpl",
            "cpl fractions", "cpl accumulate ocn forcing", "cpl atm/ocn fluxes", "cpl -> atm", "atm run", "atm -> cpl", "cpl map atm->ocn",
            "ocn -> cpl", "advance clock",
        ])
        let tight = try RunSequence(option: .cesm1OrigTight, intervals: usual)
        #expect(tight.events(atStep: 1).map(\.description) == [
            "cpl -> lnd", "cpl -> ice", "lnd run", "ice run", "lnd -> cpl", "ice -> cpl", "ocn -> cpl",
            "cpl fractions", "cpl accumulate ocn forcing", "cpl atm/ocn fluxes", "cpl -> atm", "atm run", "atm -> cpl", "cpl map atm->ocn",
            "advance clock",
        ])
    }

    @Test("RASM_OPTION1: fluxes and the ocean's forcing come first, so the average the ocean is sent includes its first step")
    func rasmOption1() throws {
        let sequence = try RunSequence(option: .rasmOption1, intervals: usual)
        #expect(sequence.events(atStep: 0).map(\.description) == [
            "cpl atm/ocn fluxes", "cpl accumulate ocn forcing", "cpl -> ocn", "ocn run",
            "cpl -> lnd", "cpl -> ice", "lnd run", "ice run", "lnd -> cpl", "ice -> cpl",
            "cpl fractions", "cpl -> atm", "atm run", "atm -> cpl", "cpl map atm->ocn", "advance clock",
        ])
        #expect(sequence.events(atStep: 1).last(where: { $0 != .advanceClock }) == .receive(.ocn))
    }

    @Test("RASM_OPTION2: after the surface components, fluxes and forcing; the ocean runs beside the atmosphere")
    func rasmOption2() throws {
        var intervals = usual
        intervals[.glc] = 3600
        let sequence = try RunSequence(option: .rasmOption2, intervals: intervals)
        #expect(sequence.events(atStep: 0).map(\.description) == [
            "cpl -> lnd", "cpl -> ice", "lnd run", "ice run", "lnd -> cpl", "ice -> cpl",
            "cpl fractions", "cpl atm/ocn fluxes", "cpl accumulate ocn forcing", "cpl -> ocn", "cpl -> glc", "glc run",
            "cpl -> atm", "ocn run", "atm run", "atm -> cpl", "cpl map atm->ocn", "glc -> cpl", "advance clock",
        ])
        #expect(sequence.events(atStep: 1).suffix(2).map(\.description) == ["ocn -> cpl", "advance clock"])
    }

    @Test("river, waves and land ice take their places in cpl7's order; without intervals they are absent")
    func allKinds() throws {
        var intervals = usual
        intervals[.rof] = 3600
        intervals[.wav] = 1800
        intervals[.glc] = 3600
        let sequence = try RunSequence(option: .cesm1Mod, intervals: intervals)
        #expect(sequence.events(atStep: 0).map(\.description) == [
            "cpl -> ocn", "ocn run", "cpl -> lnd", "cpl -> ice", "cpl -> wav", "cpl -> rof", "lnd run", "ice run", "rof run", "wav run",
            "lnd -> cpl", "rof -> cpl", "ice -> cpl", "wav -> cpl", "cpl accumulate rof forcing", "cpl -> glc", "glc run",
            "cpl fractions", "cpl atm/ocn fluxes", "cpl -> atm", "atm run", "atm -> cpl", "cpl map atm->ocn", "glc -> cpl",
            "cpl accumulate ocn forcing", "advance clock",
        ])
        // Between its intervals the river only has its forcing summed.
        #expect(sequence.events(atStep: 1).filter { $0.description.contains("rof") || $0.description.contains("glc") }.map(\.description)
            == ["cpl accumulate rof forcing"])
        #expect(sequence.events(atStep: 1).contains { $0.description == "wav run" })
        let classic = try RunSequence(option: .cesm1Mod, intervals: usual)
        #expect(ComponentKind.models.filter { !classic.isPresent($0) } == [.rof, .glc, .wav])
        let decoded = try JSONDecoder().decode(RunSequence.self, from: try JSONEncoder().encode(sequence))
        #expect(decoded == sequence)
    }

    @Test("components that import nothing get nothing sent; absent ones have no events")
    func roles() throws {
        let data = try RunSequence(option: .cesm1Mod, intervals: [.atm: 1800, .lnd: 1800, .ice: 1800, .ocn: 1800],
                                   roles: [.atm: .exportsOnly, .ocn: .exportsOnly, .ice: .absent])
        #expect(data.events(atStep: 0).map(\.description) == [
            "ocn run", "cpl -> lnd", "lnd run", "lnd -> cpl", "cpl fractions", "cpl atm/ocn fluxes", "atm run", "atm -> cpl",
            "cpl map atm->ocn", "cpl accumulate ocn forcing", "ocn -> cpl", "advance clock",
        ])
    }

    @Test("the text of every entry reads back as the same entry, and a sequence survives JSON unchanged")
    func text() throws {
        for option in SequenceOption.allCases {
            let sequence = try RunSequence(option: option, intervals: usual, roles: [.ice: .exportsOnly], budgets: true, averagedHistory: true)
            #expect(sequence.entries.suffix(5).map(\.description) == [
                "every step: cpl budgets", "every step: cpl accumulate history", "history alarm: write history",
                "histavg alarm: write averaged history", "restart alarm: write restart",
            ])
            for entry in sequence.entries { #expect(SequenceEntry(entry.description) == entry) }
            let decoded = try JSONDecoder().decode(RunSequence.self, from: try JSONEncoder().encode(sequence))
            #expect(decoded == sequence)
        }
        #expect(SequenceEntry("ocn interval starts: cpl -> xyz") == nil)
        #expect(SequenceEvent("cpl regrid") == nil)
        let forged = #"{"option":"CESM1_MOD","intervals":{"atm":1800,"lnd":1800,"ice":1800,"ocn":3600},"roles":{"ice":"absent"},"entries":["every step: ice run"]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RunSequence.self, from: Data(forged.utf8)) }
    }

    @Test("intervals the driver would refuse are refused")
    func errors() {
        #expect(throws: RunSequenceError.self) {
            try RunSequence(option: .cesm1Mod, intervals: [.atm: 1800, .lnd: 1800, .ice: 1800], roles: [.ocn: .importsAndExports])
        }
        #expect(throws: RunSequenceError.self) { try RunSequence(option: .cesm1Mod, intervals: [.atm: 1800, .lnd: 1800, .ice: 2700, .ocn: 3600]) }
        #expect(throws: RunSequenceError.self) { try RunSequence(option: .cesm1Mod, intervals: [.atm: 0, .lnd: 1800, .ice: 1800, .ocn: 3600]) }
        #expect(throws: RunSequenceError.self) { try RunSequence(option: .cesm1Mod, intervals: usual, roles: [.cpl: .absent]) }
    }
}
