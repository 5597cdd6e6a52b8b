import GeoIO
import Testing

@testable import CoverageCore

/// How findings are listed: errors first, a cascade (same severity, code, file and field) cut to
/// its first twenty and a count of the rest; and which warning is the worst.
@Suite struct FindingListTests {
    private func finding(
        _ severity: Finding.Severity, _ code: String, file: String = "villages.geojson", feature: Int, field: String? = "population",
        magnitude: Double? = nil
    ) -> Finding {
        Finding(
            severity, code, recordId: "v\(feature)", magnitude: magnitude,
            InputError(file: file, location: .feature(feature), field: field, reason: "\(code) \(feature)"))
    }

    @Test func aCascadeShowsTwentyAndCountsTheRest() {
        let report = ValidationReport(findings: (0..<25).map { finding(.error, "missing_population", feature: $0) })
        let lines = FindingList(report).lines
        #expect(lines.count == 21)
        #expect(lines[0] == "error: villages.geojson: feature 0 (v0): field population: missing_population 0")
        #expect(lines[19] == "error: villages.geojson: feature 19 (v19): field population: missing_population 19")
        #expect(lines[20] == "… and 5 more like it (missing_population in villages.geojson, field population)")
    }

    @Test func twentyAreAllShownWithoutACount() {
        let report = ValidationReport(findings: (0..<20).map { finding(.error, "missing_population", feature: $0) })
        let lines = FindingList(report).lines
        #expect(lines.count == 20)
        #expect(!lines.contains { $0.hasPrefix("…") })
    }

    @Test func eachCauseIsItsOwnCascadeAndErrorsComeFirst() {
        // Interleaved as a loader finds them: per record a population error, a warning, and for
        // every other record an error about another field; and one cascade in another file.
        var findings: [Finding] = []
        for index in 0..<30 {
            findings.append(finding(.warning, "missing_name", feature: index, field: "name"))
            findings.append(finding(.error, "invalid_population", feature: index))
            if index % 2 == 0 { findings.append(finding(.error, "invalid_population", feature: index, field: "under5")) }
            findings.append(finding(.error, "invalid_population", file: "other.geojson", feature: index))
        }
        let lines = FindingList(ValidationReport(findings: findings)).lines
        // Errors: 20 + 1 of population, 15 of under5 (no count), 20 + 1 of the other file; then 20 + 1 warnings.
        #expect(lines.count == 21 + 15 + 21 + 21)
        #expect(
            lines.filter { $0.hasPrefix("… and") } == [
                "… and 10 more like it (invalid_population in villages.geojson, field population)",
                "… and 10 more like it (invalid_population in other.geojson, field population)",
                "… and 10 more like it (missing_name in villages.geojson, field name)",
            ])
        let firstWarning = lines.firstIndex { $0.hasPrefix("warning: ") } ?? 0
        #expect(lines[..<firstWarning].allSatisfy { $0.hasPrefix("error: ") || $0.hasPrefix("… and") })
        #expect(lines[firstWarning...].allSatisfy { $0.hasPrefix("warning: ") || $0.hasPrefix("… and") })
        // The count follows the twentieth of its cascade.
        let population = lines.firstIndex(of: "… and 10 more like it (invalid_population in villages.geojson, field population)") ?? 0
        #expect(lines[population - 1] == "error: villages.geojson: feature 19 (v19): field population: invalid_population 19")
    }

    @Test func positionsInTheFieldDoNotSplitACascade() {
        let findings = (0..<22).map { finding(.error, "malformed_geometry", feature: $0, field: "geometry.coordinates[\($0 % 3)]") }
        let lines = FindingList(ValidationReport(findings: findings)).lines
        #expect(lines.count == 21)
        #expect(lines.last == "… and 2 more like it (malformed_geometry in villages.geojson, field geometry.coordinates[1])")
    }

    @Test func theLimitCanBeChosen() {
        let report = ValidationReport(findings: (0..<5).map { finding(.error, "missing_population", feature: $0) })
        #expect(FindingList(report, limit: 2).lines.count == 3)
        #expect(FindingList(report, limit: 2).lines.last == "… and 3 more like it (missing_population in villages.geojson, field population)")
    }

    @Test func theFailureListsCascadesTheSameWay() {
        let failure = ValidationFailure(report: ValidationReport(findings: (0..<40).map { finding(.error, "missing_population", feature: $0) }))
        let lines = failure.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 20 + 1)
        #expect(lines.first == "the input layers have 40 errors:")
        #expect(lines.last == "  … and 20 more like it (missing_population in villages.geojson, field population)")
    }

    // MARK: - The worst warning

    @Test func theWorstWarningIsOfTheWorstCodeAndTheLargestMagnitude() {
        let report = ValidationReport(findings: [
            finding(.warning, "missing_name", feature: 0, field: "name"),
            finding(.error, "population_mismatch", feature: 1),  // an error is never the worst warning
            finding(.warning, "outside_stated_district", feature: 2, field: "geometry", magnitude: 28.8),
            finding(.warning, "outside_stated_district", feature: 3, field: "geometry", magnitude: 37_500),
            finding(.warning, "outside_stated_district", feature: 4, field: "geometry", magnitude: 13_539),
            finding(.warning, "services_assumed", feature: 5, field: nil),
        ])
        #expect(report.worstWarning?.recordId == "v3")
        #expect(report.counts(.warning) == ["missing_name": 1, "outside_stated_district": 3, "services_assumed": 1])
        #expect(report.counts(.error) == ["population_mismatch": 1])
    }

    @Test func aPopulationMismatchIsWorseThanAMisplacedPoint() {
        let report = ValidationReport(findings: [
            finding(.warning, "outside_stated_district", feature: 2, field: "geometry", magnitude: 37_500),
            finding(.warning, "population_mismatch", feature: 0, magnitude: 1.02),
        ])
        #expect(report.worstWarning?.code == "population_mismatch")
    }

    @Test func unrankedCodesComeLastAndEqualsKeepTheirOrder() {
        let report = ValidationReport(findings: [
            finding(.warning, "some_new_code", feature: 0),
            finding(.warning, "missing_name", feature: 1, field: "name"),
            finding(.warning, "missing_name", feature: 2, field: "name"),
        ])
        #expect(report.worstWarning?.recordId == "v1")
        #expect(ValidationReport(findings: [finding(.error, "x", feature: 0)]).worstWarning == nil)
    }
}
