import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Scenarios on the shipped data: every modification made as written, located errors for what
/// the layers lack, and the example scenarios of Scenarios/: adding the sites `coverage suggest`
/// chooses gains, in `coverage compare`, exactly what it promised.
@Suite("Scenario runs")
struct ScenarioRunTests {
    static let examples = ScenarioFileTests.examples

    static func change(_ action: FacilityChange.Action, line: Int = 7) -> FacilityChange { FacilityChange(action, line: line, column: 5) }

    /// The worked example (its ids since issue 14), on the shipped layers loaded with the shipped
    /// standards' care model, as a scenario run loads them: facilities.geojson lists no services for
    /// HC-LA1103-01 (a proxy health centre), so it has the health-centre defaults of standards.yaml,
    /// and PH-LA11 lists its own (the provincial defaults and maintenance_workshop).
    @Test func everyModificationIsMadeAsWritten() throws {
        let standards = try ShippedStandards.straight()
        let set = try LayerSet.load(LayerSources(dataDirectory: LayerFixtures.geoData).with { $0.careModel = standards.careModel })
        let scenario = try ScenarioFile.read(path: Self.examples.appendingPathComponent("every-modification-bolikhamxay.yaml").path)
        let changed = try set.applying(scenario.changes, file: scenario.file)
        func facility(_ id: String) -> Facility? { changed.facilities.first { $0.id == id } }
        #expect(changed.facilities.count == set.facilities.count + 1, "one closed, two added")
        #expect(facility("HC-LA1101-03") == nil)
        let before = try #require(set.facilities.first { $0.id == "HC-LA1103-01" })
        #expect(before.services == [.epi, .delivery] && before.servicesAssumed)
        // Upgraded: the district hospital's packages, and its default services (the old ones were
        // assumed) with the surgery the scenario adds.
        let upgraded = try #require(facility("HC-LA1103-01"))
        #expect(upgraded.tier == .districtHospital && upgraded.services == [.epi, .coldChain, .delivery, .surgery] && upgraded.capacity == nil)
        #expect(upgraded.carePackages == [.healthCentre, .districtHospital])
        #expect(facility("PH-LA11")?.services == [.epi, .coldChain, .delivery, .surgery, .rehabilitation, .maintenanceWorkshop])
        #expect(facility("HC-LA1105-06")?.capacity == 8_000)
        let atVillage = try #require(facility("NEW-HC-A"))
        let village = try #require(set.villages.first { $0.code == "1104009" })
        #expect(atVillage.location == village.location && atVillage.districtPcode == village.districtPcode)
        #expect(atVillage.name == "Ban Phonhkham health centre" && atVillage.tier == .healthCentre && atVillage.source == "scenario")
        #expect(atVillage.services == [.epi, .delivery] && !atVillage.servicesAssumed)
        // The point's district, found here with GEOS directly.
        let atPoint = try #require(facility("NEW-HC-B"))
        let point = try Geometry.point(Coordinate(lon: 104.3, lat: 18.45))
        let containing = try set.districts.filter { try $0.geometry.contains(point) }.map(\.pcode)
        #expect(containing.count == 1 && atPoint.districtPcode == containing.first && atPoint.provincePcode == "LA11")
        // No services listed: the health-centre defaults, assumed.
        #expect(atPoint.capacity == 3_000 && atPoint.services == [.epi, .delivery] && atPoint.servicesAssumed && atPoint.name == "NEW-HC-B")
        #expect(changed.facilities.count == changed.facilityPlacements.count)
    }

    @Test(
        arguments: [
            (FacilityChange.Action.close(id: "HC-LA1101-99"), "no facility \"HC-LA1101-99\"", "did you mean HC-LA1101-01?"),
            (.setCapacity(id: "hc-la1101-01", capacity: 5), "no facility \"hc-la1101-01\"", "did you mean HC-LA1101-01?"),
            (
                .upgrade(id: "DH-LA1102", to: .healthCentre, services: [], capacity: nil), "DH-LA1102 is a district_hospital: upgrade_facility raises the tier",
                nil
            ),
            (
                .add(id: "HC-LA1101-01", name: nil, tier: .healthCentre, services: [], capacity: nil, place: .village("1101018")),
                "a facility \"HC-LA1101-01\" exists already", nil
            ),
            (.add(id: "X", name: nil, tier: .healthCentre, services: [], capacity: nil, place: .village("9999999")), "no village \"9999999\"", nil),
            (
                .add(id: "X", name: nil, tier: .healthCentre, services: [], capacity: nil, place: .point(Coordinate(lon: 100, lat: 12))),
                "the point 100.0, 12.0 lies outside every district", nil
            ),
        ] as [(FacilityChange.Action, String, String?)])
    func changesTheLayersCannotTakeAreLocated(action: FacilityChange.Action, reason: String, suggestion: String?) throws {
        let set = try ShippedLayerSet.set()
        do {
            _ = try set.applying([Self.change(.close(id: "HC-LA1101-05"), line: 6), Self.change(action)], file: "what-if.yaml")
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.file == "what-if.yaml" && error.location == .position(line: 7, column: 5), "\(error)")
            #expect(error.reason.hasPrefix(reason), "\(error)")
            if let suggestion { #expect(error.suggestion == suggestion, "\(error)") }
        }
    }

    @Test func aClosedFacilityCannotBeChangedAfter() throws {
        let set = try ShippedLayerSet.set()
        #expect(throws: InputError.self) {
            try set.applying([Self.change(.close(id: "HC-LA1101-05")), Self.change(.setCapacity(id: "HC-LA1101-05", capacity: 10))], file: "s.yaml")
        }
    }

    @Test func aMissingLayerOrRegionNamesWhatIsMissing() throws {
        var scenario = Scenario(file: "/tmp/what-if.yaml", name: "what-if")
        scenario.dataDirectory = LayerFixtures.geoData.path
        scenario.layerPaths[.facilities] = "/nonexistent/facilities.geojson"
        #expect { try ScenarioRun(scenario: scenario, command: []) } throws: { error in
            (error as? InputError).map { $0.file == "/nonexistent/facilities.geojson" && $0.category == .unreadable } ?? false
        }
        scenario.layerPaths = [:]
        scenario.region = "northh"
        #expect { try ScenarioRun(scenario: scenario, command: []) } throws: { error in
            (error as? InputError).map { $0.file == "/tmp/what-if.yaml" && $0.field == "region" && $0.suggestion == "did you mean north?" } ?? false
        }
    }

    /// A scenario's region takes what --region takes: provinces and districts by code or name.
    @Test func aRegionOfNamedProvinces() throws {
        var scenario = Scenario(file: "/tmp/what-if.yaml", name: "what-if")
        scenario.dataDirectory = LayerFixtures.geoData.path
        scenario.targets = [.tier(.healthCentre)]
        scenario.region = "LA11,Khammouane"
        let run = try ScenarioRun(scenario: scenario, command: [])
        #expect(run.region == Region(id: "LA11+LA12", name: "Bolikhamxai and Khammouan", provincePcodes: ["LA11", "LA12"]))
        #expect(run.parameters["region"] == "LA11+LA12")
        // 303 + 582 villages (villages.geojson, by province_pcode).
        #expect(run.gaps?.regionVillages.count == 885)
    }

    /// The must-show: the example scenario adds the ten sites `suggest` chooses now, and comparing
    /// its run with the base run reports exactly the gain `suggest` promised.
    @Test func addingTheSuggestedSitesGainsExactlyWhatSuggestPromised() throws {
        let set = try ShippedLayerSet.set()
        let standards = try ShippedStandards.straight()
        let region = try set.requireRegion("bolikhamxay-khammouane")
        let suggestion = try SiteSuggestion(
            layers: set, standards: standards, target: .tier(.healthCentre), threshold: .kilometers(5),
            region: region, candidates: CandidateSite.villages(of: set), count: 10)
        let scenario = try ScenarioFile.read(path: Self.examples.appendingPathComponent("ten-health-centres-bolikhamxay-khammouane.yaml").path)
        let added = scenario.changes.compactMap { change -> String? in
            if case .add(_, _, .healthCentre, _, _, .village(let code)) = change.action { code } else { nil }
        }
        #expect(added == suggestion.sites.map(\.candidate.id), "the example lists the sites suggest chooses")

        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var folders: [URL] = []
        for file in ["base-bolikhamxay-khammouane.yaml", "ten-health-centres-bolikhamxay-khammouane.yaml"] {
            var run = try ScenarioRun(scenario: ScenarioFile.read(path: Self.examples.appendingPathComponent(file).path), command: ["run", file])
            let folder = root.appendingPathComponent(file)
            try run.write(to: RunRecorder.outputFolder(folder.path))
            folders.append(folder)
        }
        let comparison = try ScenarioComparison(a: folders[0], b: folders[1])
        let row = try #require(comparison.rows.first { $0.zoneLevel == "region" && $0.analysis.target == "health_centre" && $0.analysis.threshold == "5km" })
        // 70,292 people: recomputed in Python (pyproj Geod brute force, numpy): the 10 sites' 5 km
        // reach over the region's villages beyond 5 km of every facility providing health-centre
        // care (432,107 of 782,073 covered before, 502,399 after); a greedy choice there (largest
        // gain first, ties to the lowest village code) picks the same ten villages.
        #expect(row.newlyCovered == suggestion.gain && row.lost == 0 && suggestion.gain == 70_292)
        #expect(suggestion.coveredBefore == 432_107 && suggestion.coveredAfter == 502_399)
        #expect(row.coveredA == suggestion.coveredBefore && row.coveredB == suggestion.coveredAfter)
        #expect(
            Set(comparison.changedVillages.filter { $0.changes.keys.contains { $0.target == "health_centre" && $0.threshold == "5km" } }.map(\.code))
                == Set(suggestion.sites.flatMap(\.newlyCovered).map { suggestion.points[$0].id }))
        // New health centres take nobody's care away, and do not change hospital coverage.
        #expect(comparison.rows.allSatisfy { $0.lost == 0 })
        #expect(comparison.rows.filter { $0.analysis.target.hasSuffix("hospital") }.allSatisfy { $0.netChange == 0 })
    }
}
