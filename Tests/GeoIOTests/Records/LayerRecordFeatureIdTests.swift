import GeoIO
import TestSupport
import Testing

/// The feature `id` member (RFC 7946 §3.2: a string or a number) is readable as the field `@id`,
/// so that a field mapping can make it the id role.
@Suite("LayerRecord: the feature id as @id")
struct LayerRecordFeatureIdTests {
    @Test func stringAndNumberIdsReadAsText() throws {
        let read = try layer(
            collection(features: [
                #"{"type": "Feature", "id": "HC-1", "properties": {"facility_id": "other"}, "geometry": null}"#,
                #"{"type": "Feature", "id": 101001, "properties": {}, "geometry": null}"#,
                #"{"type": "Feature", "id": 2.5, "properties": {}, "geometry": null}"#,
                #"{"type": "Feature", "properties": {"@id": "a property"}, "geometry": null}"#,
            ]))
        let records = read.records
        #expect(LayerRecord.featureIdField == "@id")
        #expect(try records.map { try $0.text("@id") } == ["HC-1", "101001", "2.5", nil])
        // The property of the same name is another field: the feature member wins for "@id".
        #expect(try records[0].text("facility_id") == "other")
        #expect(records[3].isAbsent("@id"))
        #expect(try records[1].integer("@id") == 101_001)
    }

    @Test func aNonScalarIdIsALocatedError() throws {
        let read = try layer(collection(features: [#"{"type": "Feature", "id": [1], "properties": {}, "geometry": null}"#]))
        let error = try #require(throws: InputError.self) { try read.records[0].text("@id") }
        #expect(error == InputError(file: "layer.geojson", location: .feature(0), field: "@id", reason: "expected text, found an array"))
    }

    @Test func otherFormatsHaveNoFeatureId() {
        let record = LayerRecord(file: "v.csv", location: .line(2), fields: JSONObject([("id", .string("7"))]), geometry: nil)
        #expect(record.featureId == nil)
        #expect(record.isAbsent("@id"))
    }
}
