/// Namelists that differ from another only in a few keys, as the members of an ensemble do:
/// the keys of an override replace the same keys of the base, and everything else is kept.
extension NamelistDocument {
    /// This namelist with the keys of `overrides` replacing its own: each group of `overrides`
    /// replaces every assignment to each key it sets (all elements of an array) and adds the
    /// keys this namelist lacks; a group this namelist lacks is added. Locations stay where each
    /// assignment was written, so a problem in an override names the override's file and line.
    public func overridden(by overrides: NamelistDocument) -> NamelistDocument {
        var groups = self.groups
        for override in overrides.groups {
            guard let index = groups.firstIndex(where: { $0.name == override.name }) else {
                groups.append(override)
                continue
            }
            groups[index] = groups[index].overridden(by: override.assignments)
        }
        return NamelistDocument(file: file, groups: groups)
    }

    /// This namelist with only the groups `isIncluded` keeps.
    public func filteringGroups(_ isIncluded: (NamelistGroup) -> Bool) -> NamelistDocument {
        NamelistDocument(file: file, groups: groups.filter(isIncluded))
    }

    /// This namelist with the assignments of its group `groupName` (such as `&member_0001`)
    /// moved into the groups that set each key, replacing them there; the group itself is left
    /// out. A key that no other group sets, or that several set, is a problem naming where it is
    /// written: such a key must be given inside its own group, in a separate override file.
    public func applyingFlatOverrides(from groupName: String) -> (document: NamelistDocument, problems: [Diagnostic]) {
        guard let flat = group(named: groupName) else { return (self, []) }
        var groups = self.groups.filter { $0.name != flat.name }
        var problems = [Diagnostic]()
        for assignment in flat.assignments {
            let owners = groups.indices.filter { !groups[$0].assignments(to: assignment.key).isEmpty }
            guard owners.count == 1, let owner = owners.first else {
                let setBy = owners.isEmpty ? "no group of \(file) sets it" : "it is set in "
                    + owners.map { "&\(groups[$0].spelledName)" }.joined(separator: " and ")
                problems.append(Diagnostic("'\(assignment.spelledKey)' in &\(flat.spelledName): \(setBy); give it inside its group, "
                    + "in the member's own namelist file", at: assignment.location))
                continue
            }
            groups[owner] = groups[owner].overridden(by: [assignment])
        }
        return (NamelistDocument(file: file, groups: groups), problems)
    }
}

extension NamelistGroup {
    /// This group with every assignment to a key of `overrides` removed and `overrides` added
    /// at the end.
    func overridden(by overrides: [NamelistAssignment]) -> NamelistGroup {
        let replaced = Set(overrides.map(\.key))
        return NamelistGroup(name: name, spelledName: spelledName, location: location,
                             assignments: assignments.filter { !replaced.contains($0.key) } + overrides)
    }
}
