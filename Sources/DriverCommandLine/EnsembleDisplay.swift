import Foundation
import LoadBalancing
import Synchronization

/// The live status of a running ensemble on standard output: in a terminal, the table of
/// members and the summary line redrawn in place at each change; into a file or pipe, one plain
/// line per change of a member's state (and the summary when a member ends), so a log reads
/// from top to bottom.
final class EnsembleDisplay: Sendable {
    private struct Shown {
        /// Lines drawn last time (terminal).
        var lines = 0
        /// Each member's state and retries as last printed (log).
        var states: [String: (MemberState, Int)] = [:]
    }

    private let terminal: Bool
    private let shown = Mutex(Shown())

    /// A display for a terminal (`true`) or a log.
    init(terminal: Bool) {
        self.terminal = terminal
    }

    /// Shows `status`: redraws the table, or prints the members whose state changed.
    func show(_ status: EnsembleStatus) {
        shown.withLock { shown in
            if terminal {
                redraw(status, over: &shown)
                return
            }
            var ended = false
            for member in status.members {
                let now = (member.state, member.retries), before = shown.states[member.member.name]
                // Every member starts waiting: say so only for a member that waits again.
                guard before.map({ $0 != now }) ?? (member.state != .waiting) else { continue }
                shown.states[member.member.name] = now
                var line = "\(Self.clock()) \(member.member.name) \(member.state.rawValue)"
                if let job = member.job, member.state == .pending || member.state == .running { line += " (\(status.backend ?? "") job \(job))" }
                if member.state == .waiting, member.retries > 0, let failure = member.lastFailure {
                    line += ": retry \(member.retries) after \(failure)"
                        + (member.member.hasRestartToContinue ? ", continuing from its last restart" : ", from the start (no restart yet)")
                }
                if member.state.isFinal {
                    ended = true
                    if let date = member.modelDate { line += " at model date \(date)" }
                    if member.state == .failed, let failure = member.lastFailure { line += ": \(failure)" }
                }
                print(line)
            }
            if ended { print(status.summary) }
            fflush(nil)
        }
    }

    /// Shows the final status: the whole table and the summary.
    func finish(_ status: EnsembleStatus?) {
        guard let status else { return }
        shown.withLock { shown in
            if terminal {
                redraw(status, over: &shown)
            } else {
                for line in status.table { print(line) }
                print(status.summary)
            }
            fflush(nil)
        }
    }

    /// Draws the table and summary over the last drawing. Lines are cut to the terminal's width
    /// and the table to its height (the members past it summed up in one line), so that moving
    /// the cursor up over what was drawn reaches its first line.
    private func redraw(_ status: EnsembleStatus, over shown: inout Shown) {
        var size = winsize()
        let known = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 && size.ws_row > 0
        let width = known ? Int(size.ws_col) - 1 : 200, height = known ? Int(size.ws_row) - 1 : 1000
        var table = status.table
        if table.count + 1 > height, height >= 3 {
            table = Array(table.prefix(height - 2)) + ["... and \(table.count - (height - 2)) more members (coupled-driver ensemble --status \(status.folder))"]
        }
        let lines = (table + [status.summary]).map { String($0.prefix(max(width, 10))) }
        var text = shown.lines > 0 ? "\u{1B}[\(shown.lines)F\u{1B}[J" : ""
        text += lines.joined(separator: "\n") + "\n"
        print(text, terminator: "")
        fflush(nil)
        shown.lines = lines.count
    }

    /// The local wall-clock time of day, `hh:mm:ss` (24 hours).
    private static func clock() -> String {
        var now = time(nil), parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
