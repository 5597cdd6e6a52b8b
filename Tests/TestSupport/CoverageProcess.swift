import Foundation
import GeoIO
import Testing

/// What one run of the built `coverage` binary produced.
public struct CoverageRun: CustomStringConvertible, Sendable {
    public let arguments: [String]
    /// The exit status, or the signal number when `crashed`.
    public let status: Int32
    /// True when the process ended on a signal (a crash) rather than by exiting.
    public let crashed: Bool
    public let stdout: String
    public let stderr: String
    public let elapsed: Duration

    public var description: String {
        "coverage \(arguments.joined(separator: " ")) → \(crashed ? "signal" : "exit") \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)---"
    }
}

/// Runs the `coverage` executable that `swift build` put next to the test bundle, with a
/// controlled environment (no HEALTHCOVERAGE_DATA unless given, COLUMNS=80 for stable help text).
public enum CoverageProcess {
    /// The CLI tests' fixtures, the default working directory of a run.
    public static let fixtures = Fixtures.testsFolder.appendingPathComponent("CoverageCLITests/Fixtures")
    /// The CoverageCore test fixtures, for the golden Bolikhamxay layer (one copy for both targets).
    public static let coreFixtures = Fixtures.testsFolder.appendingPathComponent("CoverageCoreTests/Fixtures")

    /// The places tried, in order: the folder of the test process's `argv[0]` (on Linux the
    /// `.xctest` executable in `.build/<config>/`), then that of `Bundle.main.executablePath`.
    public static var candidates: [URL] {
        var folders: [URL] = []
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let main = Bundle.main.executablePath {
            folders.append(URL(fileURLWithPath: main).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        return folders.map { $0.appendingPathComponent("coverage") }
    }

    /// The built binary; records a failure naming every place tried when there is none.
    public static func binary(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(
            found,
            """
            the built `coverage` executable was not found (tried \(candidates.map(\.path).joined(separator: ", "))); \
            run `swift build --build-tests` first so that it sits next to the test bundle
            """, sourceLocation: sourceLocation)
    }

    /// Runs `coverage` with `arguments` in `directory` (default: the CLI fixtures folder).
    /// `environment` entries are added to the inherited environment; a nil value removes one.
    public static func run(
        _ arguments: [String], in directory: URL = fixtures, environment: [String: String?] = [:],
        executable: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CoverageRun {
        try start(arguments, in: directory, environment: environment, executable: executable, sourceLocation: sourceLocation).finish()
    }

    /// Starts `coverage` as ``run(_:in:environment:executable:sourceLocation:)`` does, without
    /// waiting for it: for tests that signal a run while it works.
    public static func start(
        _ arguments: [String], in directory: URL = fixtures, environment: [String: String?] = [:],
        executable: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> StartedCoverage {
        let process = Process()
        process.executableURL = try executable ?? binary(sourceLocation: sourceLocation)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        variables["HEALTHCOVERAGE_DATA"] = nil
        variables["HEALTHCOVERAGE_TEST_PAUSE"] = nil
        variables["COLUMNS"] = "80"
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        return try StartedCoverage(process, arguments: arguments)
    }

    /// The text of a fixture file of this target.
    public static func fixtureText(_ path: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
    }
}

/// A run of `coverage` that has been started and not yet waited for.
public final class StartedCoverage {
    private let process: Process
    private let arguments: [String]
    private let scratch: URL
    private let outURL: URL, errURL: URL
    private let out: FileHandle, err: FileHandle
    private let start: ContinuousClock.Instant

    init(_ process: Process, arguments: [String]) throws {
        self.process = process
        self.arguments = arguments
        // Output goes to files, not pipes, so that a large report cannot block the child.
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        outURL = scratch.appendingPathComponent("stdout")
        errURL = scratch.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        out = try FileHandle(forWritingTo: outURL)
        err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        start = ContinuousClock.now
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: scratch)
    }

    /// The process id.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// What the run has printed on standard error so far.
    public var standardErrorSoFar: String {
        String(decoding: (try? InputFile.read(path: errURL.path).bytes) ?? [], as: UTF8.self)
    }

    /// Waits until standard error contains `text`, or the run ends, or `timeout` passes.
    /// - Returns: whether it does.
    public func waitForStandardError(containing text: String, timeout: Duration = .seconds(60)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if standardErrorSoFar.contains(text) { return true }
            if !process.isRunning { return standardErrorSoFar.contains(text) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    /// Sends `signal` to the process, unless it has ended (its id may then name another).
    public func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits for the process to end and returns what it did.
    public func finish() throws -> CoverageRun {
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        try out.close()
        try err.close()
        return CoverageRun(
            arguments: arguments,
            status: process.terminationStatus,
            crashed: process.terminationReason == .uncaughtSignal,
            // InputFile, not Data(contentsOf:), which leaks 4 KiB per empty file on Linux (Tests/Sanitizers/README.md).
            stdout: String(decoding: try InputFile.read(path: outURL.path).bytes, as: UTF8.self),
            stderr: String(decoding: try InputFile.read(path: errURL.path).bytes, as: UTF8.self),
            elapsed: elapsed)
    }
}
