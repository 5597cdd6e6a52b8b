import Yams

/// Reads YAML (mapping files, standards files, scenario files) into ``YAMLNode`` values, with
/// located errors. Yams parses; nothing of Yams leaves this file.
public enum YAMLDocument {
    /// The root node of the file at `path` (nil for an empty document).
    /// - Throws: ``InputError`` when the file cannot be read (`.unreadable`), or when it is not
    ///   valid YAML (with the line and column Yams reports).
    public static func read(path: String) throws -> YAMLNode? {
        try read(InputFile.read(path: path))
    }

    /// The root node of a file already read (nil for an empty document).
    public static func read(_ file: InputFile) throws -> YAMLNode? {
        let text = String(decoding: file.bytes, as: UTF8.self)
        do {
            return try Yams.compose(yaml: text).map(value)
        } catch let error as YamlError {
            throw inputError(error, file: file.path)
        }
    }

    private static func value(_ node: Node) -> YAMLNode {
        let content: YAMLNode.Content
        switch node {
        case .scalar(let scalar): content = .scalar(scalar.string)
        case .sequence(let sequence): content = .sequence(sequence.map(value))
        case .mapping(let mapping): content = .mapping(YAMLMapping(mapping.map { (key: value($0.key), value: value($0.value)) }))
        case .alias(let alias): content = .scalar(alias.anchor.rawValue)
        }
        return YAMLNode(content, line: node.mark?.line, column: node.mark?.column, int: node.int, float: node.float, bool: node.bool)
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
