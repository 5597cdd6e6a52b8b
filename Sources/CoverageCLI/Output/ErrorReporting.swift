import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// Prints `message` on standard error, prefixed `error:`.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// Prints on standard error how many warnings the loaded layers have, by code, and the worst
/// (two lines; nothing when there is none), so that no command rests on flawed layers unsaid.
func printLayerWarnings(_ report: ValidationReport) {
    guard let worst = report.worstWarning else { return }
    let counts = report.counts(.warning).sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }
    let lines = [
        "Layers: \(TextFormatting.counted(report.warnings.count, "warning")) (\(counts.joined(separator: ", "))); "
            + "coverage layers validate lists them.",
        "  worst: " + worst.description.dropFirst("warning: ".count),
    ]
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
}

/// Runs a command body, turning CoverageCore and GeometryKit errors into a plain message on
/// standard error and the matching exit code (never a stack trace, never a crash).
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let usage as ValidationError {
        throw usage  // a command-line mistake: ArgumentParser prints it with the usage, exit 64
    } catch {
        printError("\(error)")
        throw ExitCode(ExitStatus.code(for: error))
    }
}
