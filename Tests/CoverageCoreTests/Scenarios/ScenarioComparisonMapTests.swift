import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// The comparison of two scenario runs on the shipped data names the facilities B adds, closes and
/// re-tiers, and its map rings them, draws the provinces, a scale bar, and says how many of the
/// region's facilities are proxies. Expected counts from GeoData/laos/facilities.geojson with
/// Python's json module: LA11 and LA12 hold 36 OpenStreetMap facilities and 78 proxies;
/// HC-LA1201-01 is an OpenStreetMap health centre, HC-LA1101-01 a proxy.
@Suite struct ScenarioComparisonMapTests {
    private static let base = """
        name: base
        data: \(LayerFixtures.geoData.path)
        region: bolikhamxay-khammouane
        targets: [health_centre]
        """
    private static let changed = """
        name: changed
        data: \(LayerFixtures.geoData.path)
        region: bolikhamxay-khammouane
        targets: [health_centre]
        modifications:
          - add_facility: {id: NEW-1, tier: health_centre, lon: 104.3, lat: 18.45}
          - add_facility: {id: NEW-2, tier: health_centre, lon: 105.2, lat: 17.3}
          - close_facility: HC-LA1201-01
          - upgrade_facility: {id: HC-LA1101-01, to: district_hospital}
        """

    private func compared() throws -> ScenarioComparison {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var folders: [URL] = []
        for (name, text) in [("base", Self.base), ("changed", Self.changed)] {
            let file = root.appendingPathComponent("\(name).yaml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            var run = try ScenarioRun(scenario: ScenarioFile.read(path: file.path), command: ["run", file.path])
            let folder = root.appendingPathComponent(name)
            try run.write(to: RunRecorder.outputFolder(folder.path))
            folders.append(folder)
        }
        return try ScenarioComparison(a: folders[0], b: folders[1])
    }

    @Test func theFacilityChangesAndTheRegionsSourcesAreRead() throws {
        let comparison = try compared()
        #expect(comparison.facilityChanges.map(\.kind) == [.retiered, .added, .added, .closed])
        #expect(comparison.facilityChanges.map(\.id) == ["HC-LA1101-01", "NEW-1", "NEW-2", "HC-LA1201-01"])
        #expect(comparison.facilityChanges.first?.tier == .districtHospital)
        // 36 − 1 closed OpenStreetMap facilities, 78 proxies, 2 added by the scenario.
        #expect(comparison.facilitySources == ["osm": 35, "proxy": 78, "scenario": 2])
        #expect(comparison.provinces.map(\.name).sorted() == ["Bolikhamxai", "Khammouan"])

        let svg = try ParsedSVG(try ComparisonMap(comparison).svg())
        let rings = svg.all("circle").compactMap { $0.attributes["class"] }
        // One ring per change on the map, one of each kind in the legend.
        #expect(rings.filter { $0 == "added" }.count == 3 && rings.filter { $0 == "closed" }.count == 2)
        #expect(rings.filter { $0 == "retiered" }.count == 2)
        #expect(svg.classed("border").count == 2)
        #expect(svg.classed("label").map(\.text).sorted() == ["Bolikhamxai", "Khammouan"])
        #expect(svg.classed("bar-dark").count == 1 && svg.classed("bar-light").count == 1)
        let texts = svg.all("text").map(\.text)
        #expect(texts.contains("78 of 115 facilities in B's region are proxies placed by a rule: changes near them are estimates."))
        #expect(texts.contains { $0.hasSuffix("Facilities: © OpenStreetMap contributors, ODbL 1.0.") })
        #expect(texts.contains("facility added in B (2)") && texts.contains("facility closed in B (1)"))
        #expect(texts.contains("facility tier changed in B (1)"))
    }
}
