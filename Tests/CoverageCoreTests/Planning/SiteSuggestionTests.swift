import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// Site suggestion on the shipped data, checked by putting facilities at the suggested sites and
/// assigning again, and each site's gain by PROJ geodesic distances (not the kernel's).
@Suite("SiteSuggestion on the shipped data")
struct SiteSuggestionTests {
    static let hc = CareTarget.tier(.healthCentre)

    static func suggest(
        region: String = "bolikhamxay-khammouane", target: CareTarget = hc, threshold: CoverageThreshold = .kilometers(5),
        demand: DemandKind = .villages, weight: SuggestionWeight = .group(.population), count: Int = 5,
        targetPercent: Double? = nil
    ) throws -> (SiteSuggestion, LayerSet, CoverageStandards) {
        let set = try ShippedLayerSet.set()
        let standards = try ShippedStandards.straight()
        let suggestion = try SiteSuggestion(
            layers: set, standards: standards, target: target, threshold: threshold,
            region: try #require(set.region(region)), demand: demand, weight: weight,
            candidates: CandidateSite.villages(of: set), count: count, targetPercent: targetPercent)
        return (suggestion, set, standards)
    }

    /// The facilities with a new one of `tier` at every suggested site.
    static func facilities(adding suggestion: SiteSuggestion, tier: FacilityTier, services: [HealthService] = [], to set: LayerSet) -> [Facility] {
        set.facilities
            + suggestion.sites.map {
                Facility(
                    id: "new-\($0.rank)", name: $0.candidate.name, tier: tier, subtype: nil, services: services, capacity: nil,
                    districtPcode: $0.candidate.districtPcode, provincePcode: $0.candidate.provincePcode,
                    location: $0.candidate.location, source: "suggested")
            }
    }

    @Test func coveredBeforeIsWhatTheGapsCount() throws {
        let (suggestion, set, standards) = try Self.suggest()
        let assignment = try CoverageAssignment(layers: set, standards: standards, targets: [Self.hc])
        let gaps = try CoverageGaps(assignment: assignment, layers: set, region: suggestion.region)
        let row = try #require(gaps.row(zone: suggestion.region.id, level: .region, target: Self.hc, threshold: .kilometers(5)))
        #expect(suggestion.coveredBefore == row.coverage(of: .population).coveredCount)
        #expect(suggestion.demandTotal == row.coverage(of: .population).totalCount)
        #expect(suggestion.sites.count == 5 && suggestion.stop == .count)
        #expect(suggestion.upperBoundOnGain >= suggestion.gain && suggestion.gain > 0)
    }

    @Test func facilitiesAtTheSitesCoverExactlyWhatWasPromised() throws {
        let (suggestion, set, standards) = try Self.suggest()
        let points = DemandPoint.all(.villages, in: set)
        let after = try CoverageAssignment(
            points: points, facilities: Self.facilities(adding: suggestion, tier: .healthCentre, to: set),
            standards: standards, targets: [Self.hc]
        ).nearest(Self.hc)
        let before = try CoverageAssignment(points: points, facilities: set.facilities, standards: standards, targets: [Self.hc]).nearest(Self.hc)
        let region = Set(suggestion.region.provincePcodes)
        let inRegion = points.indices.filter { region.contains(points[$0].provincePcode) }
        let coveredAfter = inRegion.filter { after[$0].isCovered(by: .kilometers(5)) }.reduce(0) { $0 + points[$1].figures.population }
        #expect(coveredAfter == suggestion.coveredAfter)
        let newly = inRegion.filter { after[$0].isCovered(by: .kilometers(5)) && !before[$0].isCovered(by: .kilometers(5)) }
        #expect(Set(newly) == Set(suggestion.sites.flatMap(\.newlyCovered)))
    }

    /// Over the shipped walking raster, 60 minutes: the bounded search around each candidate
    /// (a window of the raster) promises what the search over the whole raster from every
    /// facility, the new ones among them, then finds.
    @Test func overTheWalkingRasterTheSitesCoverWhatTheWholeSearchFinds() throws {
        let set = try ShippedLayerSet.set()
        let standards = try StandardsFile.read(path: LayerFixtures.geoData.appendingPathComponent("standards.yaml").path)
            .overriding(travel: .raster, friction: nil)
        let region = try #require(set.region("bolikhamxay-khammouane"))
        let suggestion = try SiteSuggestion(
            layers: set, standards: standards, target: Self.hc, threshold: .minutes(60), region: region,
            candidates: CandidateSite.villages(of: set), count: 5)
        let points = DemandPoint.all(.villages, in: set)
        let after = try CoverageAssignment(
            points: points, facilities: Self.facilities(adding: suggestion, tier: .healthCentre, to: set),
            standards: standards, targets: [Self.hc]
        ).nearest(Self.hc)
        let inRegion = points.indices.filter { Set(region.provincePcodes).contains(points[$0].provincePcode) }
        let coveredAfter = inRegion.filter { after[$0].isCovered(by: .minutes(60)) }.reduce(0) { $0 + points[$1].figures.population }
        #expect(suggestion.sites.count == 5 && suggestion.gain > 0)
        #expect(coveredAfter == suggestion.coveredAfter)
        let before = try CoverageAssignment(points: points, facilities: set.facilities, standards: standards, targets: [Self.hc]).nearest(Self.hc)
        let newly = inRegion.filter { after[$0].isCovered(by: .minutes(60)) && !before[$0].isCovered(by: .minutes(60)) }
        #expect(Set(newly) == Set(suggestion.sites.flatMap(\.newlyCovered)))
    }

    @Test func eachSiteAddsWhatPROJDistancesSay() throws {
        let (suggestion, set, standards) = try Self.suggest(count: 4)
        let points = DemandPoint.all(.villages, in: set)
        let nearest = try CoverageAssignment(points: points, facilities: set.facilities, standards: standards, targets: [Self.hc]).nearest(Self.hc)
        var covered = Set(suggestion.regionPoints.filter { nearest[$0].isCovered(by: .kilometers(5)) })
        for site in suggestion.sites {
            let reached = try suggestion.regionPoints.filter {
                guard !covered.contains($0) else { return false }
                return try Geodesic.wgs84.distanceMeters(from: site.candidate.location, to: points[$0].location) <= 5_000
            }
            #expect(site.gain == reached.reduce(0) { $0 + points[$1].figures.population }, "site \(site.rank) \(site.candidate.id)")
            #expect(Set(reached) == Set(site.newlyCovered))
            covered.formUnion(reached)
        }
    }

    @Test func stopsAtATargetShare() throws {
        let (suggestion, _, _) = try Self.suggest(count: 500, targetPercent: 70)
        #expect(suggestion.stop == .target)
        let after = Double(suggestion.coveredAfter) / Double(suggestion.demandTotal)
        let oneFewer = Double(suggestion.sites.dropLast().last?.coveredAfter ?? suggestion.coveredBefore) / Double(suggestion.demandTotal)
        #expect(after >= 0.70 && oneFewer < 0.70)
    }

    @Test func maintenanceWorkshopsCoverFacilities() throws {
        let service = CareTarget.service(.maintenanceWorkshop)
        let (suggestion, set, standards) = try Self.suggest(
            region: "north", target: service, threshold: .kilometers(150),
            demand: .facilities, weight: .facilities, count: 2)
        #expect(suggestion.demandTotal == suggestion.regionPoints.count)
        let points = DemandPoint.all(.facilities, in: set)
        let after = try CoverageAssignment(
            points: points,
            facilities: Self.facilities(
                adding: suggestion, tier: .provincialHospital,
                services: [.maintenanceWorkshop], to: set),
            standards: standards, targets: [service], demand: .facilities
        ).nearest(service)
        #expect(suggestion.regionPoints.filter { after[$0].isCovered(by: .kilometers(150)) }.count == suggestion.coveredAfter)
    }

    @Test func aCandidateLayerIsReadAndPlaced() throws {
        let set = try ShippedLayerSet.set()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("candidates-\(UUID().uuidString).geojson")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"plot-1","properties":{"name":"Paksan plot"},"geometry":{"type":"Point","coordinates":[103.66,18.39]}},
        {"type":"Feature","properties":{"id":2},"geometry":{"type":"Point","coordinates":[104.83,17.40]}}]}
        """.write(to: file, atomically: true, encoding: .utf8)
        let sites = try CandidateSite.read(path: file.path, layers: set)
        #expect(sites.map(\.id) == ["plot-1", "2"])
        #expect(sites.map(\.name) == ["Paksan plot", "2"])
        #expect(sites[0].provincePcode == "LA11" && sites[1].provincePcode == "LA12")
    }

    /// A candidate outside the country is an error that names it, where it is and how far the
    /// nearest district is (572.7 km: pyproj's WGS 84 geodesic from (110, 10) to Phouvong's
    /// boundary densified to 0.001°, computed apart), never a site quietly left out.
    @Test func aCandidateOutsideTheCountryIsNamed() throws {
        let set = try ShippedLayerSet.set()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("candidates-\(UUID().uuidString).geojson")
        defer { try? FileManager.default.removeItem(at: file) }
        let inside = #"{"type":"Feature","id":"plot-1","properties":{"name":"Paksan plot"},"geometry":{"type":"Point","coordinates":[103.66,18.39]}}"#
        let sea = #"{"type":"Feature","properties":{"id":"sea"},"geometry":{"type":"Point","coordinates":[110.0,10.0]}}"#
        try #"{"type":"FeatureCollection","features":[\#(inside),\#(sea)]}"#.write(to: file, atomically: true, encoding: .utf8)
        let one = try #require(throws: InputError.self) { try CandidateSite.read(path: file.path, layers: set) }
        #expect(
            one
                == InputError(
                    file: file.path, location: .feature(1), field: "geometry",
                    reason: "the candidate site sea at 110.0000000 10.0000000 lies outside every district, beyond the tolerance of 1.0 km "
                        + "(--tolerance-m): the nearest, LA1705 Phouvong, is 572.7 km away"))

        // Several: each on a line of its own (Bangkok: 417.1 km from LA0809 Botene, computed as
        // above); a tolerance beyond the distance places the site.
        let bangkok = #"{"type":"Feature","id":"bkk","properties":{"name":"Ban Na"},"geometry":{"type":"Point","coordinates":[100.5,13.75]}}"#
        try #"{"type":"FeatureCollection","features":[\#(sea),\#(inside),\#(bangkok)]}"#.write(to: file, atomically: true, encoding: .utf8)
        let two = try #require(throws: InputError.self) { try CandidateSite.read(path: file.path, layers: set) }
        #expect(two.location == .file && two.field == "geometry")
        let lines = two.reason.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(two)")
        #expect(lines.first == "2 candidate sites lie outside every district, beyond the tolerance of 1.0 km (--tolerance-m):")
        #expect(lines.dropFirst().first == "  feature 0: sea at 110.0000000 10.0000000: the nearest, LA1705 Phouvong, is 572.7 km away")
        #expect(lines.last == #"  feature 2: bkk "Ban Na" at 100.5000000 13.7500000: the nearest, LA0809 Botene, is 417.1 km away"#)
        try #"{"type":"FeatureCollection","features":[\#(sea)]}"#.write(to: file, atomically: true, encoding: .utf8)
        let placed = try CandidateSite.read(path: file.path, layers: set, toleranceMeters: 573_000)
        #expect(placed.map(\.districtPcode) == ["LA1705"])
    }

    @Test(arguments: [
        (#"{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[103,18]}}"#, "feature 0", "id"),
        (#"{"type":"Feature","id":"a","properties":{},"geometry":{"type":"LineString","coordinates":[[103,18],[104,18]]}}"#, "feature 0", "geometry"),
    ])
    func badCandidateLayersAreLocated(feature: String, location: String, field: String) throws {
        let set = try ShippedLayerSet.set()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("candidates-\(UUID().uuidString).geojson")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{"type":"FeatureCollection","features":[\#(feature)]}"#.write(to: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { try CandidateSite.read(path: file.path, layers: set) }
        #expect(error.description.contains(location) && error.field == field, "\(error)")
    }

    @Test func aRepeatedCandidateIdIsAnError() throws {
        let set = try ShippedLayerSet.set()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("candidates-\(UUID().uuidString).geojson")
        defer { try? FileManager.default.removeItem(at: file) }
        let point = #"{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[103,18]}}"#
        try #"{"type":"FeatureCollection","features":[\#(point),\#(point)]}"#.write(to: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { try CandidateSite.read(path: file.path, layers: set) }
        #expect(error.description.contains("feature 1") && error.description.contains("feature 0"), "\(error)")
    }
}
