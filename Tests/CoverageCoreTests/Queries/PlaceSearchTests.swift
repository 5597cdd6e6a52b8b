import CoverageCore
import Foundation
import TestSupport
import Testing

/// The search box's matches on the shipped layers: exact, then prefix, then contains, then the closest names.
@Suite("PlaceSearch")
struct PlaceSearchTests {
    @Test func exactMatchesComeFirstWithTheirPlaces() throws {
        let layers = try ShippedLayerSet.set()
        let found = PlaceSearch("nongping", layers: layers, limit: 25).matches
        let exact = found.filter { $0.how == "exact" }
        #expect(exact.count >= 3 && exact.allSatisfy { $0.name == "B. Nongping" && $0.kind == .village })
        #expect(found.prefix(exact.count).allSatisfy { $0.how == "exact" }, "exact matches first")
        #expect(exact.contains { $0.id == "1205019" && $0.place == "Nhommalath, Khammouan" })
        let kinds = found.map(\.how)
        #expect(
            kinds
                == kinds.sorted {
                    ["exact", "prefix", "contains", "closest"].firstIndex(of: $0)! < ["exact", "prefix", "contains", "closest"].firstIndex(of: $1)!
                })
    }

    @Test func codesIdsAndMisspellingsAreFound() throws {
        let layers = try ShippedLayerSet.set()
        #expect(PlaceSearch("1205019", layers: layers, limit: 1).matches.first?.name == "B. Nongping")
        let facility = PlaceSearch("dh-la1205", layers: layers, limit: 1).matches.first
        #expect(facility?.kind == .facility && facility?.id == "DH-LA1205")
        // "Nongpinh": one letter wrong, no name contains it; the closest names include Nongping.
        let misspelt = PlaceSearch("Nongpinh", layers: layers, limit: 25).matches
        #expect(misspelt.contains { $0.name == "B. Nongping" && $0.how == "closest" })
        #expect(PlaceSearch("   ", layers: layers, limit: 5).matches.isEmpty)
        #expect(PlaceSearch("zzzzzzzzzzzzzzzzzzzzzz", layers: layers, limit: 5).matches.isEmpty, "nothing plausible: no list of random names")
    }
}
