import Coupling
import Foundation
import MPI

// coupled-driver-bench [--data DIR] [--calls N] [--only mapping|coupled|maptype]
//   Runs every benchmark section and prints Markdown tables for docs/performance.md:
//   the memory bandwidth (copy and streaming read, one core and all at once), the peers' versions,
//   the mapping kernel against scipy and that bandwidth, 1 vs 2 ranks, the storage layout,
//   map type 'Y' against 'X' on 1-4 ranks, weights reading per chunk size against a plain read,
//   memory per rank, and `remap` against
//   `ncremap -m` and `cdo remap`. Needs nco, cdo and python3 with scipy.
// coupled-driver-bench worker KIND ...   (internal: one measurement under mpirun)

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "worker" {
    try MPIRuntime.initialize(threadLevel: .funneled)
    let world = try Communicator.world()
    let kind = arguments[1], weights = arguments[2]
    let encoder = JSONEncoder()
    let json: Data
    switch kind {
    case "mapping":
        json = try encoder.encode(mappingWorker(weightsPath: weights, fields: Int(arguments[3])!, calls: Int(arguments[4])!,
                                                decomposition: arguments[5], cold: arguments[6] == "cold", threads: Int(arguments[7])!,
                                                world: world))
    case "distribution":
        json = try encoder.encode(distributionWorker(weightsPath: weights, chunkSize: Int(arguments[3])!, threads: Int(arguments[4])!, world: world))
    case "memory": json = try encoder.encode(memoryWorker(weightsPath: weights, world: world))
    case "maptype":
        json = try encoder.encode(mapTypeWorker(weightsPath: weights, type: arguments[3], decomposition: arguments[4], fields: Int(arguments[5])!,
                                                calls: Int(arguments[6])!, world: world))
    case "layout": json = try encoder.encode(layoutWorker(weightsPath: weights, fields: Int(arguments[3])!, calls: Int(arguments[4])!, world: world))
    case "plain-read": json = try encoder.encode(plainRead(weightsPath: weights))
    case "startup": json = try encoder.encode([world.size])
    default: fatalError("unknown worker \(kind)")
    }
    if world.rank == 0 { print("RESULT " + String(decoding: json, as: UTF8.self)) }
    MPIRuntime.finalize()
    exit(0)
}

var data = FileManager.default.currentDirectoryPath + "/.build/bench-data"
var calls = 50
var only: String? = nil
var index = 0
while index < arguments.count {
    switch arguments[index] {
    case "--data": data = arguments[index + 1]; index += 2
    case "--calls": calls = Int(arguments[index + 1])!; index += 2
    case "--only": only = arguments[index + 1]; index += 2
    default: fatalError("unknown argument \(arguments[index]); usage: coupled-driver-bench [--data DIR] [--calls N] [--only mapping|coupled|maptype]")
    }
}
let bench = Orchestrator(data: data, calls: calls)
bench.prepare()
if only == "mapping" {
    print(bench.mappingReport().joined(separator: "\n"))
} else if only == "coupled" {
    print(bench.coupledRunSection().joined(separator: "\n"))
} else if only == "maptype" {
    print(bench.mapTypeSection().joined(separator: "\n"))
} else {
    print(bench.report())
}
