import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// Field mappings: a mapping file (YAML) or `FieldMapping.set`, reading layers whose fields have
/// other names (Fixtures/layers/villages_other_names.csv and facilities_other_names.geojson hold
/// the fixture villages and facilities under other names, the CSV separated by semicolons).
@Suite struct MappingFileTests {
    private static let villageRoles =
        "id, name, district, province, population, under5, births_live, women_15_49, population_year, "
        + "population_estimated, lon, lat"

    @Test func theMappingFile() throws {
        let mappings = try MappingFile.read(path: LayerFixtures.path("mapping.yaml"))
        #expect(Set(mappings.keys) == [.villages, .facilities])
        let villages = try #require(mappings[.villages])
        #expect(villages.kind == .villages)
        #expect(
            villages.fieldNames == [
                .id: "vcode", .name: "vname", .district: "dist", .province: "prov", .population: "pop_2023",
                .under5: "kids", .longitude: "x_deg", .latitude: "y_deg",
            ])
        // Roles the file does not name keep the shipped names.
        #expect(villages.field(.birthsLive) == "births_live")
        let facilities = try #require(mappings[.facilities])
        #expect(facilities.field(.tier) == "level" && facilities.field(.services) == "offers" && facilities.field(.source) == "source")
        #expect(facilities.tierValues == ["HC": .healthCentre, "DH": .districtHospital, "PH": .provincialHospital, "CH": .centralHospital])
    }

    /// The mapped layers load into the same model as the fixture set in the shipped schema.
    private func expectSameAsTheFixtureSet(_ set: LayerSet, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reference = try LayerSet.load(LayerFixtures.sources())
        #expect(set.report.findings.isEmpty, "\(set.report.findings)", sourceLocation: sourceLocation)
        #expect(set.villages.map(\.code) == reference.villages.map(\.code), sourceLocation: sourceLocation)
        #expect(set.villages.map(\.name) == reference.villages.map(\.name), sourceLocation: sourceLocation)
        #expect(set.villages.map(\.location) == reference.villages.map(\.location), sourceLocation: sourceLocation)
        #expect(set.villages.map(\.figures.population) == [1_000, 500, 800, 1_200, 300], sourceLocation: sourceLocation)
        #expect(set.villages.map(\.figures.under5) == [100, 50, 80, 120, 30], sourceLocation: sourceLocation)
        #expect(set.villages.map(\.districtPcode) == reference.villages.map(\.districtPcode), sourceLocation: sourceLocation)
        #expect(set.facilities.map(\.id) == reference.facilities.map(\.id), sourceLocation: sourceLocation)
        #expect(set.facilities.map(\.name) == reference.facilities.map(\.name), sourceLocation: sourceLocation)
        #expect(set.facilities.map(\.tier) == reference.facilities.map(\.tier), sourceLocation: sourceLocation)
        #expect(set.facilities.map(\.subtype) == reference.facilities.map(\.subtype), sourceLocation: sourceLocation)
        #expect(set.facilities.map(\.services) == reference.facilities.map(\.services), sourceLocation: sourceLocation)
        #expect(set.facilities.map(\.capacity) == reference.facilities.map(\.capacity), sourceLocation: sourceLocation)
        #expect(set.facilities.map(\.districtPcode) == reference.facilities.map(\.districtPcode), sourceLocation: sourceLocation)
    }

    private func mappedSources(_ mappings: [LayerKind: FieldMapping]) throws -> LayerSources {
        try LayerFixtures.sources().with {
            $0.paths[.villages] = try? LayerFixtures.path("villages_other_names.csv")
            $0.paths[.facilities] = try? LayerFixtures.path("facilities_other_names.geojson")
            $0.csvDelimiter = .semicolon
            $0.mappings = mappings
        }
    }

    @Test func layersReadThroughTheMappingFile() throws {
        let sources = try mappedSources(try MappingFile.read(path: LayerFixtures.path("mapping.yaml")))
        try expectSameAsTheFixtureSet(try LayerSet.load(sources))
    }

    @Test func layersReadThroughFieldMappingSet() throws {
        var villages = FieldMapping(defaultsFor: .villages)
        for (role, field) in [
            (FieldRole.id, "vcode"), (.name, "vname"), (.district, "dist"), (.province, "prov"), (.population, "pop_2023"),
            (.under5, "kids"), (.longitude, "x_deg"), (.latitude, "y_deg"),
        ] {
            try villages.set(role, to: field)
        }
        var facilities = FieldMapping(defaultsFor: .facilities)
        for (role, field) in [
            (FieldRole.id, "fid"), (.name, "label"), (.tier, "level"), (.subtype, "kind"), (.services, "offers"),
            (.capacity, "beds_pop"), (.district, "dcode"), (.province, "pcode"),
        ] {
            try facilities.set(role, to: field)
        }
        facilities.mapTierValue("HC", to: .healthCentre)
        facilities.mapTierValue("DH", to: .districtHospital)
        facilities.mapTierValue("PH", to: .provincialHospital)
        facilities.mapTierValue("CH", to: .centralHospital)
        #expect(facilities == (try MappingFile.read(path: LayerFixtures.path("mapping.yaml")))[.facilities])
        try expectSameAsTheFixtureSet(try LayerSet.load(try mappedSources([.villages: villages, .facilities: facilities])))
    }

    @Test func withoutTheTierValuesTheSourceVocabularyIsUnknown() throws {
        // The file's field names, without its tier_values.
        let mapped = try #require(try MappingFile.read(path: LayerFixtures.path("mapping.yaml"))[.facilities])
        let unmapped = try FieldMapping(defaultsFor: .facilities).with {
            for role in [FieldRole.id, .name, .tier, .subtype, .services, .capacity, .district, .province] { try $0.set(role, to: mapped.field(role)) }
        }
        #expect(unmapped.tierValues.isEmpty)
        let sources = try LayerFixtures.sources().with {
            $0.paths[.facilities] = try? LayerFixtures.path("facilities_other_names.geojson")
            $0.mappings = [.facilities: unmapped]
        }
        let found = try LayerSet.validate(sources).findings
        // CH, PH, DH and HC are not tiers; "Health Center" (feature 4) is one, loosely written.
        #expect(
            found.map(\.brief) == [
                "error unknown_tier facilities_other_names.geojson feature 0 level CH-01",
                "error unknown_tier facilities_other_names.geojson feature 1 level PH-LA11",
                "error unknown_tier facilities_other_names.geojson feature 2 level DH-LA1102",
                "error unknown_tier facilities_other_names.geojson feature 3 level HC-LA1201-01",
            ])
    }

    @Test func tierValuesAreListedAmongTheExpectedTiers() throws {
        var facilities = FieldMapping(defaultsFor: .facilities)
        facilities.mapTierValue("HC", to: .healthCentre)
        let files = ["facilities.geojson": try LayerFixtures.layer("facilities.geojson", adding: [facilityFeature("HC-9", tier: "HX")])]
        let found = try findings(files) { $0.mappings[.facilities] = facilities }
        #expect(found.map(\.brief) == ["error unknown_tier facilities.geojson feature 5 tier HC-9"])
        #expect(found.first?.detail.reason == #"unknown tier "HX" (expected health_centre, district_hospital, provincial_hospital, central_hospital, HC)"#)
        #expect(found.first?.detail.suggestion == "did you mean HC?")
    }

    // MARK: - Refused mappings

    @Test func aRoleOfAnotherLayerIsRefusedBySet() {
        var villages = FieldMapping(defaultsFor: .villages)
        let error = #expect(throws: MappingError.self) { try villages.set(.tier, to: "level") }
        #expect(error?.message == "tier is not a field of the villages layer (its fields: \(Self.villageRoles))")
        #expect(villages.fieldNames.isEmpty)
    }

    private func mappingError(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> InputError {
        let path = try LayerFixtures.path(name)
        let error = try #require(throws: InputError.self, sourceLocation: sourceLocation) { try MappingFile.read(path: path) }
        #expect(error.file == path, sourceLocation: sourceLocation)
        return error
    }

    @Test func anUnknownLayer() throws {
        let error = try mappingError("mapping_unknown_layer.yaml")
        #expect(error.location == .position(line: 3, column: 1))
        #expect(error.reason == #"unknown layer "vilages" (expected provinces, districts, villages, facilities)"#)
        #expect(error.suggestion == "did you mean villages?")
    }

    @Test func anUnknownRole() throws {
        let error = try mappingError("mapping_unknown_role.yaml")
        #expect(error.location == .position(line: 3, column: 3))
        #expect(error.reason == #"unknown field role "populaton" for villages (expected one of \#(Self.villageRoles))"#)
        #expect(error.suggestion == "did you mean population?")
    }

    @Test func aRoleOfAnotherLayerInTheFile() throws {
        let error = try mappingError("mapping_role_of_other_layer.yaml")
        #expect(error.location == .position(line: 2, column: 3))
        #expect(error.reason == #"unknown field role "tier" for villages (expected one of \#(Self.villageRoles))"#)
    }

    @Test func anUnknownTierInTierValues() throws {
        let error = try mappingError("mapping_unknown_tier.yaml")
        // The value of `HC:` on line 4, `    HC: health_center`.
        #expect(error.location == .position(line: 4, column: 9))
        #expect(error.reason == #"unknown tier "health_center" (expected health_centre, district_hospital, provincial_hospital, central_hospital)"#)
        #expect(error.suggestion == "did you mean health_centre?")
    }

    @Test func notYAML() throws {
        let error = try mappingError("mapping_not_yaml.yaml")
        guard case .position(let line, _) = error.location else {
            Issue.record("expected a line and column, found \(error.location)")
            return
        }
        // The flow sequence opened on line 2 is never closed; the parser notices on line 3.
        #expect(line == 3)
        #expect(error.reason.hasPrefix("not valid YAML: "))
    }

    @Test func notAMappingOfLayers() throws {
        let error = try mappingError("mapping_list.yaml")
        #expect(error.location == .file)
        #expect(error.reason == "expected a mapping of layer names (villages, facilities, districts, provinces) to field mappings")
    }

    @Test func inlineProblems() throws {
        func error(_ yaml: String) throws -> InputError {
            try withLayerSet(["mapping.yaml": yaml]) { scratch in
                try #require(throws: InputError.self) { try MappingFile.read(path: scratch.path("mapping.yaml")) }
            }
        }
        #expect(try error("villages: vcode\n").reason == "the villages section must map field roles to field names")
        #expect(try error("villages:\n  id: [a, b]\n").reason == "the field name for id must be a non-empty string")
        #expect(try error("villages:\n  id: ''\n").location == .position(line: 2, column: 7))
        #expect(try error("facilities:\n  tier_values: HC\n").reason == "tier_values must map source values to tiers")
        // tier_values belongs to facilities only.
        #expect(try error("villages:\n  tier_values:\n    HC: health_centre\n").reason.hasPrefix(#"unknown field role "tier_values" for villages"#))
        #expect(try error("").reason == "expected a mapping of layer names (villages, facilities, districts, provinces) to field mappings")
    }

    @Test func aMissingMappingFile() throws {
        let error = try #require(throws: InputError.self) { try MappingFile.read(path: "/nonexistent/mapping.yaml") }
        #expect(error.category == .unreadable)
    }

    @Test func aJSONMappingFileIsYAMLToo() throws {
        let json = #"{"villages": {"id": "vcode", "population": "pop_2023"}}"#
        let mappings = try withLayerSet(["mapping.json": json]) { try MappingFile.read(path: $0.path("mapping.json")) }
        #expect(mappings[.villages]?.fieldNames == [.id: "vcode", .population: "pop_2023"])
    }
}

extension FieldMapping {
    /// A copy with `change` applied.
    func with(_ change: (inout FieldMapping) throws -> Void) rethrows -> FieldMapping {
        var copy = self
        try change(&copy)
        return copy
    }
}
