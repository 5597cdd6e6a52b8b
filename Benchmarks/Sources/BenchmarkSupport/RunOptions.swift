import ArgumentParser
import Foundation

/// The options every runner has, `--repeat R` and `--threads T`, for an `@OptionGroup`.
public struct RunOptions: ParsableArguments {
    /// How many timed runs follow the untimed warm-up run.
    @Option(name: .customLong("repeat"), help: ArgumentHelp("Timed runs after one untimed warm-up run.", valueName: "R"))
    public var repeatCount = 5

    /// The threads to ask the kernel for; nil for every active core.
    @Option(help: ArgumentHelp("Threads for the kernel (default: every active core).", valueName: "T"))
    public var threads: Int?

    public init() {}

    public func validate() throws {
        try validatePositive(repeatCount, option: "--repeat")
        try validatePositive(threads, option: "--threads")
    }

    /// `--threads`, or the number of active cores: what the kernel is given and the report says,
    /// so that the report never says "default".
    public var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
