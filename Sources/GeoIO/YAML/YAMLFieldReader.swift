/// Reads typed values out of a YAML node tree (standards files, scenario files), every problem an
/// ``InputError`` at the line and column of the offending node.
public struct YAMLFieldReader: Sendable {
    /// The file the nodes come from, as named in messages.
    public let file: String

    /// A reader of the nodes of `file`.
    public init(file: String) {
        self.file = file
    }

    /// An ``InputError`` at `node`'s line and column (the file as a whole when there is no node).
    public func problem(_ node: YAMLNode?, _ reason: String, suggestion: String? = nil) -> InputError {
        let location: InputError.Location = node.flatMap { node in node.line.map { .position(line: $0, column: node.column ?? 0) } } ?? .file
        return InputError(file: file, location: location, reason: reason, suggestion: suggestion)
    }

    /// Throws for the first key of `mapping` not in `allowed`, suggesting the closest.
    public func onlyKeys(_ mapping: YAMLMapping, _ allowed: [String]) throws {
        for (key, _) in mapping where !allowed.contains(key.string ?? "") {
            throw problem(
                key, "unknown key \"\(key.string ?? "")\" (expected \(allowed.joined(separator: ", ")))",
                suggestion: ClosestName.suggestion(for: key.string ?? "", among: allowed).map { "did you mean \($0)?" })
        }
    }

    /// A finite number > 0.
    public func positive(_ node: YAMLNode, _ what: String) throws -> Double {
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite, value > 0 else {
            throw problem(node, "\(what) must be a number > 0, found \(node)")
        }
        return value
    }

    /// A whole number > 0.
    public func positiveWhole(_ node: YAMLNode, _ what: String) throws -> Int {
        guard let value = node.int, value > 0 else {
            throw problem(node, "\(what) must be a whole number > 0, found \(node)")
        }
        return value
    }

    /// A non-empty scalar (a number is taken as its text: village codes are often written bare),
    /// at most ``FieldLimits/maximumTextCharacters`` long.
    public func text(_ node: YAMLNode, _ what: String) throws -> String {
        guard node.isScalar, let value = node.string?.trimmingBlanks, !value.isEmpty else {
            throw problem(node, "\(what) must be a text, found \(node.isScalar ? "nothing" : node.description)")
        }
        if let tooLong = FieldLimits.problem(text: value) { throw problem(node, "\(what) is \(tooLong)") }
        return value
    }

    /// One value or a list of them (at most ``FieldLimits/maximumListEntries``).
    public func list<Value>(_ node: YAMLNode, _ read: (YAMLNode) throws -> Value) throws -> [Value] {
        if let sequence = node.sequence {
            if let tooLong = FieldLimits.problem(listCount: sequence.count) { throw problem(node, tooLong) }
            return try sequence.map(read)
        }
        return [try read(node)]
    }

    public func mapping(_ node: YAMLNode, _ what: String) throws -> YAMLMapping {
        guard let mapping = node.mapping else { throw problem(node, "\(what) must be a mapping") }
        return mapping
    }
}
