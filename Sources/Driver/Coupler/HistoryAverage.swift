import Coupling
import TimeManager

/// The coupler's history fields summed over the driver steps of the current averaging period
/// (`histavg_option`), as cpl7 sums them for its `cpl.ha` files: every step, after the clock
/// advances, each selected bundle as it is then is added point by point; at the end of the
/// period each sum is divided by its number of steps. The sums are in the restart set, so a run
/// restarted in the middle of a period writes the same bytes as one that runs straight through.
struct HistoryAverage {
    /// One bundle's sum: its name in the file, its grid, and how many steps it holds.
    struct Sum {
        let name: String
        let grid: CouplerGrid
        var values: FieldBundle
        var count: Int
    }

    /// Which bundles are averaged.
    let contents: AveragedHistoryContents
    /// The sums, in the order the bundles were first added.
    private(set) var sums: [Sum] = []
    /// When the period began: the start of its first step (`nil` before that step is added).
    private(set) var periodStart: ModelTime?

    init(contents: AveragedHistoryContents) { self.contents = contents }

    /// Whether `owner`'s bundles are averaged.
    func includes(_ owner: CouplerState.HistoryEntry.Owner) -> Bool {
        switch owner {
        case .component(let kind): contents.components.contains(kind)
        case .oceanFluxes: contents.oceanFluxes
        case .fractions: true
        }
    }

    /// Adds the selected `entries` of the step that began at `stepStart`.
    mutating func add(_ entries: [CouplerState.HistoryEntry], stepStart: ModelTime) {
        if periodStart == nil { periodStart = stepStart }
        for entry in entries where includes(entry.owner) {
            guard let i = sums.firstIndex(where: { $0.name == entry.name }) else {
                sums.append(Sum(name: entry.name, grid: entry.grid, values: entry.bundle, count: 1))
                continue
            }
            sums[i].count += 1
            sums[i].values.storage.withUnsafeMutableBufferPointer { sum in
                entry.bundle.storage.withUnsafeBufferPointer { value in
                    for p in sum.indices { sum[p] += value[p] }
                }
            }
        }
    }

    /// The means of the period, bundle by bundle.
    var means: [Sum] {
        sums.map { sum in
            var mean = sum
            let count = Double(sum.count)
            mean.values.storage.withUnsafeMutableBufferPointer { values in
                for p in values.indices { values[p] /= count }
            }
            return mean
        }
    }

    /// Starts a new period.
    mutating func reset() {
        sums = []
        periodStart = nil
    }

    /// Puts back the sums and the period's start a restart saved.
    mutating func restore(sums saved: [Sum], periodStart start: ModelTime?) {
        sums = saved
        periodStart = start
    }
}
