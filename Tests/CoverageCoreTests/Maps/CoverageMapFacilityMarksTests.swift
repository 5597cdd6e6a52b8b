import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// How a map tells real facilities from proxies and, on a service map, the facilities that
/// provide the service: hollow symbols and rings, each counted in the legend, and the credits line.
@Suite struct CoverageMapFacilityMarksTests {
    private func map(target: CareTarget, credits: String? = nil) throws -> CoverageMap {
        let square = try Geometry.polygon(exterior: [
            Coordinate(lon: 102, lat: 18), Coordinate(lon: 103, lat: 18), Coordinate(lon: 103, lat: 19), Coordinate(lon: 102, lat: 19),
            Coordinate(lon: 102, lat: 18),
        ])
        return CoverageMap(
            target: target, threshold: .kilometers(100), regionName: "Test region",
            zones: [.init(pcode: "LA0101", name: "Only", geometry: square, percentUncovered: 20)],
            facilities: [
                .init(id: "HC-1", name: "Real", tier: .healthCentre, location: Coordinate(lon: 102.2, lat: 18.2)),
                .init(id: "HC-2", name: "Placed", tier: .healthCentre, location: Coordinate(lon: 102.4, lat: 18.4), isProxy: true),
                .init(id: "DH-1", name: "Placed hospital", tier: .districtHospital, location: Coordinate(lon: 102.6, lat: 18.6), isProxy: true),
                .init(
                    id: "RC-1", name: "Rehabilitation", tier: .provincialHospital, location: Coordinate(lon: 102.8, lat: 18.8),
                    providesService: true),
                .init(
                    id: "HC-far", name: "Far placed", tier: .healthCentre, location: Coordinate(lon: 102.5, lat: 18.5), isInRegion: false,
                    isProxy: true),
            ],
            credits: credits)
    }

    @Test func proxiesAreHollowAndCountedInTheLegend() throws {
        let svg = try ParsedSVG(try map(target: .tier(.healthCentre)).svg())
        let proxies = svg.classed("proxy", in: "facilities")
        // HC-2 and DH-1 in the region, HC-far outside it: every proxy is hollow wherever it is.
        #expect(proxies.map(\.name).sorted() == ["circle", "circle", "rect"])
        #expect(svg.classed("hc", in: "facilities").count == 3 && svg.classed("dh", in: "facilities").count == 1)
        #expect(svg.all("title").contains { $0.text.contains("Placed (HC-2), health centre, a proxy location") })
        // Legend labels wrap over several text elements.
        let legend = svg.all("text").map(\.text).joined(separator: " ")
        #expect(legend.contains("Hollow: proxy locations, placed by a rule (2)"))
        #expect(legend.contains("Faded: facilities outside the region (1)"))
        // A tier map rings nothing, even a facility marked as a provider.
        #expect(svg.classed("provider").isEmpty && !legend.contains("Ringed"))
    }

    @Test func aServiceMapRingsItsProviders() throws {
        let svg = try ParsedSVG(try map(target: .service(.rehabilitation)).svg())
        let rings = svg.classed("provider", in: "facilities")
        #expect(rings.count == 1)
        #expect(svg.all("text").map(\.text).joined(separator: " ").contains("Ringed: provides rehabilitation (1)"))
        #expect(svg.classed("provider", in: "legend").count == 1)
    }

    @Test func theCreditsLineIsPrintedUnderTheMap() throws {
        let credits = "Facilities: © OpenStreetMap contributors, ODbL 1.0 (3)."
        let svg = try ParsedSVG(try map(target: .tier(.healthCentre), credits: credits).svg())
        #expect(svg.all("text").contains { $0.text == credits })
        let none = try ParsedSVG(try map(target: .tier(.healthCentre)).svg())
        #expect(!none.all("text").contains { $0.text.contains("OpenStreetMap") })
    }
}
