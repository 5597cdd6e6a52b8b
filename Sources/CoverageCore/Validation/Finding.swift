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
    /// How far off the record is, in the unit of its code (metres for a point's distance, the
    /// factor for populations that disagree), nil when the finding has no measure: it ranks the
    /// findings of one code (see ``ValidationReport/worstWarning``).
    public let magnitude: Double?

    public init(_ severity: Severity, _ code: String, recordId: String? = nil, magnitude: Double? = nil, _ detail: InputError) {
        self.severity = severity
        self.code = code
        self.recordId = recordId
        self.magnitude = magnitude
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
    /// The checks that were not run, and why: the villages and facilities are not checked against
    /// an admin layer with errors (they would be blamed for what it lacks), so fixing it may
    /// bring more findings.
    public internal(set) var skippedChecks: [String] = []

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

    mutating func error(_ code: String, recordId: String? = nil, magnitude: Double? = nil, _ detail: InputError) {
        findings.append(Finding(.error, code, recordId: recordId, magnitude: magnitude, detail))
    }

    mutating func warning(_ code: String, recordId: String? = nil, magnitude: Double? = nil, _ detail: InputError) {
        findings.append(Finding(.warning, code, recordId: recordId, magnitude: magnitude, detail))
    }

    /// How many findings of `severity` each code has.
    public func counts(_ severity: Finding.Severity) -> [String: Int] {
        findings.filter { $0.severity == severity }.reduce(into: [:]) { $0[$1.code, default: 0] += 1 }
    }

    /// Warning codes by how much they can change a figure, worst first: populations that
    /// disagree with the districts' change every count of people; a point in another district
    /// than its record says, or placed by the tolerance, changes a district's figures; a repaired
    /// polygon changes areas; the rest change labels or rest on stated assumptions.
    static let warningCodesWorstFirst = [
        "population_mismatch", "outside_stated_district", "outside_all_districts", "repaired_polygon", "province_mismatch",
        "services_assumed", "subtype_ignored", "missing_name",
    ]

    /// The warning that matters most: the worst code of ``warningCodesWorstFirst`` (codes not
    /// listed come after, by name), and among its findings the largest ``Finding/magnitude``, else
    /// the first; nil when there is no warning.
    public var worstWarning: Finding? {
        func rank(_ code: String) -> Int { Self.warningCodesWorstFirst.firstIndex(of: code) ?? Self.warningCodesWorstFirst.count }
        return warnings.enumerated().min { a, b in
            let (x, y) = (a.element, b.element)
            if rank(x.code) != rank(y.code) { return rank(x.code) < rank(y.code) }
            if x.code != y.code { return x.code < y.code }
            let (mx, my) = (x.magnitude ?? -.infinity, y.magnitude ?? -.infinity)
            return mx != my ? mx > my : a.offset < b.offset
        }?.element
    }
}

/// Thrown when validation finds errors: the load stops, and the report lists every finding
/// (errors and warnings), not only the first.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public let report: ValidationReport

    /// The errors, a cascade (one cause over many records) cut to its first records and a count
    /// of the rest (see ``FindingList``).
    public var description: String {
        let errors = ValidationReport(findings: report.errors)
        let lines = ["the input layers have \(errors.findings.count.grouped) error\(errors.findings.count == 1 ? "" : "s"):"]
        let skipped = report.skippedChecks.map { "  Not checked: \($0)." }
        return (lines + FindingList(errors).lines.map { "  \($0)" } + skipped).joined(separator: "\n")
    }
}
