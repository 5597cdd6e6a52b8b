import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// The notes every output carries about its inputs, from the layers actually used.
@Suite struct DataNotesTests {
    private func proxy(_ id: String) -> String {
        featureText(
            [
                "facility_id": .init(stringLiteral: id), "name": "Proxy", "tier": "health_centre", "services": ["epi"],
                "district_pcode": "LA1101", "province_pcode": "LA11", "source": "proxy",
            ], geometry: pointGeometry(103.75, 18.75))
    }

    @Test func theFixtureSaysItsPopulationsAreEstimatedAndNamesItsSource() throws {
        let notes = DataNotes(layers: try LayerSet.load(try LayerFixtures.sources()), targets: [.tier(.healthCentre), .service(.rehabilitation)])
        #expect(notes.populationEstimated && !notes.shippedBaseLayers)
        #expect(notes.facilitySources == [DataNotes.FacilitySource(source: "fixture", count: 5)])
        #expect(
            notes.caveats == [
                "Village populations are estimates (district totals shared among villages).",
                "No facility provides rehabilitation: its coverage is 0 % by definition, not by distance.",
            ])
        #expect(notes.mapNote == "Village populations estimated.")
        #expect(notes.credits == "Facilities: fixture (5).")
    }

    @Test func someProxiesAreCountedAndDrawnHollow() throws {
        let notes = try withLayerSet(["facilities.geojson": try LayerFixtures.layer("facilities.geojson", adding: [proxy("P-1"), proxy("P-2")])]) {
            DataNotes(layers: try LayerSet.load($0.sources()))
        }
        #expect(notes.proxyFacilities == 2 && notes.facilityCount == 7)
        #expect(
            notes.caveats.last
                == "2 of 7 facilities are proxies placed by a rule where the source lacks them (source \"proxy\"); figures that rest on them are estimates.")
        #expect(notes.mapNote == "Village populations estimated; 2 of 7 facilities are proxies (hollow symbols).")
        #expect(notes.credits == "Facilities: fixture (5); proxies placed by rule (2; GeoData/README.md).")
    }

    @Test func onlyProxiesMeanNoRealAccess() throws {
        let layer = #"{"type": "FeatureCollection", "features": [\#(proxy("P-1"))]}"#
        let notes = try withLayerSet(["facilities.geojson": layer]) { DataNotes(layers: try LayerSet.load($0.sources())) }
        #expect(notes.caveats.contains("Every facility location is a proxy placed by a rule: the figures are not real access to care."))
        #expect(notes.mapNote == "Village populations estimated; facility locations are proxies — not real access to care.")
    }

    @Test func theShippedDataCreditsItsSourcesAndOpenStreetMap() throws {
        // 616 OpenStreetMap facilities and 510 proxies in GeoData/laos/facilities.geojson, as
        // GeoData/README.md's table counts them.
        let notes = DataNotes(layers: try ShippedLayerSet.set(), targets: FacilityTier.allCases.map(CareTarget.tier))
        #expect(notes.shippedBaseLayers)
        #expect(notes.facilitySources == [DataNotes.FacilitySource(source: "osm", count: 616), DataNotes.FacilitySource(source: "proxy", count: 510)])
        #expect(notes.careWithoutProvider.isEmpty)
        #expect(notes.credits.hasPrefix("Boundaries: geoBoundaries / OCHA COD-AB (CC BY 3.0 IGO)."))
        #expect(notes.credits.hasSuffix("Facilities: © OpenStreetMap contributors, ODbL 1.0 (616); proxies placed by rule (510; GeoData/README.md)."))
        #expect(notes.caveats.contains { $0.hasPrefix("510 of 1,126 facilities are proxies") })
    }
}
