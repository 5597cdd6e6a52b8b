import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

@Suite("QueryLookup: finding a village or facility by code, id or name")
struct QueryLookupTests {
    @Test func namesAreNormalizedForCaseSpacesAndTheBanPrefix() {
        for name in ["B. Nongping", "b. nongping", "Nongping", "  ban   Nongping ", "B.Nongping", "B.  Nongping", "b nongping"] {
            #expect(QueryLookup.normalizedName(name) == "nongping", "\(name)")
        }
        #expect(QueryLookup.normalizedName("B. Nong  ping") == "nong ping")
        #expect(QueryLookup.normalizedName("Bannavong") == "bannavong")
    }

    @Test func aCodeFindsItsVillage() throws {
        let layers = try TinyCatchmentSet.layers()
        #expect(try QueryLookup.village("1102002", in: layers) == 3)
        #expect(try QueryLookup.village(" 1102002 ", in: layers) == 3)
    }

    @Test func aUniqueNameFindsItsVillage() throws {
        let layers = try TinyCatchmentSet.layers()
        #expect(try QueryLookup.village("b. v3", in: layers) == 4)
        #expect(try QueryLookup.village("V4", in: layers) == 5)
    }

    @Test func aSharedNameListsEveryVillageWithCodeAndDistrict() throws {
        let layers = try TinyCatchmentSet.layers()
        // "B. V1" is the name of 1101001 (West) and 1102001 (East).
        let error = try #require(throws: QueryLookupError.self) { try QueryLookup.village("B. V1", in: layers) }
        #expect(error.kind == .ambiguous)
        #expect(
            error.candidates == [
                .init(id: "1101001", name: "B. V1", place: "West, Eleven"),
                .init(id: "1102001", name: "B. V1", place: "East, Eleven"),
            ])
        #expect(
            error.description == """
                2 villages are named "B. V1"; give the code of one:
                  1101001  B. V1  (West, Eleven)
                  1102001  B. V1  (East, Eleven)
                """)
    }

    @Test func anUnknownCodeListsTheClosestCodes() throws {
        let layers = try TinyCatchmentSet.layers()
        let error = try #require(throws: QueryLookupError.self) { try QueryLookup.village("1101005", in: layers) }
        #expect(error.kind == .unknown)
        #expect(error.candidates.map(\.id) == ["1101001", "1101002", "1101003", "1101004", "1102001"])
        #expect(error.headline == #"no village has the code or name "1101005"; the closest are:"#)
    }

    @Test func anUnknownNameListsTheVillagesOfTheClosestNames() throws {
        let layers = try ShippedLayerSet.set()
        let error = try #require(throws: QueryLookupError.self) { try QueryLookup.village("Nongpingg", in: layers) }
        #expect(error.kind == .unknown)
        // The closest name, "nongping" (one edit), has three villages; they come first.
        #expect(error.candidates.prefix(3).map(\.id) == ["101001", "1205019", "1206055"])
        #expect(error.candidates.first?.place == "Chanthabuly, Vientiane Capital")
    }

    @Test func theShippedDatasNongpingIsAmbiguousAndItsCodeIsNot() throws {
        let layers = try ShippedLayerSet.set()
        let error = try #require(throws: QueryLookupError.self) { try QueryLookup.village("Nongping", in: layers) }
        #expect(error.kind == .ambiguous)
        #expect(error.candidates.map(\.id) == ["101001", "1205019", "1206055"])
        #expect(error.candidates.map(\.place) == ["Chanthabuly, Vientiane Capital", "Nhommalath, Khammouan", "Bualapha, Khammouan"])
        let position = try QueryLookup.village("101001", in: layers)
        #expect(layers.villages[position].name == "B. Nongping")
    }

    @Test func aFacilityIsFoundByIdIgnoringCaseOrByName() throws {
        let layers = try TinyCatchmentSet.layers()
        #expect(try QueryLookup.facility("C", in: layers) == 2)
        #expect(try QueryLookup.facility("z", in: layers) == 3)
        #expect(try QueryLookup.facility("d  health centre", in: layers) == 4)
    }

    @Test func anUnknownFacilityListsTheClosestIds() throws {
        let layers = try ShippedLayerSet.set()
        let error = try #require(throws: QueryLookupError.self) { try QueryLookup.facility("DH-LA1199", in: layers) }
        #expect(error.kind == .unknown)
        #expect(error.candidates.count == 5)
        // Two edits away (e.g. DH-LA1102): district hospitals only, nearest first, ties in id order.
        #expect(error.candidates.allSatisfy { $0.id.hasPrefix("DH-LA") })
        #expect(error.candidates.map(\.id) == error.candidates.map(\.id).sorted())
    }

    @Test func anEmptyQueryIsUnknown() throws {
        let layers = try TinyCatchmentSet.layers()
        #expect(throws: QueryLookupError.self) { try QueryLookup.village("", in: layers) }
        #expect(throws: QueryLookupError.self) { try QueryLookup.facility("", in: layers) }
    }
}
