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

    /// The most values a document may hold: twice its size in bytes, and at least 100,000. A
    /// document without aliases holds fewer values than bytes; one whose aliases repeat anchored
    /// values inside other anchored values (`b: &b [*a, *a, …]`, `c: &c [*b, *b, …]`, …) would
    /// otherwise expand exponentially and hang the command ("billion laughs").
    package static func valueLimit(byteCount: Int) -> Int { Swift.max(100_000, 2 * byteCount) }

    /// The root node of a file already read (nil for an empty document).
    /// - Throws: ``InputError`` when it is not valid YAML, or when its aliases expand it beyond ``valueLimit(byteCount:)``.
    public static func read(_ file: InputFile) throws -> YAMLNode? {
        try read(file, valueLimit: valueLimit(byteCount: file.bytes.count))
    }

    /// ``read(_:)`` with the value limit given.
    package static func read(_ file: InputFile, valueLimit limit: Int) throws -> YAMLNode? {
        let text = String(decoding: file.bytes, as: UTF8.self)
        if let key = complexKey(in: text) {
            throw InputError(
                file: file.path, location: .position(line: key.line, column: key.column),
                reason: "a mapping key that is not a plain name (an explicit `? ` key or an alias *name as a key); the keys of these files are names")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw inputError(error, file: file.path)
        }
        // Yams shares an anchored node among its aliases; the values built here repeat it each time.
        var conversion = Conversion(file: file.path, limit: limit)
        return try root.map { try conversion.value($0) }
    }

    /// Where the text has an explicit key indicator (`? `) or an alias as a key (`*name :`), outside
    /// quotes and comments, 1-based; nil when none. Yams checks a mapping's keys for duplicates by
    /// hashing each whole, aliases expanded, before the value limit can count them: a key that
    /// aliases nested anchored lists (`? *h`) took 15 s for 511 bytes (fuzzing). The files read
    /// here have names as keys, so such a key is refused before Yams composes the document.
    static func complexKey(in text: String) -> (line: Int, column: Int)? {
        // Inside [ ] or { } (flow context) a `?` where a token starts is a key indicator whatever
        // follows it, as libyaml scans it: `[*g, ?*h]` is a mapping keyed by the alias (fuzzing found
        // 509 bytes of nested anchored lists that ran for minutes so). Brackets are counted across
        // lines, outside quotes and comments.
        var flowDepth = 0
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let characters = Array(line)
            var quote: Character?
            var previous: Character = " "  // what precedes a token: line start, space, [ { , -
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "#", previous == " " || previous == "\t" {
                    break
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "?", " \t[{,-".contains(previous),
                    flowDepth > 0 || index + 1 == characters.count || " \t".contains(characters[index + 1])
                {
                    return (lineIndex + 1, index + 1)
                } else if character == "*", " \t[{,-?:".contains(previous) {
                    var end = index + 1
                    while end < characters.count, !" \t,[]{}".contains(characters[end]) { end += 1 }
                    while end < characters.count, " \t".contains(characters[end]) { end += 1 }
                    if end < characters.count, characters[end] == ":", end + 1 == characters.count || " \t".contains(characters[end + 1]) {
                        return (lineIndex + 1, index + 1)
                    }
                }
                if quote == nil {
                    if character == "[" || character == "{" { flowDepth += 1 }
                    if character == "]" || character == "}" { flowDepth = max(0, flowDepth - 1) }
                }
                previous = character
                index += 1
            }
        }
        return nil
    }

    /// Yams's nodes turned into ``YAMLNode``s, counted against the document's value limit.
    private struct Conversion {
        let file: String
        let limit: Int
        var count = 0
        /// What each distinct scalar reads as. Yams's readings of a scalar (as a number, a
        /// boolean) cost tens of microseconds each; an alias repeats the same scalars thousands of
        /// times, and reading each once keeps a document within the value limit fast (fuzzing found
        /// 600 bytes that took over 10 s in the debug build).
        var readings: [ScalarKey: (int: Int?, float: Double?, bool: Bool?)] = [:]

        struct ScalarKey: Hashable {
            let string: String
            let tag: String
            let style: UInt32
        }

        mutating func value(_ node: Node) throws -> YAMLNode {
            count += 1
            guard count <= limit else {
                throw InputError(
                    file: file, location: node.mark.map { .position(line: $0.line, column: $0.column) } ?? .file,
                    reason: "its aliases (*name) repeat anchored values (&name) into more than \(limit.grouped) values, "
                        + "the most this document may hold (the value here is one of those repeated)",
                    suggestion: "write the values out, or use fewer aliases inside anchored values")
            }
            let content: YAMLNode.Content
            switch node {
            case .scalar(let scalar): content = .scalar(scalar.string)
            case .sequence(let sequence): content = .sequence(try sequence.map { try value($0) })
            case .mapping(let mapping): content = .mapping(YAMLMapping(try mapping.map { (key: try value($0.key), value: try value($0.value)) }))
            case .alias(let alias): content = .scalar(alias.anchor.rawValue)
            }
            let reading = reading(of: node)
            return YAMLNode(content, line: node.mark?.line, column: node.mark?.column, int: reading.int, float: reading.float, bool: reading.bool)
        }

        private mutating func reading(of node: Node) -> (int: Int?, float: Double?, bool: Bool?) {
            guard case .scalar(let scalar) = node else { return (nil, nil, nil) }
            let key = ScalarKey(string: scalar.string, tag: scalar.tag.description, style: scalar.style.rawValue)
            if let known = readings[key] { return known }
            let reading = (int: node.int, float: node.float, bool: node.bool)
            readings[key] = reading
            return reading
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
