import Foundation
import Yams

/// Reads a YAML file (mapping files, standards files) into its node tree, with located errors.
enum YAMLDocument {
    /// The root node of the file at `path` (nil for an empty document).
    /// - Throws: ``InputError`` when the file cannot be read (`.unreadable`), or when it is not
    ///   valid YAML (with the line and column Yams reports).
    static func read(path: String) throws -> Node? {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError(file: path, reason: "cannot be read: \((error as NSError).localizedDescription)", category: .unreadable)
        }
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw inputError(error, file: path)
        }
    }

    /// Yams's parse error as a located ``InputError``.
    private static func inputError(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let reason = "not valid YAML: " + problem + (context.map { " \($0.text)" } ?? "")
            return InputError(file: file, location: .position(line: mark.line, column: mark.column), reason: reason)
        default:
            return InputError(file: file, reason: "not valid YAML: \(error)")
        }
    }
}
