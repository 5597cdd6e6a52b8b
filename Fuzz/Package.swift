// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for the readers of HealthCoverage: one executable per reader, each handing
// libFuzzer's bytes to the entry the `coverage` command reads that kind of file through (after
// `InputFile` has read it), never to a copy of the parsing code.
//
// A package of its own, like Benchmarks/, so that the main package's `swift build` and `swift test`
// never build these: they have no `main` of their own and link only with libFuzzer's
// (`--sanitize=fuzzer`), and they need `-parse-as-library`. `make fuzz` and `make fuzz-smoke` build
// them with `--sanitize=fuzzer --sanitize=address` in .build-fuzz (see the README, "Sanitizers and
// fuzzing").
let package = Package(
    name: "HealthCoverageFuzz",
    products: [
        .executable(name: "fuzz-json", targets: ["FuzzJSON"]),
        .executable(name: "fuzz-geojson", targets: ["FuzzGeoJSON"]),
        .executable(name: "fuzz-csv", targets: ["FuzzCSV"]),
        .executable(name: "fuzz-standards", targets: ["FuzzStandards"]),
        .executable(name: "fuzz-scenario", targets: ["FuzzScenario"]),
        .executable(name: "fuzz-dhis2", targets: ["FuzzDHIS2"]),
        .executable(name: "fuzz-geotiff", targets: ["FuzzGeoTIFF"]),
    ],
    dependencies: [
        // `name:` because a path dependency's identity is its folder's name, which differs
        // between checkouts (main, worktrees, CI clones).
        .package(name: "HealthCoverage", path: "..")
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [healthCoverage("CoverageCore"), healthCoverage("GeoIO")]),
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzSupport", healthCoverage("GeoIO")]),
        .executableTarget(name: "FuzzGeoJSON", dependencies: ["FuzzSupport", healthCoverage("GeoIO")]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", healthCoverage("CoverageCore"), healthCoverage("GeoIO")]),
        .executableTarget(name: "FuzzStandards", dependencies: ["FuzzSupport", healthCoverage("CoverageCore"), healthCoverage("GeoIO")]),
        .executableTarget(name: "FuzzScenario", dependencies: ["FuzzSupport", healthCoverage("CoverageCore"), healthCoverage("GeoIO")]),
        .executableTarget(name: "FuzzDHIS2", dependencies: ["FuzzSupport", healthCoverage("CoverageCore"), healthCoverage("GeoIO")]),
        .executableTarget(name: "FuzzGeoTIFF", dependencies: ["FuzzSupport", healthCoverage("RasterIO")]),
    ],
    swiftLanguageModes: [.v6]
)

/// A library of the main package.
func healthCoverage(_ product: String) -> Target.Dependency {
    .product(name: product, package: "HealthCoverage")
}
