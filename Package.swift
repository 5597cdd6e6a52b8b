// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "HealthCoverage",
    products: [
        .executable(name: "coverage", targets: ["CoverageCLI"]),
        .library(name: "CoverageCore", targets: ["CoverageCore"]),
        .library(name: "GeometryKit", targets: ["GeometryKit"]),
        .library(name: "DistanceKernel", targets: ["DistanceKernel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .target(name: "GeometryKit", dependencies: ["CGEOS", "CPROJ"]),
        .target(name: "DistanceKernel", dependencies: ["GeometryKit"]),
        .target(name: "CoverageCore", dependencies: ["GeometryKit", "DistanceKernel", "Yams"]),
        .executableTarget(
            name: "CoverageCLI",
            dependencies: [
                "CoverageCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GeometryKitTests", dependencies: ["GeometryKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DistanceKernelTests", dependencies: ["DistanceKernel", "GeometryKit"]),
        .testTarget(name: "CoverageCoreTests", dependencies: ["CoverageCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CoverageCLITests", dependencies: ["CoverageCore"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
