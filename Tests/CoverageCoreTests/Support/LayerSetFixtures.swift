import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

// Support for the LayerSet tests: the hand-made layer set in Fixtures/layers (written by
// Fixtures/layers/make_layers_fixtures.py; see the README there), copies of it with layers
// replaced, builders for hand-written features, and the shipped data in GeoData/laos.
//
// The fixture set, all squares in lon/lat degrees (WGS 84):
//
//   provinces  LA11 Eleven  [103, 105] × [18, 19]     LA12 Twelve  [102, 105] × [17, 18]
//   districts  LA1101 West Eleven [103, 104] × [18, 19]   (LA11, population 1,500)
//              LA1102 East Eleven [104, 105] × [18, 19]   (LA11, population   800)
//              LA1201 All Twelve  [102, 105] × [17, 18]   (LA12, population 1,500)
//   villages   1101001 (103.5, 18.5) 1,000 · 1101002 (103.25, 18.25) 500 · 1102001 (104.5, 18.5) 800
//              1201001 (104.0, 17.5) 1,200 · 1201002 (102.5, 17.25) 300          (features 0–4)
//   facilities CH-01 central (102.6, 17.96667) LA1201 · PH-LA11 provincial (103.6, 18.4) LA1101
//              DH-LA1102 district A, capacity 50,000 (104.5, 18.6) · HC-LA1201-01 (104.2, 17.3)
//              HC-LA1101-01 (103.3, 18.7)                                          (features 0–4)
//   regions    pair (LA11, LA12), eleven (LA11); national is added by the loader.

/// The fixture layer set and the shipped data.
enum LayerFixtures {
    /// A file of Fixtures/layers.
    static func url(_ name: String) throws -> URL { try fixtureURL("layers/\(name)") }

    static func path(_ name: String) throws -> String { try url(name).path }

    /// The fixture set as a data directory.
    static func sources() throws -> LayerSources {
        LayerSources(dataDirectory: try url("provinces.geojson").deletingLastPathComponent())
    }

    /// The features of a fixture layer as JSON texts (the files hold one feature per line).
    static func features(_ name: String) throws -> [String] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        return lines.dropFirst().dropLast().map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
    }

    /// The fixture layer `name` with `extra` features appended (they get the next indices: 5 for
    /// villages and facilities, 3 for districts, 2 for provinces).
    static func layer(_ name: String, adding extra: [String]) throws -> String {
        collection(features: try features(name) + extra)
    }

    /// The shipped data set, GeoData/laos, found from this file's path.
    static let geoData = Fixtures.shippedData
}

/// The shipped data, loaded once for every test that reads it.
enum ShippedLayerSet {
    static let loaded: Result<LayerSet, any Error> = Result { try LayerSet.load(LayerSources(dataDirectory: LayerFixtures.geoData)) }

    static func set() throws -> LayerSet { try loaded.get() }

    /// A feature property of a shipped layer, read with Foundation's JSON parser (not the loader).
    static func properties(_ file: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: LayerFixtures.geoData.appendingPathComponent(file))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(document["features"] as? [[String: Any]])
        return try features.map { try #require($0["properties"] as? [String: Any]) }
    }
}

/// The shipped standards with every target measured by the straight-line model: what the tests of
/// the geodesic assignment and of the planning on it check against their brute-force oracles (the
/// raster allocation has tests of its own: RasterAssignmentTests, SiteSuggestionTests).
enum ShippedStandards {
    static func straight() throws -> CoverageStandards {
        try StandardsFile.read(path: LayerFixtures.geoData.appendingPathComponent("standards.yaml").path).overriding(travel: .straight, friction: nil)
    }
}

extension LayerSources {
    /// A copy with `change` applied.
    func with(_ change: (inout LayerSources) -> Void) -> LayerSources {
        var copy = self
        change(&copy)
        return copy
    }
}

/// A copy of the fixture layer set in a temporary folder, with some files replaced or added.
struct ScratchLayerSet {
    let directory: URL

    /// `files`: file name → text, written over the copies (e.g. "villages.geojson").
    init(_ files: [String: String] = [:]) throws {
        directory = try temporaryDirectory()
        for name in ["provinces.geojson", "districts.geojson", "villages.geojson", "facilities.geojson", "regions.json"] {
            try FileManager.default.copyItem(at: try LayerFixtures.url(name), to: directory.appendingPathComponent(name))
        }
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The folder as a data directory, with `adjust` applied.
    func sources(_ adjust: (inout LayerSources) -> Void = { _ in }) -> LayerSources {
        var sources = LayerSources(dataDirectory: directory)
        adjust(&sources)
        return sources
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Runs `body` on a scratch copy of the fixture set with `files` replaced, then removes it.
func withLayerSet<T>(_ files: [String: String] = [:], _ body: (ScratchLayerSet) throws -> T) throws -> T {
    let scratch = try ScratchLayerSet(files)
    defer { scratch.remove() }
    return try body(scratch)
}

/// The findings of validating a scratch copy of the fixture set with `files` replaced.
func findings(_ files: [String: String], _ adjust: (inout LayerSources) -> Void = { _ in }) throws -> [Finding] {
    try withLayerSet(files) { try LayerSet.validate($0.sources(adjust)).findings }
}

// MARK: - Hand-written features

/// A property value of a hand-written feature, as JSON text.
struct JSONLiteral: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    let text: String

    init(raw: String) { text = raw }
    init(stringLiteral value: String) {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        text = "\"\(escaped)\""
    }
    init(integerLiteral value: Int) { text = String(value) }
    init(floatLiteral value: Double) { text = String(value) }
    init(nilLiteral: ()) { text = "null" }
    init(booleanLiteral value: Bool) { text = String(value) }
    init(arrayLiteral elements: JSONLiteral...) { text = "[" + elements.map(\.text).joined(separator: ", ") + "]" }

    /// Leaves the property out of the feature altogether.
    static let absent = JSONLiteral(raw: "")
}

/// A Feature with `properties` (in order; `.absent` ones left out) and a geometry given as JSON text.
func featureText(_ properties: KeyValuePairs<String, JSONLiteral>, geometry: String) -> String {
    let members = properties.filter { !$0.value.text.isEmpty }.map { "\"\($0.key)\": \($0.value.text)" }
    return #"{"type": "Feature", "properties": {\#(members.joined(separator: ", "))}, "geometry": \#(geometry)}"#
}

/// A GeoJSON Point.
func pointGeometry(_ lon: Double, _ lat: Double) -> String {
    #"{"type": "Point", "coordinates": [\#(lon), \#(lat)]}"#
}

/// A GeoJSON Polygon with one ring, given as is (not closed for you).
func polygonGeometry(_ ring: [(Double, Double)]) -> String {
    let positions = ring.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
    return #"{"type": "Polygon", "coordinates": [[\#(positions)]]}"#
}

/// A lon/lat rectangle as a closed, counter-clockwise Polygon.
func squareGeometry(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> String {
    polygonGeometry([(minLon, minLat), (maxLon, minLat), (maxLon, maxLat), (minLon, maxLat), (minLon, minLat)])
}

/// A village feature in the shipped schema; by default inside LA1101 at (103.75, 18.75), with no
/// people, so that the villages still add up to the districts' figures (any other population is
/// a `population_mismatch` warning).
func villageFeature(
    _ code: JSONLiteral, name: JSONLiteral = "B. Test", district: JSONLiteral = "LA1101",
    province: JSONLiteral = "LA11", population: JSONLiteral = 0, under5: JSONLiteral = .absent,
    estimated: JSONLiteral = .absent, geometry: String = pointGeometry(103.75, 18.75)
) -> String {
    featureText(
        [
            "village_code": code, "name": name, "district_pcode": district, "province_pcode": province,
            "population": population, "under5": under5, "population_estimated": estimated,
        ], geometry: geometry)
}

/// A facility feature in the shipped schema; by default a health centre inside LA1101 at (103.75, 18.75).
func facilityFeature(
    _ id: JSONLiteral, name: JSONLiteral = "Test Health Centre", tier: JSONLiteral = "health_centre",
    subtype: JSONLiteral = nil, services: JSONLiteral = ["epi"], capacity: JSONLiteral = nil,
    district: JSONLiteral = "LA1101", province: JSONLiteral = "LA11",
    geometry: String = pointGeometry(103.75, 18.75)
) -> String {
    featureText(
        [
            "facility_id": id, "name": name, "tier": tier, "subtype": subtype, "services": services, "capacity": capacity,
            "district_pcode": district, "province_pcode": province, "source": "test",
        ], geometry: geometry)
}

/// A district feature in the shipped schema; by default province LA12, the square [105, 106] × [17, 18]
/// (east of LA1201, touching no village or facility of the fixture set), with no population figure
/// (a figure with no villages to add up to it is a `population_mismatch` warning).
func districtFeature(
    _ pcode: JSONLiteral, name: JSONLiteral = "Extra", province: JSONLiteral = "LA12",
    population: JSONLiteral = nil, populationYears: KeyValuePairs<String, JSONLiteral> = [:],
    geometry: String = squareGeometry(105, 17, 106, 18)
) -> String {
    var members: [(String, JSONLiteral)] = [("pcode", pcode), ("name_en", name), ("province_pcode", province), ("population", population)]
    members += populationYears.map { ($0.key, $0.value) }
    let text = members.filter { !$0.1.text.isEmpty }.map { "\"\($0.0)\": \($0.1.text)" }.joined(separator: ", ")
    return #"{"type": "Feature", "properties": {\#(text)}, "geometry": \#(geometry)}"#
}

// MARK: - Findings in short

extension Finding {
    /// `error missing_id villages.geojson feature 5 village_code -`: severity, code, file name,
    /// place, field and record id, for comparing lists of findings at a glance.
    var brief: String {
        let place: String
        switch detail.location {
        case .file: place = "file"
        case .feature(let index): place = "feature \(index)"
        case .line(let line): place = "line \(line)"
        case .position(let line, let column): place = "\(line):\(column)"
        }
        let file = URL(fileURLWithPath: detail.file).lastPathComponent
        return "\(severity.rawValue) \(code) \(file) \(place) \(detail.field ?? "-") \(recordId ?? "-")"
    }
}

/// The findings with `code` (the test fails when there is not exactly one).
func only(_ code: String, in findings: [Finding], sourceLocation: SourceLocation = #_sourceLocation) throws -> Finding {
    let matching = findings.filter { $0.code == code }
    #expect(matching.count == 1, "expected one \(code), found \(matching.map(\.description))", sourceLocation: sourceLocation)
    return try #require(matching.first, sourceLocation: sourceLocation)
}

/// The first number in `text` followed by ` m` or ` km`, in metres (`28.9 m` → 28.9, `36.5 km` → 36,500).
func distanceInMessage(_ text: String, after marker: String = "") -> Double? {
    let searched = marker.isEmpty ? Substring(text) : text.range(of: marker).map { text[$0.upperBound...] } ?? ""
    guard let match = searched.firstMatch(of: /([0-9]+(?:\.[0-9]+)?) (k?m)\b/) else { return nil }
    guard let value = Double(match.1) else { return nil }
    return match.2 == "km" ? value * 1_000 : value
}
