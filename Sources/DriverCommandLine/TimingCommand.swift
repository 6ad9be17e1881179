import ArgumentParser
import Driver

/// `coupled-driver timing RUNDIR [--compare RUNDIR2]`: a run's timing summary and pictures.
struct TimingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timing",
        abstract: "Print the timing summary of a run and redraw its pictures; compare two runs.",
        discussion: """
        Reads RUNDIR/timing/timing.json (written at the end of every run), prints the summary \
        and (re)draws RUNDIR/timing/timeline.svg and RUNDIR/timing/layout.svg. With --compare, \
        prints the two runs side by side with the ratio of each figure.
        """)

    @Argument(help: "The run directory of a finished run.")
    var runDirectory: String

    @Option(name: .long, help: "A second run directory to compare with.")
    var compare: String?

    func run() throws {
        do {
            let report = try TimingReport.read(from: runDirectory)
            if let compare {
                let other = try TimingReport.read(from: compare)
                print(report.comparison(with: other, names: (runDirectory, compare)), terminator: "")
            } else {
                print(report.summary, terminator: "")
                try report.drawPictures(into: runDirectory + "/timing")
                print("\nPictures: \(runDirectory)/timing/timeline.svg, \(runDirectory)/timing/layout.svg")
            }
        } catch {
            printToStandardError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
