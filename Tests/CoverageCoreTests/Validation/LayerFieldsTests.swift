import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// A field that a mapping names or the layer needs, and that no record has: one finding for the
/// file, naming the field, what asked for it and the closest field the file has; none per record.
@Suite struct LayerFieldsTests {
    /// The fixture villages as a CSV (lines 2–6), with `header` for its header.
    private static func villagesCSV(header: String = "village_code,name,district_pcode,province_pcode,population,lon,lat") -> String {
        """
        \(header)
        1101001,B. One,LA1101,LA11,1000,103.5,18.5
        1101002,B. Two,LA1101,LA11,500,103.25,18.25
        1102001,B. Three,LA1102,LA11,800,104.5,18.5
        1201001,B. Four,LA1201,LA12,1200,104.0,17.5
        1201002,B. Five,LA1201,LA12,300,102.5,17.25

        """
    }

    private func csvFindings(_ csv: String, _ adjust: @escaping (inout LayerSources) -> Void = { _ in }) throws -> (ValidationReport, String) {
        try withLayerSet(["villages.csv": csv]) { scratch in
            let sources = scratch.sources {
                $0.paths[.villages] = scratch.path("villages.csv")
                adjust(&$0)
            }
            return (try LayerSet.validate(sources), scratch.path("villages.csv"))
        }
    }

    @Test func aMappedColumnTheHeaderLacksIsOneError() throws {
        let (report, path) = try csvFindings(Self.villagesCSV()) {
            var mapping = FieldMapping(defaultsFor: .villages)
            try? mapping.set(.population, to: "nosuchcol")
            $0.mappings[.villages] = mapping
            $0.mappingOrigins[.villages] = [.population: "--map villages.population=nosuchcol"]
        }
        #expect(report.findings.map(\.brief) == ["error missing_field villages.csv line 1 nosuchcol -"])
        let error = try #require(report.findings.first)
        #expect(error.detail.file == path)
        #expect(
            error.detail.reason
                == #"no column named "nosuchcol" for the villages' population, which --map villages.population=nosuchcol asks for; "#
                + "the header has: village_code, name, district_pcode, province_pcode, population, lon, lat")
        #expect(error.detail.suggestion == "the closest field name is population; --map villages.population=FIELD names the layer's own")
    }

    @Test func aRequiredColumnTheHeaderLacksIsOneError() throws {
        let (report, _) = try csvFindings(Self.villagesCSV(header: "vcode,name,district_pcode,province_pcode,population,lon,lat"))
        #expect(report.findings.map(\.brief) == ["error missing_field villages.csv line 1 village_code -"])
        #expect(
            report.findings.first?.detail.reason
                == #"no column named "village_code" for the villages' identifier, which the shipped schema (GeoData/README.md) asks for; "#
                + "the header has: vcode, name, district_pcode, province_pcode, population, lon, lat")
        #expect(report.findings.first?.detail.suggestion == "the closest field name is vcode; --map villages.id=FIELD names the layer's own")
    }

    @Test func aTypoIsNamed() throws {
        let (report, _) = try csvFindings(Self.villagesCSV(header: "village_code,name,district_pcode,province_pcode,populaton,lon,lat"))
        #expect(report.findings.map(\.code) == ["missing_field"])
        #expect(report.findings.first?.detail.suggestion == "did you mean populaton? --map villages.population=FIELD names the layer's own")
    }

    @Test func theMappingFileIsNamedWhenItAskedForTheField() throws {
        try withLayerSet(["villages.csv": Self.villagesCSV(), "mapping.yaml": "villages:\n  under5: kids\n"]) { scratch in
            var sources = scratch.sources { $0.paths[.villages] = scratch.path("villages.csv") }
            try sources.readMappingFile(scratch.path("mapping.yaml"))
            let report = try LayerSet.validate(sources)
            #expect(report.findings.map(\.brief) == ["error missing_field villages.csv line 1 kids -"])
            #expect(report.findings.first?.detail.reason.contains("which the mapping file \(scratch.path("mapping.yaml")) asks for") == true)
        }
    }

    @Test func aGeoJSONPropertyNoFeatureHasIsOneError() throws {
        // Every village lacks `population`: one error for the file, not one per village.
        let villages = (1...12).map { villageFeature(JSONLiteral(stringLiteral: "11019\($0 + 10)"), population: .absent) }
        try withLayerSet(["villages.geojson": collection(features: villages)]) { scratch in
            let report = try LayerSet.validate(scratch.sources())
            #expect(report.findings.map(\.brief) == ["error missing_field villages.geojson file population -"])
            #expect(
                report.findings.first?.detail.reason
                    == #"no village has the field "population" for the villages' population, which the shipped schema (GeoData/README.md) "#
                    + "asks for; the villages have: village_code, name, district_pcode, province_pcode")
        }
    }

    @Test func aFieldSomeRecordsHaveIsCheckedPerRecord() throws {
        let found = try findings([
            "villages.geojson": try LayerFixtures.layer("villages.geojson", adding: [villageFeature("1101003", population: .absent)])
        ])
        #expect(found.map(\.brief) == ["error missing_population villages.geojson feature 5 population 1101003"])
    }

    @Test func noNamesAtAllIsOneWarning() throws {
        let csv = Self.villagesCSV(header: "village_code,vname,district_pcode,province_pcode,population,lon,lat")
        let (report, _) = try csvFindings(csv)
        #expect(report.findings.map(\.brief) == ["warning missing_name villages.csv line 1 name -"])
        #expect(report.findings.first?.detail.reason == "no village has a name (field name): each is named by its identifier")
        #expect(report.findings.first?.detail.suggestion == "did you mean vname? --map villages.name=FIELD names the layer's own")
    }

    @Test func theRequiredFieldsOfEachLayer() {
        #expect(LayerFields.required(.provinces) == [.id])
        #expect(LayerFields.required(.districts) == [.id, .province])
        #expect(LayerFields.required(.villages) == [.id, .population])
        #expect(LayerFields.required(.facilities) == [.id, .tier])
    }

    @Test func aFacilityLayerWithoutTiers() throws {
        let facilities = (1...3).map { facilityFeature(JSONLiteral(stringLiteral: "HC-\($0 + 10)"), tier: .absent) }
        let found = try findings(["facilities.geojson": collection(features: facilities)])
        #expect(found.map(\.brief) == ["error missing_field facilities.geojson file tier -"])
    }
}
