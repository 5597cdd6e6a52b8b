// swift-tools-version: 6.1
import PackageDescription

// The kernels, the travel-time search and the file readers are optimised in debug builds too: every
// CLI test runs the built binary on the national data, and unoptimised they take 5.5 s a query instead
// of 1.1 s (the tests check their results, not their debugging).
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "HealthCoverage",
    products: [
        .executable(name: "coverage", targets: ["CoverageCLI"]),
        .library(name: "CoverageCore", targets: ["CoverageCore"]),
        .library(name: "GeometryKit", targets: ["GeometryKit"]),
        .library(name: "DistanceKernel", targets: ["DistanceKernel"]),
        .library(name: "GeoIO", targets: ["GeoIO"]),
        .library(name: "TravelTime", targets: ["TravelTime"]),
        .library(name: "RasterIO", targets: ["RasterIO"]),
        // The C ABI over the kernels (include/healthcoverage.h), for Python and any other caller.
        .library(name: "HealthCoverageKernels", type: .dynamic, targets: ["KernelABI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The web page's server (`coverage serve`). No traits: swift-configuration and the full-Foundation
        // extras are not used.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Hummingbird's logger, named to quieten it (already among Hummingbird's dependencies).
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .target(name: "GeometryKit", dependencies: ["CGEOS", "CPROJ"]),
        // The one fan-out over threads: pure Swift, no dependency.
        .target(name: "Parallelism"),
        .target(name: "DistanceKernel", dependencies: ["GeometryKit", "Parallelism"], swiftSettings: optimisedInDebug),
        // Least travel time over a friction grid: pure Swift, no C.
        .target(name: "TravelTime", dependencies: ["Parallelism"], swiftSettings: optimisedInDebug),
        .target(name: "GeoIO", dependencies: ["GeometryKit", "Yams"], swiftSettings: optimisedInDebug),
        // The one Swift face of GDAL: raster files (GeoTIFF and what else GDAL reads), burning
        // vectors into grids, pictures of classed rasters, and vector layers read with OGR.
        .target(name: "RasterIO", dependencies: ["CGDAL", "GeoIO", "GeometryKit"]),
        // The kernels behind a C ABI: @_cdecl functions over caller-owned buffers; no Swift type crosses it.
        .target(name: "KernelABI", dependencies: ["DistanceKernel", "GeometryKit", "TravelTime"], exclude: ["include"]),
        .target(name: "CoverageCore", dependencies: ["GeoIO", "DistanceKernel", "GeometryKit", "Parallelism", "RasterIO", "TravelTime"]),
        // The web page and its JSON API: a second client of CoverageCore beside the CLI. The API is plain
        // functions of a request (tested without sockets); Hummingbird only carries them over HTTP.
        .target(
            name: "CoverageServer",
            dependencies: [
                "CoverageCore", "GeoIO", "GeometryKit", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Page")]
        ),
        .executableTarget(
            name: "CoverageCLI",
            dependencies: [
                "CoverageCore", "CoverageServer", "GeoIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test support: the seeded generator, tolerances, temporary folders, fixtures found by
        // #filePath (no resource bundles), the built-binary runner.
        .target(name: "TestSupport", dependencies: ["GeoIO", "GeometryKit"], path: "Tests/TestSupport"),
        .testTarget(name: "GeometryKitTests", dependencies: ["GeometryKit", "GeoIO", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ParallelismTests", dependencies: ["Parallelism", "TestSupport"]),
        .testTarget(name: "DistanceKernelTests", dependencies: ["DistanceKernel", "GeometryKit", "TestSupport"]),
        .testTarget(name: "GeoIOTests", dependencies: ["GeoIO", "GeometryKit", "TestSupport"]),
        .testTarget(name: "TravelTimeTests", dependencies: ["TravelTime", "Parallelism", "GeometryKit", "TestSupport"]),
        .testTarget(name: "RasterIOTests", dependencies: ["RasterIO", "GeoIO", "GeometryKit", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "CoverageCoreTests",
            dependencies: ["CoverageCore", "GeoIO", "DistanceKernel", "GeometryKit", "RasterIO", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CoverageServerTests", dependencies: ["CoverageServer", "CoverageCore", "GeoIO", "TestSupport"]
        ),
        .testTarget(name: "CoverageCLITests", dependencies: ["CoverageCore", "GeoIO", "GeometryKit", "TestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
