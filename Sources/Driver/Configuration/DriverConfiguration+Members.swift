import Coupling
import Namelist

/// The text of a namelist file and its path, for messages.
public struct NamelistText: Sendable {
    /// The file's contents.
    public let text: String
    /// Its path, as messages name it.
    public let path: String

    /// The contents `text` of the file at `path`.
    public init(text: String, path: String) {
        self.text = text
        self.path = path
    }
}

extension NamelistText {
    /// Member `instance`'s own namelist, the file `NAMELIST_000k` beside the namelist at
    /// `namelistPath`, or `nil` when there is none.
    public static func memberFile(of instance: DriverInstance, besides namelistPath: String) throws(FileError) -> NamelistText? {
        let path = instance.overrideFile(besides: namelistPath)
        guard fileExists(path) else { return nil }
        return NamelistText(text: try readTextFile(path), path: path)
    }
}

extension DriverConfiguration {
    /// The members the namelist in `text` asks for (`&cime_driver_inst ninst_driver`); 1 when it
    /// does not parse or the value is not valid (reading the namelist then reports why).
    public static func instanceCount(text: String, path: String) -> Int {
        guard let document = try? NamelistDocument.parseFile(text, file: path) else { return 1 }
        return instanceCount(in: document)
    }

    static func instanceCount(in document: NamelistDocument) -> Int {
        NamelistGroupReader(group: document.group(named: "cime_driver_inst"), name: "cime_driver_inst", file: document.file,
                            collector: DiagnosticCollector()).integer("ninst_driver", default: 1, range: 1 ... 100_000)
    }

    /// The namelist member `member` runs (member 1 when `nil`, without its overrides): the main
    /// namelist in `text` with the keys of its `&member_000k` group and of `memberFile` in place
    /// of its own, and the `&member_…` groups left out. A `&member_…` group for no member of the
    /// job, or one given when the job runs a single system, is a problem.
    static func memberNamelist(text: String, path: String, member: Int?, memberFile: NamelistText?, collector: DiagnosticCollector)
        throws(DiagnosticList) -> (document: NamelistDocument, instance: DriverInstance) {
        let main = try NamelistDocument.parseFile(text, file: path)
        let count = instanceCount(in: main)
        let instance = DriverInstance(number: min(max(member ?? 1, 1), count), count: count)
        let memberGroups = main.groups.filter { $0.name.hasPrefix("member_") }
        for group in memberGroups {
            let number = Int(group.name.dropFirst("member_".count)) ?? 0
            if count == 1 {
                collector.report(Diagnostic("&\(group.spelledName) gives a member's settings, but the job runs one coupled system "
                    + "(set ninst_driver in &cime_driver_inst)", at: group.location))
            } else if !(1 ... count).contains(number) || group.name != DriverInstance(number: number, count: count).overrideGroup {
                collector.report(Diagnostic("&\(group.spelledName) names no member of this job: the members are &member_0001 to "
                    + "&\(DriverInstance(number: count, count: count).overrideGroup) (ninst_driver = \(count))", at: group.location))
            }
        }
        var document = main
        if member != nil, count > 1 {
            let (overridden, problems) = main.applyingFlatOverrides(from: instance.overrideGroup)
            for problem in problems { collector.report(problem) }
            document = overridden
            if let memberFile {
                document = document.overridden(by: try NamelistDocument.parseFile(memberFile.text, file: memberFile.path))
            }
        }
        return (document.filteringGroups { !$0.name.hasPrefix("member_") }, instance)
    }
}
