// swift-tools-version: 6.1
import PackageDescription

// The benchmarks of HealthCoverage. A package of its own so that the main package's build and
// tests never pay for it; it uses the main package's libraries by path.
//
// * `DistanceKernelBenchmarks`: package-benchmark suites (`swift package benchmark`, see README.md);
//   package-benchmark finds their sources under `Benchmarks/<target>/` of this package.
// * `distance-kernel-runner`, `point-in-district-runner`: executables that the side-by-side peer
//   comparisons (`bench_peers.py`, `point_in_district.py`) run on the same inputs as the peers.
// * `BenchmarkSupport`: what the runners and the suites share (input and answer files, run times,
//   the answers' checksum, the seeded generator, the --repeat/--threads options), once.
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")

/// A library of the main package.
func healthCoverage(_ product: String) -> Target.Dependency {
    .product(name: product, package: "HealthCoverage")
}

let package = Package(
    name: "HealthCoverageBenchmarks",
    products: [
        .executable(name: "point-in-district-runner", targets: ["PointInDistrictRunner"]),
        .executable(name: "distance-kernel-runner", targets: ["DistanceKernelRunner"]),
    ],
    dependencies: [
        // `name:` because a path dependency's identity is its folder's name, which differs
        // between checkouts (main, worktrees, CI clones).
        .package(name: "HealthCoverage", path: ".."),
        // Only the MallocInterposer trait: the default set also has RuntimeInterposer, which on
        // Linux with Swift 6.3 pulls in ordo-one/swift-runtime-interposer (ARC counters only) —
        // a package this machine does not have. See README.md, "package-benchmark".
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "BenchmarkSupport", dependencies: [argumentParser]),
        .executableTarget(
            name: "PointInDistrictRunner",
            dependencies: [
                "BenchmarkSupport", argumentParser, healthCoverage("DistanceKernel"), healthCoverage("GeoIO"),
                healthCoverage("GeometryKit"),
            ]
        ),
        .executableTarget(
            name: "DistanceKernelRunner",
            dependencies: ["BenchmarkSupport", argumentParser, healthCoverage("DistanceKernel")]
        ),
        .executableTarget(
            name: "DistanceKernelBenchmarks",
            dependencies: ["BenchmarkSupport", healthCoverage("DistanceKernel"), .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/DistanceKernelBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
