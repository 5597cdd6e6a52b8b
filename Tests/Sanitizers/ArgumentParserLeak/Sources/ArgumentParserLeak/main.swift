// swift-argument-parser 1.8.2 leaks 48 bytes (the path array of the option's InputKey) when an
// option declared in an option group is given a value it cannot parse:
//
//   swift build --sanitize=address && .build/debug/ArgumentParserLeak --threads x
//
// prints "Error: The value 'x' is invalid for '--threads <threads>'", then LeakSanitizer's report,
// and exits 1 instead of 64. `--threads 2` does not leak, nor does `--threads x` when the option
// is declared on the command itself rather than in an @OptionGroup.
import ArgumentParser

struct Threads: ParsableArguments {
    @Option var threads: Int?
}

struct Leak: ParsableCommand {
    @OptionGroup var options: Threads
}

Leak.main()
