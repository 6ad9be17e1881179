import Components
import Coupling
import Foundation
import Testing

/// A restart round trip of one component on a harness, driven like the driver drives it: a
/// straight run of N + M coupling intervals against a run of N intervals that writes a restart
/// file, then a fresh instance that is initialised, reads the file, gives its initial exports
/// and runs M intervals. The imports of interval k (counted from the start of the run) are the
/// same in both.
struct RestartRoundTrip {
    let harness: ComponentHarness
    let kind: ComponentKind
    /// A new instance of the model.
    let make: () -> any Component
    /// The imports of interval `k` for `run`.
    let imports: (_ k: Int, _ run: ComponentRun) -> FieldBundle

    /// The exports of a run, before the first interval it runs and after each, the summary it
    /// writes to the log at `finalize`, and the global index of each of this task's points.
    struct Record {
        var exports: [FieldBundle]
        var summary: String
        var globalIndices: [Int]
    }

    /// A straight run of `steps` intervals with `threads` threads.
    func straight(steps: Int, threads: Int) throws -> Record {
        let run = try ComponentRun(make(), kind, on: harness, threads: threads)
        return try record(run, from: 0, steps: steps)
    }

    /// What the context of a continued run gives as its start time.
    enum ContextStart: CaseIterable {
        /// The restart time: the first `start` passed to `run`.
        case restart
        /// The start of the initial run (the driver's clock's start time).
        case initialRun
    }

    /// A run of `before` intervals with `writeThreads` threads that writes a restart file, then
    /// a fresh instance with `readThreads` threads whose context starts at `contextStart`, that
    /// reads the file (unless `read` is false) and runs `after` intervals: its record starts
    /// with its initial exports.
    func restarted(before: Int, after: Int, writeThreads: Int, readThreads: Int, contextStart: ContextStart = .restart,
                   read: Bool = true) throws -> Record {
        let path = try sharedPath("\(kind.rawValue).r.\(before).nc")
        let first = try ComponentRun(make(), kind, on: harness, threads: writeThreads)
        for k in 0 ..< before { try first.step(imports(k, first)) }
        try first.writeRestart(to: path)
        let restartTime = first.time
        let second = try ComponentRun(make(), kind, on: harness, threads: readThreads,
                                      start: contextStart == .restart ? restartTime : ComponentHarness.startTime,
                                      restart: read ? path : nil)
        second.time = restartTime
        return try record(second, from: before, steps: after)
    }

    /// Runs `run` over intervals `first ..< first + steps` and finalises it.
    private func record(_ run: ComponentRun, from first: Int, steps: Int) throws -> Record {
        var exports = [run.exports]
        for k in first ..< first + steps {
            try run.step(imports(k, run))
            exports.append(run.exports)
        }
        let logBefore = harness.log
        try run.finalize()
        return Record(exports: exports, summary: String(harness.log.dropFirst(logBefore.count)), globalIndices: run.globalIndices)
    }

    /// `name` in the harness's folder, the same on every task (rank 0's folder).
    func sharedPath(_ name: String) throws -> String {
        try TestMPI.lock.withLock { _ in try TestMPI.world.broadcast(harness.directory + "/" + name, root: 0) }
    }

    /// Checks that a restart after `before` intervals, written with `writeThreads` threads and
    /// read with `readThreads`, continues with the bits of the straight run `straight`: the
    /// initial exports after the restart are the exports after interval `before`, every later
    /// export and the summary are the same, whichever start time the continued run's context
    /// gives. Without reading the restart, the run differs.
    func expectExact(_ straight: Record, before: Int, writeThreads: Int, readThreads: Int,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let after = straight.exports.count - 1 - before
        for contextStart in ContextStart.allCases {
            let restarted = try restarted(before: before, after: after, writeThreads: writeThreads, readThreads: readThreads,
                                          contextStart: contextStart)
            #expect(restarted.exports.count == after + 1, sourceLocation: sourceLocation)
            for (k, exports) in restarted.exports.enumerated() {
                let expected = straight.exports[before + k]
                let when = k == 0 ? "before the first interval after the restart" : "after interval \(before + k)"
                let difference = firstDifference(exports, expected)
                #expect(identicalBits(exports, expected), "exports \(when) differ (context start \(contextStart)): \(difference)",
                        sourceLocation: sourceLocation)
            }
            #expect(!restarted.summary.isEmpty && restarted.summary == straight.summary,
                    "summary after the restart:\n\(restarted.summary)\nstraight:\n\(straight.summary)", sourceLocation: sourceLocation)
        }
        let unrestarted = try self.restarted(before: before, after: after, writeThreads: writeThreads, readThreads: readThreads, read: false)
        #expect(!identicalBits(unrestarted.exports.last!, straight.exports.last!),
                "a fresh run that does not read the restart should differ", sourceLocation: sourceLocation)
    }
}

/// Whether `condition` holds on some task of the tests' MPI world (collective).
func onSomeTask(_ condition: Bool) throws -> Bool {
    try TestMPI.lock.withLock { _ in try TestMPI.world.allReduce(condition ? 1 : 0, .maximum) } == 1
}

/// Whether `a` and `b` have the same fields and the same bits in every value.
func identicalBits(_ a: FieldBundle, _ b: FieldBundle) -> Bool {
    a.fieldNames == b.fieldNames && a.pointCount == b.pointCount && a.storage.map(\.bitPattern) == b.storage.map(\.bitPattern)
}

/// The first value that differs between `a` and `b`, for messages.
func firstDifference(_ a: FieldBundle, _ b: FieldBundle) -> String {
    guard a.fieldNames == b.fieldNames, a.pointCount == b.pointCount else { return "different fields or points" }
    for point in 0 ..< a.pointCount {
        for (field, name) in a.fieldNames.enumerated() where a[field: field, point: point].bitPattern != b[field: field, point: point].bitPattern {
            return "\(name) at point \(point): \(a[field: field, point: point]) vs \(b[field: field, point: point])"
        }
    }
    return "none"
}

/// Writes a restart file at `path` for `run`'s domain that says it is of `model` and holds the
/// fields `fields` (zero) only.
func writePartialRestart(for run: ComponentRun, to path: String, model: String, fields: [String]) throws {
    try TestMPI.lock.withLock { _ in
        let writer = RestartWriter(communicator: run.context.communicator, domain: run.setup.domain)
        writer.addText("model", model)
        writer.addNumber("time", Double(run.time.seconds))
        for name in fields { writer.addField(name, [Double](repeating: 0, count: run.setup.domain.localSize)) }
        try writer.write(to: path, title: "partial restart")
    }
}

/// Checks that `model` refuses the restart file `path`, written by `writer`, with an error
/// naming the file and both models; and refuses a file of its own model that lacks `field`,
/// with the error naming the field.
func expectRefusesRestarts(of writer: ComponentRun, _ writerModel: String, by make: @escaping () -> any Component, _ kind: ComponentKind,
                           _ model: String, missing field: String, on harness: ComponentHarness,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
    let trip = RestartRoundTrip(harness: harness, kind: kind, make: make) { _, run in run.blankImports }
    let path = try trip.sharedPath("other.r.nc")
    try writer.writeRestart(to: path)
    let error = #expect(throws: RestartError.self, sourceLocation: sourceLocation) {
        _ = try ComponentRun(make(), kind, on: harness, threads: 1, restart: path)
    }
    let message = error?.description ?? ""
    #expect(message.contains(path) && message.contains("written by the \(writerModel)") && message.contains("not by the \(model)"),
            "\(message)", sourceLocation: sourceLocation)

    let own = try ComponentRun(make(), kind, on: harness, threads: 1)
    let partial = try trip.sharedPath("partial.r.nc")
    try writePartialRestart(for: own, to: partial, model: model, fields: [])
    let missing = #expect(throws: RestartError.self, sourceLocation: sourceLocation) {
        _ = try ComponentRun(make(), kind, on: harness, threads: 1, restart: partial)
    }
    #expect(missing?.description.contains(partial) == true && missing?.description.contains("no field '\(field)'") == true,
            "\(missing?.description ?? "")", sourceLocation: sourceLocation)
}

/// The exports of a slab atmosphere under the surface `SlabAtmosphereTests.surface(step:for:)`:
/// before the first interval and after each of `steps` intervals, forcing that changes in
/// space and time for the surface models.
func slabAtmosphereExports(steps: Int, on harness: ComponentHarness) throws -> [FieldBundle] {
    let atmosphere = try ComponentRun(SlabAtmosphere(), .atm, on: harness, threads: 1)
    var history = [atmosphere.exports]
    for k in 0 ..< steps {
        try atmosphere.step(SlabAtmosphereTests.surface(step: k, for: atmosphere))
        history.append(atmosphere.exports)
    }
    return history
}

/// A value that changes smoothly with interval `k` and point `point`, between −1 and 1.
func wave(_ k: Int, _ point: Int, period: Double = 7, phase: Double = 0.61) -> Double {
    sin(2 * Double.pi * Double(k) / period + phase * Double(point))
}
