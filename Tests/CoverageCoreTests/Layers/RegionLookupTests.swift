import Foundation
import GeoIO
import TestSupport
import Testing

@testable import CoverageCore

/// `LayerSet.region(named:)` on the shipped data: a region id, a province or district by P-code
/// or by any spelling the layers give (name_en, name_lo, name_lsb), a comma list of them, and the
/// closest matches when a name is unknown or could be read as several units. The expected units
/// are read from the layers' own fields (GeoData/laos/districts.geojson: LA0103 Xaysetha is
/// name_lsb "Xaisettha (Vientiane Capital)", LA1701 Xaysetha "Xaisettha (Attapu)"; LA1101 name_en
/// Pakxane, name_lsb Pakxan; provinces.geojson: LA12 Khammouan, ຄຳມ່ວນ).
@Suite("Region lookup")
struct RegionLookupTests {
    func region(_ text: String) throws -> NamedRegion { try ShippedLayerSet.set().region(named: text) }

    func lookupError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> QueryLookupError {
        try #require(throws: QueryLookupError.self, sourceLocation: sourceLocation) { try region(text) }
    }

    @Test func aRegionOfTheRegionsFileIsItself() throws {
        let named = try region("bolikhamxay-khammouane")
        #expect(named.region == Region(id: "bolikhamxay-khammouane", name: "Bolikhamxay and Khammouane", provincePcodes: ["LA11", "LA12"]))
        #expect(named.readings.isEmpty)
        #expect(try region("national").region.provincePcodes.count == 18)
    }

    @Test(arguments: [
        ("LA12", "LA12"), ("la12", "LA12"), ("Khammouan", "LA12"), ("KHAMMOUAN", "LA12"), ("ຄຳມ່ວນ", "LA12"), ("ແຂວງຄຳມ່ວນ", "LA12"),
        ("Khammouane", "LA12"), ("Bolikhamxay", "LA11"), ("Borikhamxay", "LA11"), ("Oudomxay", "LA04"), ("Luang Namtha", "LA03"),
        ("Sekong", "LA15"), ("Xiengkhouang", "LA09"),
    ])
    func aProvinceByCodeOrName(_ text: String, _ pcode: String) throws {
        let named = try region(text)
        #expect(named.region.id == pcode)
        #expect(named.region.provincePcodes == [pcode] && named.region.districtPcodes.isEmpty)
        #expect(named.readings.count == (text.uppercased() == pcode ? 0 : 1))
    }

    @Test(arguments: [
        ("LA1101", "LA1101"), ("Pakxane", "LA1101"), ("Pakxan", "LA1101"), ("pak-xan", "LA1101"), ("Xaisettha (Attapu)", "LA1701"),
        ("Xaisettha (Vientiane Capital)", "LA0103"), ("Thakhek", "LA1201"), ("ມ. ໄຊ", "LA0401"), ("ເມືອງໄຊ", "LA0401"), ("Pha-oudom", "LA0504"),
    ])
    func aDistrictByCodeOrName(_ text: String, _ pcode: String) throws {
        let named = try region(text)
        #expect(named.region.id == pcode)
        #expect(named.region.provincePcodes.isEmpty && named.region.districtPcodes == [pcode])
    }

    @Test func whatANameWasReadAsIsSaid() throws {
        #expect(try region("Khammouane").readings == [#""Khammouane" is province LA12 Khammouan"#])
        #expect(try region("Pakxan").readings == [#""Pakxan" is district LA1101 Pakxane (Bolikhamxai)"#])
    }

    @Test func aListIsOneRegionOfItsUnits() throws {
        let named = try region("LA11, Khammouane")
        #expect(named.region == Region(id: "LA11+LA12", name: "Bolikhamxai and Khammouan", provincePcodes: ["LA11", "LA12"]))
        #expect(named.readings == [#""Khammouane" is province LA12 Khammouan"#])

        // A district of a province in the list adds nothing; one of another province is kept.
        let mixed = try region("Thakhek,LA11,Pakxan,north")
        #expect(mixed.region.id == "LA1201+LA11+LA1101+north")
        #expect(mixed.region.provincePcodes == ["LA02", "LA03", "LA04", "LA05", "LA06", "LA07", "LA08", "LA09", "LA11"])
        #expect(mixed.region.districtPcodes == ["LA1201"])
        #expect(mixed.region.name == "Thakhek, Bolikhamxai, Pakxane and North")
    }

    @Test func theZonesOfARegionOfDistrictsAreThoseDistricts() throws {
        let set = try ShippedLayerSet.set()
        let region = try set.region(named: "LA1101,LA1201").region
        let zones = CoverageZone.zones(of: region, in: set)
        #expect(zones.map(\.description) == ["region LA1101+LA1201 Pakxane and Thakhek", "district LA1101 Pakxane", "district LA1201 Thakhek"])
        #expect(zones[0].contains(districtPcode: "LA1101", provincePcode: "LA11"))
        #expect(!zones[0].contains(districtPcode: "LA1102", provincePcode: "LA11"))
        #expect(region.provincesTouched(districts: set.districts) == ["LA11", "LA12"])
    }

    /// A name two units could be read as, exactly or as a romanisation variant, lists both.
    @Test(arguments: [
        ("Phongsaly", ["LA02", "LA0201"]), ("Saravane", ["LA14", "LA1401"]), ("Champasak", ["LA16", "LA1607"]),
        ("Xaysetha", ["LA0103", "LA1701"]), ("ຜົ້ງສາລີ", ["LA02", "LA0201"]),
    ])
    func anAmbiguousNameListsEveryUnit(_ text: String, _ codes: [String]) throws {
        let error = try lookupError(text)
        #expect(error.kind == .ambiguous)
        #expect(error.candidates.map(\.id) == codes)
        #expect(error.headline == "2 regions, provinces and districts are named \"\(text)\"; give the P-code or region id of one:")
        #expect(ExitStatus.code(for: error) == 64)
    }

    @Test func anUnknownNameListsTheClosest() throws {
        let error = try lookupError("Khammouanne province")
        #expect(error.kind == .unknown)
        #expect(error.candidates.count == QueryLookup.closestLimit)
        #expect(error.description.hasPrefix(#"no region, province or district has the code or name "Khammouanne province"; the closest are:"#))
        let typo = try lookupError("Bolikhamsay")
        #expect(typo.candidates.first?.id == "LA11")
        #expect(typo.candidates.first?.place == "province")
        // A region id is matched as spelt, without the romanisation variants of names.
        #expect(try lookupError("nort").candidates.first?.id == "north")
        #expect(try lookupError(" , ").kind == .unknown)
    }
}
