// swift-tools-version: 6.1
import PackageDescription

// The side-by-side benchmarks of HealthCoverage against its peers. A package of its own so that
// the main package's build and tests never pay for it; it uses the main package's libraries by path.
let package = Package(
    name: "HealthCoverageBenchmarks",
    products: [
        .executable(name: "point-in-district-runner", targets: ["PointInDistrictRunner"]),
    ],
    dependencies: [
        // `name:` because a path dependency's identity is its folder's name, which differs
        // between checkouts (main, worktrees, CI clones).
        .package(name: "HealthCoverage", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "PointInDistrictRunner",
            dependencies: [
                .product(name: "GeometryKit", package: "HealthCoverage"),
                .product(name: "CoverageCore", package: "HealthCoverage"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
