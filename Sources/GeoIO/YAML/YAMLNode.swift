/// A node of a YAML document as a plain value, with where it stands in the file: what the
/// readers of standards, mapping and scenario files see instead of the parser's own types.
///
/// Scalars keep their text and the number or boolean it resolves to under YAML's core schema (as
/// Yams resolves it), so that `5`, `5.0` and `"5"` read as the file means them. `Sendable`.
public struct YAMLNode: Sendable, CustomStringConvertible {
    /// What the node holds.
    public enum Content: Sendable {
        /// A scalar's text.
        case scalar(String)
        /// A list.
        case sequence([YAMLNode])
        /// Key–value pairs in document order.
        case mapping(YAMLMapping)
    }

    /// What the node holds.
    public let content: Content
    /// The node's line and column in the file, 1-based, when the parser gave them.
    public let line: Int?
    public let column: Int?
    /// The scalar as an integer, when it is one.
    public let int: Int?
    /// The scalar as a number (integers included), when it is one.
    public let float: Double?
    /// The scalar as a boolean (`true`, `false`, `yes`, `no`, …), when it is one.
    public let bool: Bool?

    /// A node; `int`, `float` and `bool` are the scalar's resolved values.
    public init(_ content: Content, line: Int? = nil, column: Int? = nil, int: Int? = nil, float: Double? = nil, bool: Bool? = nil) {
        self.content = content
        self.line = line
        self.column = column
        self.int = int
        self.float = float
        self.bool = bool
    }

    /// The scalar's text, nil for a list or a mapping.
    public var string: String? {
        if case .scalar(let text) = content { return text }
        return nil
    }

    /// True for a scalar.
    public var isScalar: Bool { string != nil }

    /// The list, nil for a scalar or a mapping.
    public var sequence: [YAMLNode]? {
        if case .sequence(let nodes) = content { return nodes }
        return nil
    }

    /// The mapping, nil for a scalar or a list.
    public var mapping: YAMLMapping? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The scalar's text, or `a list` / `a mapping`: how messages name what they found.
    public var description: String {
        switch content {
        case .scalar(let text): text
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// The key–value pairs of a YAML mapping, in document order.
public struct YAMLMapping: Sendable, Sequence {
    /// The pairs, in document order.
    public let pairs: [(key: YAMLNode, value: YAMLNode)]

    /// A mapping of `pairs`.
    public init(_ pairs: [(key: YAMLNode, value: YAMLNode)]) {
        self.pairs = pairs
    }

    /// The number of pairs.
    public var count: Int { pairs.count }

    /// The first pair, nil for an empty mapping.
    public var first: (key: YAMLNode, value: YAMLNode)? { pairs.first }

    /// The value of the first key whose text is `key`.
    public subscript(key: String) -> YAMLNode? {
        pairs.first { $0.key.string == key }?.value
    }

    public func makeIterator() -> IndexingIterator<[(key: YAMLNode, value: YAMLNode)]> {
        pairs.makeIterator()
    }
}
