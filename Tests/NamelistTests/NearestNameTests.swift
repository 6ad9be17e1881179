import Namelist
import Testing

@Suite("Nearest-name suggestions")
struct NearestNameTests {
    @Test("the closest candidate is suggested, ignoring case")
    func closestCandidate() {
        let keys = ["atm_ntasks", "ocn_ntasks", "atm_rootpe"]
        #expect(nearestName(to: "atm_ntask", among: keys) == "atm_ntasks")
        #expect(nearestName(to: "OCN_NTASKS", among: keys) == "ocn_ntasks")
        #expect(nearestName(to: "atm_rootp", among: keys) == "atm_rootpe")
        #expect(nearestName(to: "atmntasks", among: keys) == "atm_ntasks")
    }

    @Test("names that are too far away are not suggested")
    func farNames() {
        #expect(nearestName(to: "stop_option", among: ["atm_ntasks", "calendar"]) == nil)
        #expect(nearestName(to: "abc", among: ["xyz"]) == nil)
        #expect(nearestName(to: "anything", among: []) == nil)
    }

    @Test("the allowance grows with the length of the name")
    func allowanceGrowsWithLength() {
        // Both pairs differ by three edits: 12 characters allow a distance of 4, 6 characters only 2.
        #expect(nearestName(to: "orb_iyear_ad", among: ["orb_iyear"]) == "orb_iyear")
        #expect(nearestName(to: "stop_n", among: ["top"]) == nil)
        #expect(nearestName(to: "stop_n", among: ["stop_nx"]) == "stop_nx")
        #expect(nearestName(to: "orb_iyear_ad", among: ["orb_mvelp"]) == nil)
    }

    @Test("on a tie the earlier candidate wins")
    func ties() {
        #expect(nearestName(to: "cat", among: ["bat", "hat"]) == "bat")
        #expect(nearestName(to: "cat", among: ["hat", "bat"]) == "hat")
    }

    @Test("unknown groups are named with the nearest known group")
    func unknownGroups() throws {
        let text = "&cime_pe /\n&seq_timemgr_inparm /\n&NOTHING_LIKE_IT /\n&SEQ_INFODATA_INPARM /"
        let document = try NamelistDocument.parse(text, file: "drv_in")
        let known = ["cime_pes", "seq_timemgr_inparm", "seq_infodata_inparm"]
        #expect(unknownGroupDiagnostics(in: document, known: known).map(\.description) == [
            "drv_in:1:1: error: unknown group '&cime_pe'; did you mean '&cime_pes'?",
            "drv_in:3:1: error: unknown group '&NOTHING_LIKE_IT'",
        ])
        let collector = DiagnosticCollector()
        collector.report(contentsOf: unknownGroupDiagnostics(in: document, known: known))
        #expect(collector.diagnostics.count == 2)
    }
}
