import Yams

/// Reads typed values out of a YAML node tree (standards files, scenario files), every problem an
/// ``InputError`` at the line and column of the offending node.
struct YAMLFieldReader {
    let file: String

    func problem(_ node: Node?, _ reason: String, suggestion: String? = nil) -> InputError {
        let location: InputError.Location = node?.mark.map { .position(line: $0.line, column: $0.column) } ?? .file
        return InputError(file: file, location: location, reason: reason, suggestion: suggestion)
    }

    /// Throws for the first key of `mapping` not in `allowed`, suggesting the closest.
    func onlyKeys(_ mapping: Node.Mapping, _ allowed: [String]) throws {
        for (key, _) in mapping where !allowed.contains(key.string ?? "") {
            throw problem(key, "unknown key \"\(key.string ?? "")\" (expected \(allowed.joined(separator: ", ")))",
                          suggestion: ClosestName.suggestion(for: key.string ?? "", among: allowed).map { "did you mean \($0)?" })
        }
    }

    /// A finite number > 0.
    func positive(_ node: Node, _ what: String) throws -> Double {
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite, value > 0 else {
            throw problem(node, "\(what) must be a number > 0, found \(node.string ?? "a \(node)")")
        }
        return value
    }

    /// A whole number > 0.
    func positiveWhole(_ node: Node, _ what: String) throws -> Int {
        guard let value = node.int, value > 0 else {
            throw problem(node, "\(what) must be a whole number > 0, found \(node.string ?? "a \(node)")")
        }
        return value
    }

    /// A non-empty scalar (a number is taken as its text: village codes are often written bare).
    func text(_ node: Node, _ what: String) throws -> String {
        guard node.scalar != nil, let value = node.string?.trimmingBlanks, !value.isEmpty else {
            throw problem(node, "\(what) must be a text, found \(node.scalar == nil ? "a \(node.sequence != nil ? "list" : "mapping")" : "nothing")")
        }
        return value
    }

    /// One value or a list of them.
    func list<Value>(_ node: Node, _ read: (Node) throws -> Value) throws -> [Value] {
        if let sequence = node.sequence { return try sequence.map(read) }
        return [try read(node)]
    }

    func mapping(_ node: Node, _ what: String) throws -> Node.Mapping {
        guard let mapping = node.mapping else { throw problem(node, "\(what) must be a mapping") }
        return mapping
    }
}
