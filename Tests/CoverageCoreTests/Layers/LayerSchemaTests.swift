import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// The schema in code against the shipped files written by GeoData/build_laos.py (Python): the
/// same fields in the same order.
@Suite struct LayerSchemaTests {
    static func shippedKeys(_ file: String) throws -> [String] {
        let layer = try GeoJSONLayer.read(path: Fixtures.shippedData.appendingPathComponent(file).path)
        return try #require(layer.features.first).properties.keys
    }

    @Test func fieldsAreTheShippedLayersFields() throws {
        #expect(LayerSchema.fields(of: .villages).map(\.name) == (try Self.shippedKeys("villages.geojson")))
        #expect(LayerSchema.fields(of: .facilities).map(\.name) == (try Self.shippedKeys("facilities.geojson")))
        #expect(LayerSchema.fields(of: .districts).isEmpty)
    }

    @Test func aFacilityIsWrittenWithEveryFieldInOrder() throws {
        let facility = Facility(
            id: "DH-1", name: "A", tier: .districtHospital, subtype: .b, services: [.surgery, .epi], capacity: nil,
            districtPcode: "LA1101", provincePcode: nil, location: Coordinate(x: 103, y: 18), source: "osm")
        let properties = JSONObject(LayerSchema.properties(LayerSchema.FacilityRecord(facility)))
        #expect(properties.keys == LayerSchema.fields(of: .facilities).map(\.name))
        #expect(
            try properties.jsonText()
                == #"{"facility_id":"DH-1","name":"A","name_lo":null,"name_en":null,"tier":"district_hospital","subtype":"B","services":["epi","surgery"],"care_packages":["health_centre","district_hospital"],"capacity":null,"district_pcode":"LA1101","province_pcode":null,"source":"osm","osm_row":null,"proxy_rule":null,"geonames_id":null,"village_code":null}"#
        )
        // Services and packages the layer does not give are written as null (the tier's apply when read).
        let record = LayerSchema.FacilityRecord(
            id: nil, name: nil, tier: .healthCentre, services: nil, capacity: 5, source: "dhis2", provenance: ["geonames_id": .number(7)])
        let written = JSONObject(LayerSchema.properties(record))
        #expect(written["services"] == .null && written["care_packages"] == .null && written["geonames_id"] == .number(7))
    }
}
