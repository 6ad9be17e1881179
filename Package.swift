// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "coupled-driver",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "coupled-driver", targets: ["coupled-driver"]),
        .library(name: "CoupledDriver", targets: ["Driver", "Components", "Coupling", "NetCDF", "MPI"]),
        .library(name: "CoupledDriverCommandLine", targets: ["DriverCommandLine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CMPI", pkgConfig: "ompi-c",
                       providers: [.apt(["libopenmpi-dev"])]),
        .systemLibrary(name: "CNetCDF", pkgConfig: "netcdf",
                       providers: [.apt(["libnetcdf-dev"])]),
        .systemLibrary(name: "CPnetCDF", pkgConfig: "pnetcdf",
                       providers: [.apt(["libpnetcdf-dev"])]),
        .systemLibrary(name: "CComponentABI"),
        .target(name: "CMPIShims", dependencies: ["CMPI"]),
        .target(name: "MPI", dependencies: ["CMPI", "CMPIShims"]),
        .target(name: "FaultInjection"),
        .target(name: "NetCDF", dependencies: ["CNetCDF", "CPnetCDF", "MPI", "CMPIShims", "FaultInjection"]),
        .target(name: "Coupling", dependencies: ["MPI", "NetCDF", "FaultInjection"]),
        .target(name: "Components", dependencies: ["Coupling", "MPI", "NetCDF", "CComponentABI"]),
        .target(name: "Driver", dependencies: ["Components", "Coupling", "MPI", "NetCDF", "FaultInjection"]),
        .target(name: "Remap", dependencies: ["Coupling", "MPI", "NetCDF"]),
        .target(name: "LoadBalancing", dependencies: ["Coupling"]),
        .target(name: "DriverCommandLine",
                dependencies: ["Driver", "Components", "Coupling", "MPI", "Remap", "LoadBalancing",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "coupled-driver", dependencies: ["DriverCommandLine", "Components", "Coupling"],
                          path: "Sources/CoupledDriverCLI"),
        .executableTarget(name: "mpi-checks", dependencies: ["Coupling", "MPI", "NetCDF"], path: "Tests/MPIChecks"),
        .executableTarget(name: "coupled-driver-bench", dependencies: ["Coupling", "MPI", "NetCDF"],
                          path: "Benchmarks/CoupledDriverBench"),
        .target(name: "TestSupport", dependencies: ["Coupling"], path: "Tests/TestSupport"),
        .testTarget(name: "CouplingTests", dependencies: ["Coupling", "MPI", "TestSupport"]),
        .testTarget(name: "ComponentsTests", dependencies: ["Components", "Coupling", "MPI", "NetCDF"]),
        .testTarget(name: "MappingTests", dependencies: ["Coupling", "MPI", "NetCDF", "TestSupport"]),
        .testTarget(name: "DriverTests", dependencies: ["Driver", "Components", "Coupling", "TestSupport"]),
        .testTarget(name: "LoadBalancingTests", dependencies: ["LoadBalancing", "Coupling", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
