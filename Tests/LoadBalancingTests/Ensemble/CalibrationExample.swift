import Components
import Foundation
import LoadBalancing
import NetCDF

// The calibration example of docs/ensembles.md, which shows the lines from `calibrateCloudAlbedo`
// to the end of `surfaceShortwave` (EnsembleRunnerTests checks that it still does).

/// Calibrates the slab atmosphere's cloud albedo so that the global mean shortwave reaching the
/// surface matches `target` (W m-2): an ensemble Kalman inversion with five members and two
/// iterations, each iteration an ensemble run through the mpirun backend. Returns the members'
/// mean albedo before the first iteration and after each.
func calibrateCloudAlbedo(namelist: String, target: Double, folder: String, executable: String) async throws -> [Double] {
    var generator = SeededGenerator(seed: 1)
    var albedo = (1 ... 5).map { _ in 0.1 + 0.3 * generator.nextUnit() }  // the prior: uniform on [0.1, 0.4]
    var means = [albedo.mean]
    for iteration in 1 ... 2 {
        let setting = EnsembleSetting(group: "slab_atm_nml", key: "cloud_albedo", source: .values(albedo.map { "\($0)" }))
        let definition = EnsembleDefinition(namelist: namelist, memberCount: albedo.count, settings: [setting], executable: executable,
                                            resources: JobResources(ranks: 1, wallTimeSeconds: 600))
        let ensemble = try Ensemble.create(definition, in: folder + "/iteration_\(iteration)", registry: .builtIn)
        let shortwave = try await MPIRunBackend().withStarted { backend in
            var values = [Double](repeating: 0, count: albedo.count)
            for try await result in EnsembleRunner(ensemble: ensemble, backend: backend).results {
                guard result.succeeded else { throw CalibrationFailure(member: result.member.name, status: result.status) }
                values[result.member.number - 1] = try surfaceShortwave(in: result.member.runDirectory)
            }
            return values
        }
        // θ ← θ + cov(θ, G) / (var(G) + Γ) · (target − G), with an observation error Γ of (1 W m-2)².
        let gain = albedo.covariance(with: shortwave) / (shortwave.covariance(with: shortwave) + 1)
        albedo = zip(albedo, shortwave).map { θ, g in θ + gain * (target - g) }
        means.append(albedo.mean)
    }
    return means
}

/// The area-weighted global mean of the shortwave the atmosphere sends to the surface (its four
/// bands) in the last atmosphere history file of a run directory.
func surfaceShortwave(in runDirectory: String) throws -> Double {
    let files = try FileManager.default.contentsOfDirectory(atPath: runDirectory).filter { $0.contains(".atm.h.") }.sorted()
    guard let last = files.last else { throw CalibrationFailure(member: runDirectory, status: .completed) }
    let history = try Dataset(openingAt: runDirectory + "/" + last)
    defer { try? history.close() }
    let area: [Double] = try history.read(history.requireVariable("atm_area"))
    var total = [Double](repeating: 0, count: area.count)
    for band in ["a2x_Faxa_swndr", "a2x_Faxa_swvdr", "a2x_Faxa_swndf", "a2x_Faxa_swvdf"] {
        let values: [Double] = try history.read(history.requireVariable(band))
        for point in total.indices { total[point] += values[point] }
    }
    return zip(area, total).map(*).reduce(0, +) / area.reduce(0, +)
}

/// A member whose run did not complete, or left no history: the calibration cannot go on.
struct CalibrationFailure: Error {
    let member: String
    let status: JobStatus
}

extension Array where Element == Double {
    /// The mean of the values.
    var mean: Double { reduce(0, +) / Double(count) }

    /// The sample covariance of these values with `other`, pair by pair.
    func covariance(with other: [Double]) -> Double {
        let (a, b) = (mean, other.mean)
        return zip(self, other).map { ($0 - a) * ($1 - b) }.reduce(0, +) / Double(count - 1)
    }
}
