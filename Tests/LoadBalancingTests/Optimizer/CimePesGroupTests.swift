import Coupling
import LoadBalancing
import Namelist
import Testing

@Suite("Proposed &cime_pes")
struct CimePesGroupTests {
    @Test("the group replaces the namelist's and reads back as the same layout")
    func roundTrip() throws {
        let result = try LayoutSearch(sequence: SyntheticCases.sequence(), costs: SyntheticCases.shapes[3].costs, threads: [.ocn: 2])
            .run(totalTasks: 12)
        let layout = result.best.layout
        let original = """
        ! my case
        &cime_pes
          atm_ntasks = 4, atm_nthreads = 1, atm_rootpe = 0, atm_pestride = 1
          ocn_ntasks = 2, ocn_rootpe = 2   ! overlapping
        /

        &seq_timemgr_inparm
          atm_cpl_dt = 1800
        /
        """
        var editor = NamelistEditor(text: original, file: "drv_in")
        try editor.replaceGroup("cime_pes", with: layout.cimePesGroup)
        #expect(editor.text.hasPrefix("! my case\n&cime_pes\n  atm_ntasks = "))
        #expect(editor.text.contains("&seq_timemgr_inparm\n  atm_cpl_dt = 1800\n/"))
        let document = try NamelistDocument.parse(editor.text, file: "proposed.nml")
        let collector = DiagnosticCollector()
        let reader = NamelistGroupReader(group: document.group(named: "cime_pes"), name: "cime_pes", file: "proposed.nml", collector: collector)
        for kind in layout.components {
            let c = kind.rawValue
            let set = ProcessorSet(ntasks: reader.integer("\(c)_ntasks", default: -1), nthreads: reader.integer("\(c)_nthreads", default: -1),
                                   rootRank: reader.integer("\(c)_rootpe", default: -1), stride: reader.integer("\(c)_pestride", default: -1))
            #expect(set == layout[kind])
        }
        reader.finish()
        #expect(collector.isEmpty)
    }
}
