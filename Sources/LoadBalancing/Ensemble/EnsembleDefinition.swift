import Foundation

/// What an ensemble is: the configuration its members run, how many members there are, the
/// settings in which they differ, and how each member's run is submitted. It is kept in the
/// ensemble's `ensemble.json`, so that `--resume` goes on with exactly the same ensemble.
public struct EnsembleDefinition: Sendable, Hashable, Codable {
    /// The namelist every member starts from (absolute).
    public var namelist: String
    /// The folder relative paths in the namelist resolve against; `nil` for the namelist's folder.
    public var pathsFrom: String?
    /// How many members.
    public var memberCount: Int
    /// The keys in which the members differ, applied in order.
    public var settings: [EnsembleSetting]
    /// The seed of every drawn value: the same seed draws the same values.
    public var seed: UInt64
    /// The `coupled-driver` executable that runs each member.
    public var executable: String
    /// What each member's job asks for: ranks, threads, wall time, queue, account.
    public var resources: JobResources
    /// How often, at most, a member that fails, times out or loses its node is submitted again.
    public var maxRetries: Int
    /// How many members are submitted at once, at most.
    public var maxParallel: Int

    /// An ensemble of `memberCount` runs of `namelist`, differing in `settings`; paths are made
    /// absolute. `maxParallel` defaults to every member at once.
    public init(namelist: String, pathsFrom: String? = nil, memberCount: Int, settings: [EnsembleSetting], seed: UInt64 = 1,
                executable: String, resources: JobResources, maxRetries: Int = 0, maxParallel: Int? = nil) {
        self.namelist = URL(fileURLWithPath: namelist).standardizedFileURL.path
        self.pathsFrom = pathsFrom.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        self.memberCount = memberCount
        self.settings = settings
        self.seed = seed
        self.executable = URL(fileURLWithPath: executable).standardizedFileURL.path
        self.resources = resources
        self.maxRetries = maxRetries
        self.maxParallel = maxParallel ?? memberCount
    }

    /// The folder relative paths in the namelist resolve against: `pathsFrom`, or the namelist's
    /// own folder (not the member's, where each member's copy of the namelist is).
    public var relativePathsFolder: String { pathsFrom ?? URL(fileURLWithPath: namelist).deletingLastPathComponent().path }

    /// Throws when the numbers cannot describe an ensemble, or a list of values does not give
    /// one value per member.
    func validate() throws(EnsembleError) {
        guard memberCount >= 1 else { throw .invalidSetting("an ensemble needs at least one member (--members \(memberCount))") }
        guard maxRetries >= 0 else { throw .invalidSetting("--retries \(maxRetries): the number of retries must not be negative") }
        guard maxParallel >= 1 else { throw .invalidSetting("--max-parallel \(maxParallel): at least one member must run at a time") }
        for setting in settings {
            if let count = setting.memberCount, count != memberCount {
                throw .invalidSetting("--set \(setting): \(count) value\(count == 1 ? "" : "s") for \(memberCount) members; give one value per member")
            }
        }
    }
}
