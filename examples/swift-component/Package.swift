// swift-tools-version: 6.1
// An example of a component model of your own, coupled by the standard driver: the package
// builds `my-driver`, which is `coupled-driver` with one more land model, `mymodel`.
import PackageDescription

let package = Package(
    name: "swift-component",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "my-driver", targets: ["my-driver"]),
    ],
    dependencies: [
        // coupled-driver: here the repository this example lives in. `name:` fixes the name
        // the products are found under (a path dependency is otherwise named after its folder).
        // From a git server: .package(url: "https://.../coupled-driver.git", from: "1.0.0").
        .package(name: "coupled-driver", path: "../.."),
    ],
    targets: [
        // The model: it needs only the component API (the `CoupledDriver` product).
        .target(name: "MyModel", dependencies: [.product(name: "CoupledDriver", package: "coupled-driver")]),
        // The executable: the standard command line with the built-in models and `mymodel`.
        .executableTarget(name: "my-driver",
                          dependencies: ["MyModel",
                                         .product(name: "CoupledDriver", package: "coupled-driver"),
                                         .product(name: "CoupledDriverCommandLine", package: "coupled-driver")]),
    ],
    swiftLanguageModes: [.v6]
)
