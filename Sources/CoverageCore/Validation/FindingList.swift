import Foundation
import GeoIO

/// The findings of a report as lines for a reader: errors first, then warnings, each in the
/// order found. A cascade — one cause over many records: the same severity, code, file and field
/// — shows its first ``cascadeLimit`` findings, then one line counting the rest (`… and 15,071
/// more like it (missing_population in villages.csv, field population)`), so that one mistake (a mapping naming no field, a column of names where
/// codes belong) reads as one, not as one line per record. The report itself keeps every finding
/// (`coverage layers validate --json` lists them all).
public struct FindingList: Sendable {
    /// How many findings of one cascade are shown.
    public static let cascadeLimit = 20

    /// One line per finding shown, and one per cascade cut short.
    public let lines: [String]

    public init(_ report: ValidationReport, limit: Int = cascadeLimit) {
        let ordered = report.findings.filter { $0.severity == .error } + report.findings.filter { $0.severity == .warning }
        let sizes = ordered.reduce(into: [Cascade: Int]()) { $0[Cascade($1), default: 0] += 1 }
        var shown: [Cascade: Int] = [:]
        var lines: [String] = []
        for finding in ordered {
            let cascade = Cascade(finding)
            let position = shown[cascade, default: 0]
            shown[cascade] = position + 1
            guard position < limit else { continue }
            lines.append(finding.description)
            let size = sizes[cascade] ?? 0
            if position == limit - 1 && size > limit {
                let field = finding.detail.field.map { ", field \($0)" } ?? ""
                lines.append("… and \((size - limit).grouped) more like it (\(finding.code) in \(finding.detail.file)\(field))")
            }
        }
        self.lines = lines
    }

    /// What makes findings one cascade. Indices in the field (`geometry.coordinates[3]`) are left
    /// out: the same mistake at another position is the same cause.
    private struct Cascade: Hashable {
        let severity: Finding.Severity
        let code: String
        let file: String
        let field: String?

        init(_ finding: Finding) {
            severity = finding.severity
            code = finding.code
            file = finding.detail.file
            field = finding.detail.field?.replacingOccurrences(of: #"\[[0-9]+\]"#, with: "[]", options: .regularExpression)
        }
    }
}
