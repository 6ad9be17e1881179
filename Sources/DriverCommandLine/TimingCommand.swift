import ArgumentParser
import Foundation
import Driver

/// `coupled-driver timing RUNDIR [--member K] [--compare RUNDIR2]`: a run's timing summary and pictures.
struct TimingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timing",
        abstract: "Print the timing summary of a run and redraw its pictures; compare two runs.",
        discussion: """
        Reads RUNDIR/timing/timing.json (written at the end of every run), prints the summary \
        and (re)draws RUNDIR/timing/timeline.svg and RUNDIR/timing/layout.svg. With --compare, \
        prints the two runs side by side with the ratio of each figure. In a job of several \
        coupled systems (ninst_driver), --member K reads member K's report (RUNDIR/timing_000K).
        """)

    @Argument(help: "The run directory of a finished run.")
    var runDirectory: String

    @Option(name: .long, help: "A second run directory to compare with.")
    var compare: String?

    @Option(name: .long, help: ArgumentHelp("Member K of a job of several coupled systems (ninst_driver).", valueName: "K"))
    var member: Int?

    func validate() throws {
        if let member, member < 1 { throw ValidationError("--member counts from 1") }
    }

    func run() throws {
        let folders = [runDirectory, compare].compactMap { $0 }.map { $0 + "/timing" + (member.map(DriverInstance.suffix(of:)) ?? "") }
        do {
            let report = try TimingReport.read(fromFolder: folders[0])
            if compare != nil {
                let other = try TimingReport.read(fromFolder: folders[1])
                print(report.comparison(with: other, names: (runDirectory, compare!)), terminator: "")
            } else {
                print(report.summary, terminator: "")
                try report.drawPictures(into: folders[0])
                print("\nPictures: \(folders[0])/timeline.svg, \(folders[0])/layout.svg")
            }
        } catch {
            printToStandardError("error: \(error)")
            if member == nil, FileManager.default.fileExists(atPath: runDirectory + "/timing" + DriverInstance.suffix(of: 1)) {
                printToStandardError("\(runDirectory) holds the reports of a job's members (timing_0001, …): give --member K")
            }
            throw ExitCode.failure
        }
    }
}
