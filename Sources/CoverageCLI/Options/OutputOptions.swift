import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// Where a command writes its files.
struct OutputOptions: ParsableArguments {
    @Option(help: "Folder to write the outputs to (created if missing; files are replaced atomically).")
    var out: String = "coverage-output"

    @OptionGroup var csv: CSVOption

    /// The output folder, created if missing; a clear error when it cannot be.
    func directory() throws -> URL { try Self.directory(out) }

    /// The folder at `out`, created if missing; a clear error when it cannot be.
    static func directory(_ out: String) throws -> URL {
        let url = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw OutputError(file: out, reason: "the output folder cannot be created: \((error as NSError).localizedDescription)")
        }
        return url
    }
}
