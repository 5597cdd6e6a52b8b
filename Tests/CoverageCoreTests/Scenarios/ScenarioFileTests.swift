import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Writes `yaml` as a scenario file in a fresh folder (so relative paths resolve there) and reads it.
private func scenario(_ yaml: String) throws -> Scenario {
    let folder = try temporaryDirectory()
    let url = folder.appendingPathComponent("scenario.yaml")
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try ScenarioFile.read(path: url.path)
}

@Suite("ScenarioFile")
struct ScenarioFileTests {
    static let examples = LayerFixtures.geoData.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")

    @Test func theWorkedExampleHasEveryModification() throws {
        let read = try ScenarioFile.read(path: Self.examples.appendingPathComponent("every-modification-bolikhamxay.yaml").path)
        #expect(read.name == "every-modification-bolikhamxay")
        #expect(read.dataDirectory == LayerFixtures.geoData.standardizedFileURL.path)
        #expect(read.region == "bolikhamxay-khammouane")
        #expect(read.targets == [.tier(.healthCentre), .tier(.districtHospital), .service(.rehabilitation)])
        #expect(read.maxKilometers == [5, 10] && read.maxMinutes == nil)
        #expect(read.outputs == [.gaps, .capacity])
        // As Scenarios/every-modification-bolikhamxay.yaml writes them (its ids since issue 14).
        #expect(
            read.changes.map(\.action) == [
                .close(id: "HC-LA1101-03"),
                .upgrade(id: "HC-LA1103-01", to: .districtHospital, services: [.surgery], capacity: nil),
                .addService(id: "PH-LA11", service: .rehabilitation),
                .setCapacity(id: "HC-LA1105-06", capacity: 8_000),
                .add(
                    id: "NEW-HC-A", name: "Ban Phonhkham health centre", tier: .healthCentre, services: [.epi, .delivery], capacity: nil,
                    place: .village("1104009")),
                .add(id: "NEW-HC-B", name: nil, tier: .healthCentre, services: [], capacity: 3_000, place: .point(Coordinate(lon: 104.3, lat: 18.45))),
            ])
        #expect(read.changes.map(\.line) == [9, 10, 11, 12, 13, 14] && read.changes.allSatisfy { $0.column == 5 })
    }

    @Test func defaultsAndRelativePaths() throws {
        let read = try scenario("layers: {villages: v.csv, regions: ../r.json}\nmap: {villages.population: pop}\n")
        #expect(read.name == "scenario" && read.region == "national" && read.outputs == [.gaps] && read.changes.isEmpty)
        #expect(read.targets == FacilityTier.allCases.map(CareTarget.tier))
        #expect(read.layerPaths[.villages]?.hasSuffix("/v.csv") == true && read.layerPaths[.villages]?.hasPrefix("/") == true)
        #expect(read.regionsPath.map { !$0.contains("..") && $0.hasSuffix("/r.json") } == true)
        #expect(read.fieldMaps.count == 1 && read.fieldMaps[0].field == "pop")
    }

    @Test func travelAndFrictionReplaceTheStandards() throws {
        let one = try scenario("travel: raster\nfriction: walk.tif\n")
        #expect(one.travel == .raster)
        #expect(one.frictionPaths?[.walking]?.hasSuffix("/walk.tif") == true && one.frictionPaths?[.walking] == one.frictionPaths?[.motorized])
        let two = try scenario("travel: straight\nfriction: {walking: w.tif, motorized: /data/m.tif}\n")
        #expect(two.travel == .straight)
        #expect(two.frictionPaths?[.walking]?.hasSuffix("/w.tif") == true && two.frictionPaths?[.motorized] == "/data/m.tif")
        #expect(try scenario("name: x\n").travel == nil)
    }

    // Lines and columns counted by hand.
    @Test(
        arguments: [
            ("regoin: north\n", 1, 1, "unknown key \"regoin\"", "did you mean region?"),
            ("region: [north, south]\n", 1, 9, "region must be a text, found a list", nil),
            ("targets: [health_centre, helth]\n", 1, 26, "unknown tier or service \"helth\"", nil),
            ("outputs: [gaps, maps]\n", 1, 17, "unknown output \"maps\"", nil),
            ("modifications:\n  - close: HC-1\n", 2, 5, "unknown modification \"close\"", nil),
            ("modifications:\n  - add_facility: {id: X, village: \"1\"}\n", 2, 19, "add_facility needs tier", nil),
            ("modifications:\n  - add_facility: {id: X, tier: clinic, village: \"1\"}\n", 2, 33, "unknown tier \"clinic\"", nil),
            ("modifications:\n  - add_facility: {id: X, tier: health_centre, lon: 103}\n", 2, 19, "add_facility needs either village", nil),
            ("modifications:\n  - add_facility: {id: X, tier: health_centre, lon: 203, lat: 18}\n", 2, 53, "lon and lat must be a longitude", nil),
            ("modifications:\n  - set_capacity: {id: X, capacity: 2.5}\n", 2, 37, "capacity must be a whole number > 0, found 2.5", nil),
            ("modifications:\n  - add_service: {id: X, service: xray}\n", 2, 35, "unknown service \"xray\"", nil),
            ("modifications:\n  - upgrade_facility: {id: X, to: district_hospital, colour: red}\n", 2, 54, "unknown key \"colour\"", nil),
            ("modifications: {close_facility: X}\n", 1, 16, "modifications must be a list", nil),
            ("limits: {max_km: -5}\n", 1, 18, "max_km must be a number > 0", nil),
            ("map: {villages.pop: x}\n", 1, 7, "pop is not a field role of villages", nil),
            ("ignore_capacity: maybe\n", 1, 18, "ignore_capacity must be true or false", nil),
            ("travel: roads\n", 1, 9, "travel must be straight or raster", nil),
            ("friction: {walk: a.tif}\n", 1, 12, "unknown key \"walk\"", nil),
        ] as [(String, Int, Int, String, String?)])
    func badFilesAreLocated(yaml: String, line: Int, column: Int, reason: String, suggestion: String?) {
        do {
            _ = try scenario(yaml)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.location == .position(line: line, column: column), "\(error)")
            #expect(error.reason.hasPrefix(reason), "\(error)")
            #expect(error.suggestion == suggestion, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
