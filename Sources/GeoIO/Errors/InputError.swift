/// Bad input: which file, where in it, which field, and what was expected.
///
/// Every loader in CoverageCore reports problems with the data as `InputError`s, so that a
/// planner sees `villages.csv: line 12: field population: expected a whole number ≥ 0, found "n/a"`
/// rather than a crash or a silently wrong answer.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the file the problem is.
    public enum Location: Sendable, Equatable {
        /// The file as a whole (missing, unreadable, wrong kind of document).
        case file
        /// A line and column of the text (JSON syntax errors), both 1-based.
        case position(line: Int, column: Int)
        /// A feature of a GeoJSON layer, 0-based as in `features[i]`.
        case feature(Int)
        /// A line of a CSV file, 1-based, the header being line 1.
        case line(Int)
    }

    /// Whether the input could not be read at all, or was read and found wrong.
    public enum Category: String, Sendable, Equatable {
        /// The file is missing, a directory, or unreadable.
        case unreadable
        /// The file was read and its content is wrong.
        case invalid
    }

    public let file: String
    public let category: Category
    public let location: Location
    /// The key path of the offending value (`geometry.coordinates[0][3]`), when there is one.
    public let field: String?
    /// What is wrong and what was expected.
    public let reason: String
    /// A hint at the fix, when one is known ("did you mean health_centre?").
    public let suggestion: String?

    public init(
        file: String, location: Location = .file, field: String? = nil, reason: String, suggestion: String? = nil,
        category: Category = .invalid
    ) {
        self.file = file
        self.category = category
        self.location = location
        self.field = field
        self.reason = reason
        self.suggestion = suggestion
    }

    /// The place part of the message: `file:line:column`, `file: feature 3`, `file: line 12`.
    public var place: String {
        switch location {
        case .file: file
        case .position(let line, let column): "\(file):\(line):\(column)"
        case .feature(let index): "\(file): feature \(index)"
        case .line(let line): "\(file): line \(line)"
        }
    }

    public var description: String {
        var text = place
        if let field { text += ": field \(field)" }
        text += ": \(reason)"
        if let suggestion { text += " (\(suggestion))" }
        return text
    }
}
