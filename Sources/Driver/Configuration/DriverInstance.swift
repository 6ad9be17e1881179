/// Which of a job's coupled systems a run is: `&cime_driver_inst ninst_driver = N` (CESM's
/// multi-driver) splits the job into N equal parts, each a whole coupled system, member 1 on
/// the first ranks. With N > 1 every file and log a member writes carries its number, as CESM
/// names them: `CASE.cpl_0001.hi.DATE.nc`, `cpl_0001.log`, `rpointer.drv_0001`.
public struct DriverInstance: Sendable, Hashable, CustomStringConvertible {
    /// The member's number, from 1.
    public let number: Int
    /// How many members the job runs.
    public let count: Int

    /// The one coupled system of a job with `ninst_driver = 1`.
    public static let only = DriverInstance(number: 1, count: 1)

    /// Member `number` of `count`.
    public init(number: Int, count: Int) {
        precondition((1 ... count).contains(number), "member \(number) of \(count)")
        self.number = number
        self.count = count
    }

    /// `_0001` for member 1 of several; empty for the only one.
    public var suffix: String { count > 1 ? Self.suffix(of: number) : "" }

    /// `_NNNN`, four digits at least, as CESM numbers instances: what member `number`'s names
    /// carry in a job of several.
    public static func suffix(of number: Int) -> String {
        let digits = String(number)
        return "_" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `name` as this member writes it: `cpl` → `cpl_0001`.
    public func naming(_ name: String) -> String { name + suffix }

    /// The namelist group in the main namelist that holds this member's differing keys
    /// (`member_0001`).
    public var overrideGroup: String { "member" + Self.suffix(of: number) }

    /// The file next to namelist `path` that holds this member's differing keys, by group
    /// (`drv_in_0001`).
    public func overrideFile(besides path: String) -> String { path + Self.suffix(of: number) }

    /// `member 2 of 4`.
    public var description: String { "member \(number) of \(count)" }
}
