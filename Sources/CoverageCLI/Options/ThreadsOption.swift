import ArgumentParser
import Foundation

/// `--threads N`: worker threads for the parallel steps (distance kernel, overlays, writers). The
/// results never depend on it.
struct ThreadsOption: ParsableArguments {
    @Option(
        name: .customLong("threads"), parsing: .unconditional,
        help: ArgumentHelp("Worker threads (default: all cores); the results do not depend on it.", valueName: "threads"))
    var threadsText: String?

    func validate() throws {
        _ = try threadsText.map(Self.parse)
    }

    /// The threads asked for; nil for every core.
    var threads: Int? { threadsText.flatMap { try? Self.parse($0) } }

    private static func parse(_ text: String) throws -> Int {
        try NumberArgument.whole(text, option: "--threads", minimum: 1, expected: "a whole number of threads ≥ 1")
    }

    /// For manifests: `2`, or `4 (all cores)`.
    var recorded: String { threads.map(String.init) ?? "\(ProcessInfo.processInfo.activeProcessorCount) (all cores)" }
}
