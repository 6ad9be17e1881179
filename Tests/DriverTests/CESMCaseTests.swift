import Driver
import Foundation
import Testing
import TestSupport

/// Real CESM `drv_in` files (Tests/CESMCases, each naming its repository and commit in its first
/// line) as `coupled-driver check` reads them: every CESM key and group is known; those
/// coupled-driver does not implement are listed once as ignored, and refused under `--strict`;
/// typos of implemented keys stay errors with suggestions from implemented keys only.
@Suite("Real CESM drv_in files")
struct CESMCaseTests {
    /// `coupled-driver check` of `text` (written as `name` in a fresh folder) on 4096 ranks.
    private func check(_ name: String, text: String, strict: Bool = false, ranks: Int = 4096) -> JobResult {
        let folder = TemporaryDirectory("cesm-case")
        let path = folder.write(name, text)
        return Job.run(Job.product("coupled-driver"), ["check", path, "--ranks", "\(ranks)", "--picture", folder.path + "/layout.svg",
                                                       "--rundir", folder.path] + (strict ? ["--strict"] : []))
    }

    /// The case file `name`, as a user bringing it starts it: a new run (`start_type` is
    /// 'continue' in cases copied after their first run, which needs that run's restart).
    private func text(_ name: String) -> String {
        Repository.text("Tests/CESMCases/" + name).replacingOccurrences(of: "start_type = 'continue'", with: "start_type = 'startup'")
            .replacingOccurrences(of: "start_type = \"continue\"", with: "start_type = \"startup\"")
    }

    @Test("a case copied after its first run (start_type = 'continue') fails check without that run's restart, at start_type's line",
          arguments: [("cesm1_1.drv_in", 57), ("cesm2_1.drv_in", 192)])
    func continuedCaseNeedsItsRestart(name: String, line: Int) {
        let result = check(name, text: Repository.text("Tests/CESMCases/" + name))
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("\(name):\(line):") && result.standardError.contains("error: start_type = 'continue': restart file ")
                && result.standardError.contains("/rpointer.drv: cannot be read"), "\(result.output)")
        #expect(result.standardError.contains("1 problem found"), "\(result.output)")
    }

    @Test("a CESM 1.1 and a CESM 1.2 drv_in pass check, with &ccsm_pes read as the layout and every ignored setting listed",
          arguments: [("cesm1_1.drv_in", "atm        stub   0-959     960", 50), ("cesm1_2.drv_in", "atm        stub   0-511  512", 55)])
    func cesm1Passes(name: String, atmosphereRow: String, ignored: Int) {
        let result = check(name, text: text(name))
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(result.standardOutput.contains("warning: \(ignored) CESM settings ignored"), "\(result.output)")
        #expect(result.standardOutput.contains("\(name):50:2: 'ocean_tight_coupling' in &seq_infodata_inparm")
                || result.standardOutput.contains("\(name):48:2: 'ocean_tight_coupling' in &seq_infodata_inparm"), "\(result.output)")
        #expect(result.standardOutput.contains("'atm_layout' in &ccsm_pes (it places the instances of a multi-instance component"))
        #expect(result.standardOutput.contains(atmosphereRow), "the layout is the file's:\n\(result.output)")
        #expect(result.standardOutput.contains("The namelist is valid for 4096 ranks."))
    }

    @Test("under --strict every ignored setting is an error naming its file, line and key",
          arguments: ["cesm1_1.drv_in", "cesm1_2.drv_in"])
    func strictRefuses(name: String) {
        let result = check(name, text: text(name), strict: true)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("'eps_aarea' in &seq_infodata_inparm is a CESM setting coupled-driver does not implement "
            + "(refused under --strict)"), "\(result.output)")
        #expect(result.standardError.contains(": error: &prof_inparm is a CESM setting"), "\(result.output)")
    }

    @Test("a typo of an implemented key is an error whose suggestion is an implemented key of the same group")
    func typoSuggestsImplementedKey() {
        var broken = text("cesm1_2.drv_in").replacingOccurrences(of: " atm_ntasks ", with: " atm_ntask ")
        broken = broken.replacingOccurrences(of: " stop_option ", with: " stop_optoin ")
        let result = check("typo.drv_in", text: broken)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("unknown key 'atm_ntask' in &ccsm_pes; did you mean 'atm_ntasks'?"), "\(result.output)")
        #expect(result.standardError.contains("unknown key 'stop_optoin' in &seq_timemgr_inparm; did you mean 'stop_option'?"), "\(result.output)")
        #expect(result.standardError.contains("2 problems found"), "\(result.output)")
    }

    @Test("a key CESM does not know is an error without a suggestion drawn from CESM's other keys")
    func unknownKeyIsNotSuggestedAnIgnoredOne() {
        let broken = text("cesm1_2.drv_in").replacingOccurrences(of: " eps_aarea ", with: " eps_aareaa ")
        let result = check("unknown.drv_in", text: broken)
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("unknown key 'eps_aareaa' in &seq_infodata_inparm"), "\(result.output)")
        #expect(!result.standardError.contains("did you mean 'eps_aarea'"), "\(result.output)")
    }

    @Test("a CESM 2.1 drv_in passes check, run sequence RASM_OPTION1 included, with its ignored settings listed")
    func cesm2Read() {
        let result = check("cesm2_1.drv_in", text: text("cesm2_1.drv_in"))
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(result.standardOutput.contains("&seq_cplflds_inparm") && result.standardOutput.contains("'esp_ntasks' in &cime_pes "
            + "(coupled-driver has no esp or iac component)"), "\(result.output)")
        let unknown = check("cesm2_1.drv_in", text: text("cesm2_1.drv_in").replacingOccurrences(of: "\"RASM_OPTION1\"", with: "\"RASM_OPTION3\""))
        #expect(unknown.standardError.contains("'cpl_seq_option' in &seq_infodata_inparm must be one of \(SequenceOption.namelistValues), "
            + "found 'RASM_OPTION3'"), "\(unknown.output)")
    }

    @Test("a multi-driver drv_in (ninst_driver = 3) passes check on 3 x 256 ranks and says why not on 4096")
    func multiDriver() {
        let multi = check("cesm2_1_multidriver.drv_in", text: text("cesm2_1_multidriver.drv_in"), ranks: 768)
        #expect(multi.exitCode == 0, "\(multi.output)")
        #expect(multi.standardOutput.contains("ninst_driver = 3: the job runs 3 coupled systems, each on 256 of the 768 ranks"), "\(multi.output)")
        let uneven = check("cesm2_1_multidriver.drv_in", text: text("cesm2_1_multidriver.drv_in"))
        #expect(uneven.exitCode != 0)
        #expect(uneven.standardError.contains("cesm2_1_multidriver.drv_in:3:3: error: ninst_driver = 3 in &cime_driver_inst does not divide "
            + "the job's 4096 ranks"), "\(uneven.output)")
    }

    @Test("both &cime_pes and &ccsm_pes is a clear error")
    func refusedCases() {
        let both = check("both.drv_in", text: text("cesm1_2.drv_in") + "\n&cime_pes\n  atm_ntasks = 4\n/\n")
        #expect(both.exitCode != 0)
        #expect(both.standardError.contains("&ccsm_pes (CESM 1) and &cime_pes both give the processor layout; keep one"), "\(both.output)")
    }
}
