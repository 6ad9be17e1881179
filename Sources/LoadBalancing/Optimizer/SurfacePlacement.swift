/// Where land and sea ice run in a layout the search proposes.
public enum SurfacePlacement: String, Sendable, Hashable, CaseIterable {
    /// Both from rank 0: on the shared ranks the sea ice runs after the land.
    case stacked
    /// Land from rank 0, sea ice on the ranks right after the land's: they run at the same time.
    case sideBySide
}
