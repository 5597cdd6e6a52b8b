import Foundation
import GeoIO
import TestSupport
import Testing

/// `--region` with a province or a district, by P-code or by name, or a comma list of them: the
/// gaps table of such a region, on the shipped data, against figures computed apart from the
/// layers (Python: json, PyYAML and pyproj 3.7 `Geod(ellps="WGS84").inv` by brute force over the
/// facilities that provide health-centre care under standards.yaml's care model; a village is
/// counted in a zone by its stated codes, covered when its nearest provider is within 5,000 m):
///
/// ```
/// zone    villages uncovered population covered under5 births women facilities proxies
/// LA12         582       230    451329  287348  28128   5812 78414         75      48
/// LA1201        91        11    101178   88949   7839   1633 24960         11       9
/// …       (the other districts of LA12 in `khammouan` below)
/// LA1101        55        17     53570   37012   3659    725 10058          7       6
/// ```
@Suite("--region")
struct RegionOptionTests {
    static let data = Fixtures.shippedData.path

    /// zone → villages, uncovered, population, covered population, under 5, births, women 15–49
    /// covered, facilities providing the care, proxies among them.
    static let khammouan: [String: [Int]] = [
        "LA12": [582, 230, 451_329, 287_348, 28_128, 5_812, 78_414, 75, 48],
        "LA1201": [91, 11, 101_178, 88_949, 7_839, 1_633, 24_960, 11, 9],
        "LA1202": [67, 36, 42_875, 19_838, 1_958, 410, 5_507, 8, 7],
        "LA1203": [55, 9, 52_208, 43_667, 3_702, 774, 12_159, 7, 4],
        "LA1204": [103, 51, 56_887, 28_719, 2_728, 557, 7_605, 12, 8],
        "LA1205": [46, 17, 38_979, 24_574, 2_722, 559, 6_612, 6, 4],
        "LA1206": [72, 39, 38_896, 17_828, 2_143, 440, 4_662, 9, 7],
        "LA1207": [31, 23, 30_507, 7_874, 936, 192, 2_032, 5, 0],
        "LA1208": [45, 14, 32_776, 22_579, 2_342, 474, 5_980, 6, 5],
        "LA1209": [40, 18, 30_984, 17_044, 1_973, 408, 4_569, 5, 4],
        "LA1210": [32, 12, 26_039, 16_276, 1_785, 365, 4_328, 6, 0],
    ]
    static let pakxane = [55, 17, 53_570, 37_012, 3_659, 725, 10_058, 7, 6]

    /// The 5 km rows of gaps.csv as zone level and code → the figures above.
    func figures(_ folder: URL) throws -> [String: [Int]] {
        let table = try CSVTable.read(path: folder.appendingPathComponent("gaps.csv").path)
        let columns = [
            "villages_total", "villages_uncovered", "population_total", "population_covered", "under5_covered", "births_live_covered",
            "women_15_49_covered", "facilities", "facilities_proxy",
        ].map { table.header.firstIndex(of: $0)! }
        let level = table.header.firstIndex(of: "zone_level")!, code = table.header.firstIndex(of: "zone_pcode")!
        let threshold = table.header.firstIndex(of: "threshold")!
        var found: [String: [Int]] = [:]
        for row in table.rows where row.fields[threshold] == "5km" {
            found["\(row.fields[level]) \(row.fields[code])"] = columns.map { Int(row.fields[$0]) ?? -1 }
        }
        return found
    }

    func gaps(_ region: String) throws -> (run: CoverageRun, out: URL) {
        let out = try temporaryDirectory()
        let run = try CoverageProcess.run(["gaps", "--data", Self.data, "--region", region, "--tier", "health_centre", "--out", out.path])
        return (run, out)
    }

    @Test func aProvinceByName() throws {
        let (run, out) = try gaps("Khammouane")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == LayersCommandTests.shippedWarnings + #"note: --region: "Khammouane" is province LA12 Khammouan"# + "\n")
        let found = try figures(out)
        var expected = ["region LA12": Self.khammouan["LA12"]!, "province LA12": Self.khammouan["LA12"]!]
        for (code, values) in Self.khammouan where code.count == 6 { expected["district \(code)"] = values }
        #expect(found == expected)
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect((manifest["parameters"] as? [String: String])?["region"] == "LA12")
    }

    @Test func aDistrictByItsLSBName() throws {
        let (run, out) = try gaps("pakxan")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == LayersCommandTests.shippedWarnings + #"note: --region: "pakxan" is district LA1101 Pakxane (Bolikhamxai)"# + "\n")
        #expect(try figures(out) == ["region LA1101": Self.pakxane, "district LA1101": Self.pakxane])
        // The zone layers and the gap areas hold that district alone.
        let districts = try GeoJSONLayer.read(path: out.appendingPathComponent("zones_districts.geojson").path)
        #expect(districts.features.map { $0.properties["pcode"] } == [.string("LA1101")])
        #expect(try GeoJSONLayer.read(path: out.appendingPathComponent("zones_provinces.geojson").path).features.isEmpty)
        let gapAreas = try GeoJSONLayer.read(path: out.appendingPathComponent("gap_areas.geojson").path)
        #expect(!gapAreas.features.isEmpty && gapAreas.features.allSatisfy { $0.properties["district_pcode"] == .string("LA1101") })
        let uncovered = try CSVTable.read(path: out.appendingPathComponent("uncovered_villages.csv").path)
        #expect(uncovered.rows.allSatisfy { $0.fields[2] == "LA1101" } && !uncovered.rows.isEmpty)
        // The table lists the district once, as the region.
        #expect(run.stdout.contains("\nLA1101  Pakxane            17 of 55                16,558       69.1\n"), "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "\nLA1101 ").count == 3, "one row per limit: \(run.stdout)")
    }

    @Test func aListOfADistrictAndAProvince() throws {
        let (run, out) = try gaps("LA1101,Khammouan")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(run.status == 0, "\(run)")
        let found = try figures(out)
        // The region is the sum of its units; its zones are the province, its districts and LA1101.
        let units = [Self.khammouan["LA12"]!, Self.pakxane]
        let sum = (0..<7).map { column in units.reduce(0) { $0 + $1[column] } } + (7..<9).map { column in units.reduce(0) { $0 + $1[column] } }
        #expect(found["region LA1101+LA12"] == sum)
        #expect(found["district LA1101"] == Self.pakxane)
        #expect(found["province LA12"] == Self.khammouan["LA12"])
        #expect(found.keys.filter { $0.hasPrefix("district ") }.count == 11)
        #expect(run.stdout.hasPrefix("Coverage gaps in Pakxane and Khammouan (LA1101+LA12): 637 villages, 1 province, 11 districts;"), "\(run.stdout)")
    }

    @Test(arguments: [
        ("Phongsaly", ["LA02 Phongsaly (province)", "LA0201 Phongsaly (district of Phongsaly)"], "2 regions, provinces and districts are named"),
        ("Khammouanne province", ["LA12 Khammouan (province)"], "no region, province or district has the code or name"),
    ])
    func anUnknownOrAmbiguousNameListsTheClosest(_ region: String, _ lines: [String], _ headline: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("region-\(UUID().uuidString)")
        let run = try CoverageProcess.run(["gaps", "--data", Self.data, "--region", region, "--out", out.path])
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix(LayersCommandTests.shippedWarnings + "error: --region: \(headline) \"\(region)\""), "\(run)")
        // Codes are padded to the longest listed: compare with runs of spaces as one.
        func collapsed(_ line: String) -> String { line.split(separator: " ").joined(separator: " ") }
        let printed = run.stderr.split(separator: "\n").map { collapsed(String($0)) }
        for line in lines { #expect(printed.contains(collapsed(line)), "\(run)") }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// A report for a region of districts: one section, its folder named by the region's id, its
    /// maps drawn (the districts shaded, their provinces' borders).
    @Test func aReportForDistricts() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["report", "--data", Self.data, "--region", "Pakxan,Thakhek", "--out", out.path])
        #expect(run.status == 0, "\(run)")
        let section = out.appendingPathComponent("LA1101+LA1201")
        let names = try FileManager.default.contentsOfDirectory(atPath: section.path).sorted()
        #expect(names.contains("coverage_map_health_centre_5km.svg") && names.contains("uncovered_villages.csv"))
        let map = try String(contentsOf: section.appendingPathComponent("coverage_map_health_centre_5km.svg"), encoding: .utf8)
        #expect(map.contains("Pakxane and Thakhek"))
        let districts = try GeoJSONLayer.read(path: section.appendingPathComponent("zones_districts.geojson").path)
        #expect(districts.features.map { $0.properties["pcode"] } == [.string("LA1101"), .string("LA1201")])
    }
}
