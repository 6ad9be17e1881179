import Coupling

/// The layout `proposed.nml` holds, and why: the searched layout, unless another layout that
/// was actually run measured faster. Predictions leave out what the test runs cannot show (moving
/// fields between processor sets that the test runs did not separate, a machine whose cores are
/// shared), so a measurement always beats a prediction.
public struct BalanceRecommendation: Sendable {
    /// The layout to use.
    public let layout: ProcessorLayout
    /// Why this one, for the report.
    public let reason: String

    /// Chooses between the searched layout (`search.best`, measured by `verification` when it
    /// ran) and the fastest completed test run.
    init(measurements: [TestRunMeasurement], search: LayoutSearchResult, verification: BalanceVerification?) {
        let best = search.best
        // The fastest test run whose layout is not the searched one (a test run of the same
        // layout is the same measurement again).
        let fastest = measurements.filter { $0.run.layout != best.layout }
            .compactMap { m in m.timing.map { (measurement: m, seconds: $0.secondsPerSimulatedDay) } }
            .min { $0.seconds < $1.seconds }
        // What the searched layout is judged by: its verification run (a run that did not
        // complete loses to any that did) or, without one, its prediction.
        let searched: (seconds: Double, beatenBecause: String, reason: String)
        if let v = verification {
            if let measured = v.measuredSecondsPerDay {
                searched = (measured, "faster than the searched layout measured (\(seconds(measured)))",
                            "the searched layout, which measured \(seconds(measured)) (predicted \(seconds(best.secondsPerDay)))")
            } else {
                searched = (.infinity, "because the searched layout's verification run did not complete (\(v.status))",
                            "the searched layout (its verification run did not complete: \(v.status))")
            }
        } else {
            searched = (best.secondsPerDay, "less than the searched layout's prediction (\(seconds(best.secondsPerDay)))",
                        "the searched layout, predicted \(seconds(best.secondsPerDay))")
        }
        if let fastest, fastest.seconds < searched.seconds {
            let name = fastest.measurement.job.name.replacingOccurrences(of: "balance-", with: "")
            self.init(layout: fastest.measurement.run.layout,
                      reason: "the layout of test run \(name) (\(fastest.measurement.run.ranks) ranks), which measured "
                          + seconds(fastest.seconds) + ", " + searched.beatenBecause)
        } else {
            self.init(layout: best.layout, reason: searched.reason)
        }
    }

    private init(layout: ProcessorLayout, reason: String) {
        self.layout = layout
        self.reason = reason
    }
}

private func seconds(_ value: Double) -> String {
    String(format: "%.4f s per simulated day", value)
}
