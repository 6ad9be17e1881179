/// Why an ensemble cannot be made, run on or read; the message names the setting, member or file.
public enum EnsembleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `--set` or `--perturb` that cannot be read or applied.
    case invalidSetting(String)
    /// A member's namelist has problems (each with its file and line).
    case invalidMember(member: String, problems: [String])
    /// A file or folder cannot be used: the namelist cannot be read, the folder holds another
    /// ensemble or none to resume, another process runs the ensemble.
    case file(path: String, reason: String)

    /// The error in words, for the command line.
    public var description: String {
        switch self {
        case .invalidSetting(let reason): reason
        case .invalidMember(let member, let problems): "\(member): its namelist has problems:\n" + problems.joined(separator: "\n")
        case .file(let path, let reason): "\(path): \(reason)"
        }
    }
}
