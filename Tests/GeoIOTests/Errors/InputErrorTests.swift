import GeoIO
import TestSupport
import Testing

@Suite("InputError")
struct InputErrorTests {
    @Test func wholeFile() {
        let error = InputError(file: "GeoData/laos/villages.geojson", reason: "cannot be read: no such file")
        #expect(error.place == "GeoData/laos/villages.geojson")
        #expect(error.description == "GeoData/laos/villages.geojson: cannot be read: no such file")
    }

    @Test func lineAndColumn() {
        let error = InputError(file: "a.geojson", location: .position(line: 3, column: 17), reason: "not valid JSON: unterminated string")
        #expect(error.description == "a.geojson:3:17: not valid JSON: unterminated string")
    }

    @Test func featureWithField() {
        let error = InputError(
            file: "a.geojson", location: .feature(4), field: "geometry.coordinates[0][2][1]",
            reason: "expected a number, found a string \"18\"")
        #expect(error.place == "a.geojson: feature 4")
        #expect(error.description == "a.geojson: feature 4: field geometry.coordinates[0][2][1]: expected a number, found a string \"18\"")
    }

    @Test func csvLineWithSuggestion() {
        let error = InputError(
            file: "facilities.csv", location: .line(12), field: "tier",
            reason: "unknown tier \"health_center\"", suggestion: "did you mean health_centre?")
        #expect(error.description == "facilities.csv: line 12: field tier: unknown tier \"health_center\" (did you mean health_centre?)")
    }
}
