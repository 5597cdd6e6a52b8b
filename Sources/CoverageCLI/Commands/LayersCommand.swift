import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage layers summary|validate`: what the input layers hold, and what is wrong with them.
struct LayersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "Summarise and validate the input layers (provinces, districts, villages, facilities).",
        subcommands: [LayersSummaryCommand.self, LayersValidateCommand.self]
    )
}

/// `coverage layers summary [--region R]`.
struct LayersSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Counts, population and facilities by tier, per province.",
        discussion: "Loads and validates the layers first: errors stop it (exit 65, every error listed); warnings are counted on standard error."
    )

    @OptionGroup var layers: LayerOptions

    @Option(
        help:
            "Region to summarise: an id from the regions file (national, north, bolikhamxay-khammouane, …), a province or district P-code or name (LA12, Khammouan, Pakxan), or a comma list of them (LA11,Khammouane)."
    )
    var region = "national"

    @Flag(help: "Write JSON for scripts instead of the table.")
    var json = false

    func run() throws {
        try reportingErrors {
            let set = try layers.load()
            let chosen = try set.region(option: region)
            let summary = LayerSummary(set, region: chosen)
            if json {
                print(try JSONText.encode(summary))
            } else {
                print(Self.table(summary))
            }
        }
    }

    static func table(_ summary: LayerSummary) -> String {
        let tiers = FacilityTier.allCases
        // A region a planner made of districts has a row per district beyond its whole provinces.
        let wholeProvinces = summary.region.provincePcodes.count
        let districtRows = summary.provinces.count - summary.provinces.filter { summary.region.holdsWhole(province: $0.pcode) }.count
        let header = [
            districtRows > 0 ? "zone" : "province", "name", "districts", "villages", "population", "LSB districts", "", "HC", "DH", "PH", "CH", "facilities",
        ]
        func cells(_ row: LayerSummary.Row) -> [String] {
            let lsb = row.districtPopulation.map(\.grouped) ?? "—"
            let agrees = row.districtPopulation.map { $0 == row.villagePopulation ? "=" : "≠" } ?? ""
            return [
                row.pcode, row.name, row.districts.grouped, row.villages.grouped,
                row.villagePopulation.grouped, lsb, agrees,
            ]
                + tiers.map { (row.facilitiesByTier[$0.rawValue] ?? 0).grouped }
                + [row.facilities.grouped]
        }
        var parts = wholeProvinces > 0 || districtRows == 0 ? [TextFormatting.counted(wholeProvinces, "province")] : []
        if districtRows > 0 { parts.append(TextFormatting.counted(districtRows, "district")) }
        var lines = ["\(summary.region.name) (\(summary.region.id)): " + parts.joined(separator: " and ")]
        lines.append(
            TextFormatting.columns(
                [header] + summary.provinces.map(cells) + [cells(summary.total)],
                rightAligned: Set(2..<header.count), ruleBeforeLast: true))
        lines.append("population: the villages' sum; LSB districts: the districts' own figure (= when they agree).")
        lines.append("HC health centres, DH district hospitals, PH provincial hospitals, CH central hospitals.")
        if summary.populationEstimated {
            lines.append("Village populations are estimates (each district's LSB figure shared among its villages).")
        }
        return lines.joined(separator: "\n")
    }
}

/// `coverage layers validate`: every finding, errors and warnings.
struct LayersValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "List every problem of the input layers, errors and warnings, with file, record and field.",
        discussion: """
            Errors first. A cascade (the same code and field over many records of a file) shows its first \(FindingList.cascadeLimit) \
            and counts the rest; --json lists every finding. Exits 0 when there are only warnings, 65 when there is an error.
            """
    )

    @OptionGroup var layers: LayerOptions

    @Flag(help: "Write JSON for scripts instead of the list.")
    var json = false

    func run() throws {
        try reportingErrors {
            let report = try LayerSet.validate(layers.sources())
            if json {
                print(try JSONText.encode(ValidationReportDocument(report)))
            } else {
                print(Self.text(report))
            }
            if report.hasErrors { throw ExitCode(ExitStatus.dataError) }
        }
    }

    static func text(_ report: ValidationReport) -> String {
        var lines = FindingList(report).lines + report.skippedChecks.map { "Not checked: \($0)." }
        let counts = Dictionary(grouping: report.findings, by: \.code).map { "\($0.key) \($0.value.count)" }.sorted()
        lines.append(
            "\(TextFormatting.counted(report.errors.count, "error")), \(TextFormatting.counted(report.warnings.count, "warning"))"
                + (counts.isEmpty ? "" : " (" + counts.joined(separator: ", ") + ")"))
        return lines.joined(separator: "\n")
    }
}

/// The `--json` document of `coverage layers validate`.
struct ValidationReportDocument: Encodable {
    struct Entry: Encodable {
        let severity: String
        let code: String
        let file: String
        @NullWhenAbsent var line: Int?
        @NullWhenAbsent var column: Int?
        @NullWhenAbsent var featureIndex: Int?
        @NullWhenAbsent var recordId: String?
        @NullWhenAbsent var field: String?
        let message: String
        @NullWhenAbsent var suggestion: String?
    }

    let errors: Int
    let warnings: Int
    let findings: [Entry]
    let skippedChecks: [String]

    init(_ report: ValidationReport) {
        errors = report.errors.count
        warnings = report.warnings.count
        skippedChecks = report.skippedChecks
        findings = report.findings.map { finding in
            let detail = finding.detail
            var line: Int?, column: Int?, feature: Int?
            switch detail.location {
            case .position(let l, let c):
                line = l
                column = c
            case .line(let l): line = l
            case .feature(let index): feature = index
            case .file: break
            }
            return Entry(
                severity: finding.severity.rawValue, code: finding.code, file: detail.file, line: line, column: column,
                featureIndex: feature, recordId: finding.recordId, field: detail.field, message: detail.reason,
                suggestion: detail.suggestion)
        }
    }
}
