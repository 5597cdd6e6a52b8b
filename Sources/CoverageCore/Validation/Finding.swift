import GeoIO

/// One thing validation found in the input layers: an error (the load stops) or a warning (the
/// load goes on and the warning is listed), located like an ``InputError``.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public let severity: Severity
    /// A stable name for the kind of finding (`duplicate_id`, `village_outside_district`, …),
    /// for scripts that filter findings.
    public let code: String
    /// The record's identifier (village code, facility id, P-code) when it has one.
    public let recordId: String?
    /// File, location, field, reason and suggestion.
    public let detail: InputError

    public init(_ severity: Severity, _ code: String, recordId: String? = nil, _ detail: InputError) {
        self.severity = severity
        self.code = code
        self.recordId = recordId
        self.detail = detail
    }

    public var description: String {
        var text = "\(severity.rawValue): \(detail.place)"
        if let recordId { text += " (\(recordId))" }
        if let field = detail.field { text += ": field \(field)" }
        text += ": \(detail.reason)"
        if let suggestion = detail.suggestion { text += " (\(suggestion))" }
        return text
    }
}

/// The findings of loading and validating a set of layers.
public struct ValidationReport: Sendable {
    public internal(set) var findings: [Finding] = []

    public init(findings: [Finding] = []) {
        self.findings = findings
    }

    public var errors: [Finding] { findings.filter { $0.severity == .error } }
    public var warnings: [Finding] { findings.filter { $0.severity == .warning } }
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    mutating func add(_ finding: Finding) { findings.append(finding) }

    /// The findings ordered by file and place in the file (stable for equal places), as a reader
    /// of the file meets them.
    func sortedByLocation() -> ValidationReport {
        func key(_ location: InputError.Location) -> (Int, Int) {
            switch location {
            case .file: (0, 0)
            case .position(let line, let column): (line, column)
            case .feature(let index): (index, 0)
            case .line(let line): (line, 0)
            }
        }
        let ordered = findings.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element.detail.location), key(b.element.detail.location))
            if a.element.detail.file != b.element.detail.file { return a.offset < b.offset }
            return ka != kb ? ka < kb : a.offset < b.offset
        }
        return ValidationReport(findings: ordered.map(\.element))
    }
    mutating func add(contentsOf other: ValidationReport) { findings += other.findings }

    mutating func error(_ code: String, recordId: String? = nil, _ detail: InputError) {
        findings.append(Finding(.error, code, recordId: recordId, detail))
    }

    mutating func warning(_ code: String, recordId: String? = nil, _ detail: InputError) {
        findings.append(Finding(.warning, code, recordId: recordId, detail))
    }
}

/// Thrown when validation finds errors: the load stops, and the report lists every finding
/// (errors and warnings), not only the first.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public let report: ValidationReport

    public var description: String {
        let errors = report.errors
        var lines = ["the input layers have \(errors.count) error\(errors.count == 1 ? "" : "s"):"]
        lines += errors.prefix(50).map { "  \($0)" }
        if errors.count > 50 { lines.append("  … and \(errors.count - 50) more (coverage layers validate lists all)") }
        return lines.joined(separator: "\n")
    }
}
