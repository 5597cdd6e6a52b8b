// swift-tools-version: 6.1
import PackageDescription

// The reduced reproduction of the one leak Tests/Sanitizers/lsan.supp suppresses (see README.md
// beside it). Not part of the main package: build and run it by hand.
let package = Package(
    name: "ArgumentParserLeak",
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")
    ],
    targets: [
        .executableTarget(
            name: "ArgumentParserLeak",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        )
    ],
    swiftLanguageModes: [.v6]
)
