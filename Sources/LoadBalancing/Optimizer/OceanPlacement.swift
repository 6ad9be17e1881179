/// Where the ocean runs in a layout the search proposes.
public enum OceanPlacement: String, Sendable, Hashable, CaseIterable {
    /// On its own ranks, the last of the job: it runs through its interval beside everything
    /// else, and the coupler waits for it only at the interval's end.
    case concurrent
    /// From rank 0, sharing ranks with the others: in each of its intervals it runs first and the
    /// others wait. Also where an absent ocean's placeholder sits (1 task on rank 0).
    case sequential
}
