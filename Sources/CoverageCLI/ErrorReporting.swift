import ArgumentParser
import CoverageCore
import Foundation
import GeometryKit

/// The exit codes of `coverage`, in one place (values from BSD sysexits.h).
enum ExitStatus {
    /// The command line was wrong (ArgumentParser also uses 64 for its validation errors).
    static let usage: Int32 = 64
    /// An input file is malformed or its data is wrong.
    static let dataError: Int32 = 65
    /// An input file is missing or unreadable.
    static let noInput: Int32 = 66
    /// GEOS or PROJ failed: a bug or a limit of the geometry libraries.
    static let software: Int32 = 70
    /// An output could not be written.
    static let cannotCreate: Int32 = 73

    /// The exit code for an error thrown by CoverageCore or GeometryKit.
    static func code(for error: Error) -> Int32 {
        switch error {
        case let input as InputError where input.category == .unreadable: noInput
        case is InputError, is ValidationFailure, is MappingError: dataError
        case is OutputError: cannotCreate
        case is GeometryError: software
        default: software
        }
    }
}

/// Prints `message` on standard error, prefixed `error:`.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
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
