import ArgumentParser
import Foundation

/// `--threads N`: worker threads for the parallel steps (distance kernel, overlays, writers). The
/// results never depend on it.
struct ThreadsOption: ParsableArguments {
    @Option(help: "Worker threads (default: all cores); the results do not depend on it.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads \(threads): expected a number of threads ≥ 1") }
    }

    /// For manifests: `2`, or `4 (all cores)`.
    var recorded: String { threads.map(String.init) ?? "\(ProcessInfo.processInfo.activeProcessorCount) (all cores)" }
}
