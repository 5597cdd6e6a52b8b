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

    @Test func aLoadedFacilityWritesTheFieldsTheLoaderReads() throws {
        let facility = Facility(
            id: "DH-1", name: "A", tier: .districtHospital, subtype: .b, services: [.surgery, .epi], capacity: nil,
            districtPcode: "LA1101", provincePcode: nil, location: Coordinate(x: 103, y: 18), source: "osm")
        let properties = LayerSchema.properties(of: facility)
        #expect(properties.keys == LayerSchema.fields(of: .facilities).filter { $0.role != nil }.map(\.name))
        #expect(
            try properties.jsonText()
                == #"{"facility_id":"DH-1","name":"A","tier":"district_hospital","subtype":"B","services":["epi","surgery"],"capacity":null,"district_pcode":"LA1101","province_pcode":null,"source":"osm"}"#
        )
        let withProvenance = LayerSchema.facilityProperties(
            id: nil, name: nil, tier: .healthCentre, subtype: nil, services: [], capacity: 5, districtPcode: nil, provincePcode: nil,
            source: "dhis2", provenance: LayerSchema.Provenance(geonamesId: 7))
        #expect(withProvenance.map(\.key) == LayerSchema.fields(of: .facilities).map(\.name))
        #expect(withProvenance.last?.value == .null)
    }
}
