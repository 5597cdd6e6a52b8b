import Foundation
import GeoIO
import TestSupport
import Testing

/// `coverage catchments` on the built binary: the Xaisomboun cut (CoverageCoreTests/Fixtures/
/// catchments, with the figures make_catchments_fixture.py computed by pyproj brute force) and
/// the shipped data.
///
/// National figures checked independently (pyproj `Geod.inv` brute force over GeoData, numpy, with
/// issue 14's care model: the facilities providing health-centre care are every facility but NC-01
/// and RC-LA04, whose `care_packages` is [], 1,124 of 1,126): the largest health-centre catchments
/// by population are PH-LA16 (29 villages, 52,062 people), DH-LA0101 (19, 50,099), DH-LA0102 (20,
/// 49,019), DH-LA0103 (14, 42,014) and CH-02 (16, 37,518); the smallest HC-LA0708-08 (369),
/// HC-LA0205-07 (404), HC-LA1503-04 (518), HC-LA0302-09 (520), HC-LA0302-08 (521); one serves no
/// village, HC-LA1002-01 (an OSM health centre 2.1 km from HC-LA1002-02). The nearest and second
/// nearest provider of every village differ by at least 0.35 m. The national total 7,545,667 and
/// village 808016 lying outside the districts are from GeoData/README.md.
@Suite("coverage catchments")
struct CatchmentsCommandTests {
    static let cut = CoverageProcess.coreFixtures.appendingPathComponent("catchments").path
    static let shipped = LayersPaths.geoData.path

    /// expected_catchments.json of the cut.
    private func expected(_ tier: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.cut).appendingPathComponent("expected_catchments.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tiers = try #require(document["tiers"] as? [String: Any])
        return try #require((tiers[tier] as? [String: Any])?["facilities"] as? [[String: Any]])
    }

    /// The CSV rows of a file as dictionaries (the outputs have no quoted commas in these columns).
    private func csvRows(_ url: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    @Test func healthCentresOfTheCutMatchPyproj() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["catchments", "--data", Self.cut, "--out", out.path])
        #expect(run.status == 0, "\(run)")
        // The cut keeps three of the shipped data's flaws: 1805017 and 1805019 lie in LA1805, 36.5 and
        // 37.5 km from their stated LA1803, and so does HC-LA1803-01, placed at 1805019.
        #expect(
            run.stderr == """
                Layers: 3 warnings (outside_stated_district 3); coverage layers validate lists them.
                  worst: \(Self.cut)/villages.geojson: feature 88 (1805019): field geometry: the village lies in LA1805 Longsane, 37.5 km \
                from its stated district LA1803

                """)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        // The 17 facilities of the cut provide health-centre care (expected_catchments.json): the
        // largest catchment is PH-LA18's (8 villages, 12,844 people), the smallest HC-LA1802-01's (1,
        // 1,072), and DH-LA1801, at PH-LA18's point, loses the tie and serves none.
        #expect(
            lines[0] == "Health centre catchments: 17 facilities serve 96 villages and 116,761 people; "
                + "wrote \(out.path)/catchments_health_centre.geojson and .csv.")
        #expect(lines[2] == "Largest catchments (population served):")
        #expect(lines[5].hasPrefix("PH-LA18  "))
        #expect(lines[5].split(separator: " ").suffix(3).dropLast() == ["8", "12,844"])
        #expect(lines[11] == "Smallest catchments (serving at least one village):")
        #expect(lines[14].hasPrefix("HC-LA1802-01  "))
        #expect(lines[14].split(separator: " ").suffix(3).dropLast() == ["1", "1,072"])
        #expect(lines.last == "1 facility serves no village (another facility is nearer to each village): DH-LA1801.")

        let rows = try csvRows(out.appendingPathComponent("catchments_health_centre.csv"))
        let want = try expected("health_centre")
        #expect(rows.map { $0["facility_id"] } == want.map { $0["facility_id"] as? String })
        for (row, expected) in zip(rows, want) {
            #expect(row["villages"] == (expected["villages"] as? Int).map(String.init))
            for group in ["population", "under5", "births_live", "women_15_49"] {
                #expect(row[group] == (expected[group] as? Int).map(String.init), "\(row["facility_id"] ?? "") \(group)")
            }
            // The facility's own tier, which its id begins with.
            let tiers = ["HC": "health_centre", "DH": "district_hospital", "PH": "provincial_hospital"]
            #expect(row["tier"] == tiers[String(row["facility_id"]?.prefix(2) ?? "")], "\(row["facility_id"] ?? "")")
            #expect(row["province_pcode"] == "LA18")
            if row["facility_id"] == "DH-LA1801" {
                #expect(row["area_km2"] == "0")
            } else {
                #expect(Double(row["area_km2"] ?? "") ?? 0 > 0)
            }
        }
        // The summary's km² are the table's.
        let largest = try #require(rows.first { $0["facility_id"] == "PH-LA18" })
        let km2 = try #require(Double(largest["area_km2"] ?? ""))
        #expect(lines[5].replacingOccurrences(of: ",", with: "").hasSuffix(String(format: " %.1f", km2)))

        let data = try Data(contentsOf: out.appendingPathComponent("catchments_health_centre.geojson"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(document["features"] as? [[String: Any]])
        #expect(features.count == 17)
        // Every catchment with villages has a polygon; DH-LA1801's (the second feature) has none.
        #expect(features[1]["geometry"] is NSNull)
        #expect(features.enumerated().filter { $0.offset != 1 }.allSatisfy { ($0.element["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon" })
        let properties = try #require(features.first?["properties"] as? [String: Any])
        #expect(
            Set(properties.keys) == [
                "facility_id", "facility_name", "tier", "district_pcode", "province_pcode", "villages",
                "population", "under5", "births_live", "women_15_49", "area_km2",
            ])
    }

    @Test func theManifestRecordsTheRun() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["catchments", "--data", Self.cut, "--out", out.path, "--tier", "district_hospital"])
        #expect(run.status == 0, "\(run)")
        let data = try Data(contentsOf: out.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["outputs"] as? [String] == ["catchments_district_hospital.geojson", "catchments_district_hospital.csv"])
        #expect((manifest["parameters"] as? [String: String])?["target"] == "district_hospital")
        let counts = try #require(manifest["counts"] as? [String: Int])
        // PH-LA18 and the 5 district hospitals provide district-hospital care; DH-LA1801 serves none
        // (expected_catchments.json).
        #expect(counts == ["files": 2, "facilities": 6, "facilities_serving_none": 1, "villages": 96, "villages_served": 96, "villages_outside_country": 0])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        // The standards are read first: their care model is needed to load the facilities.
        #expect(inputs.map { $0["role"] as? String } == ["standards", "provinces", "districts", "villages", "facilities", "regions"])
        #expect(Set((manifest["timings"] as? [String: Double])?.keys.map { $0 } ?? []) == ["load", "assign", "polygons", "write"])
        let rows = try csvRows(out.appendingPathComponent("catchments_district_hospital.csv"))
        let want = try expected("district_hospital")
        #expect(rows.map { $0["population"] } == want.map { ($0["population"] as? Int).map(String.init) })
    }

    @Test func theOutputsDoNotDependOnTheThreadCount() throws {
        let one = try temporaryDirectory(), two = try temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: two)
        }
        for (folder, threads) in [(one, "1"), (two, "3")] {
            let run = try CoverageProcess.run(["catchments", "--data", Self.cut, "--out", folder.path, "--threads", threads])
            #expect(run.status == 0, "\(run)")
        }
        for name in ["catchments_health_centre.geojson", "catchments_health_centre.csv"] {
            #expect(try Data(contentsOf: one.appendingPathComponent(name)) == Data(contentsOf: two.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func aServiceNoFacilityOffersGivesEmptyTables() throws {
        // The cut has no rehabilitation: no facility of it lists the service, and the cut's standards
        // give no tier default services.
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["catchments", "--data", Self.cut, "--out", out.path, "--service", "rehabilitation"])
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout == "No facility provides rehabilitation: no catchments (wrote \(out.path)/catchments_rehabilitation.geojson and .csv, both empty).\n")
        #expect(
            try String(contentsOf: out.appendingPathComponent("catchments_rehabilitation.csv"), encoding: .utf8)
                == "facility_id,facility_name,tier,district_pcode,province_pcode,villages,population,under5,births_live,women_15_49,area_km2\n")
    }

    @Test func nationalHealthCentreCatchments() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["catchments", "--data", Self.shipped, "--out", out.path, "--travel", "straight"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(
            lines[0] == "Health centre catchments: 1,124 facilities serve 8,499 villages and 7,545,667 people; "
                + "wrote \(out.path)/catchments_health_centre.geojson and .csv.")
        let largest = lines[5...9].map { line in
            let cells = line.split(separator: " ").map(String.init)
            return [cells[0], cells[cells.count - 3], cells[cells.count - 2]]
        }
        #expect(
            largest == [
                ["PH-LA16", "29", "52,062"], ["DH-LA0101", "19", "50,099"], ["DH-LA0102", "20", "49,019"],
                ["DH-LA0103", "14", "42,014"], ["CH-02", "16", "37,518"],
            ])
        let smallest = lines[14...18].map { line in
            let cells = line.split(separator: " ").map(String.init)
            return [cells[0], cells[cells.count - 2]]
        }
        #expect(
            smallest == [
                ["HC-LA0708-08", "369"], ["HC-LA0205-07", "404"], ["HC-LA1503-04", "518"], ["HC-LA0302-09", "520"],
                ["HC-LA0302-08", "521"],
            ])
        #expect(
            lines.suffix(2) == [
                "1 facility serves no village (another facility is nearer to each village): HC-LA1002-01.",
                "1 village lies outside every district, so in no polygon (counted in its facility's figures): 808016.",
            ])
        let rows = try csvRows(out.appendingPathComponent("catchments_health_centre.csv"))
        #expect(rows.count == 1_124)
        #expect(rows.compactMap { Int($0["population"] ?? "") }.reduce(0, +) == 7_545_667)
        #expect(rows.compactMap { Int($0["villages"] ?? "") }.reduce(0, +) == 8_499)
        // The polygons tile the 148 districts: about 230,400 km² (GeoData/README.md).
        let area = rows.compactMap { Double($0["area_km2"] ?? "") }.reduce(0, +)
        #expect(abs(area - 230_400) < 100)
    }

    /// The two facilities whose `services` list rehabilitation (facilities.geojson): NC-01 and
    /// RC-LA04; no tier offers it by default. Pyproj brute force: NC-01 serves 5,038 villages and
    /// 5,459,588 people, RC-LA04 3,461 and 2,086,079.
    @Test func aRehabilitationRunOnTheShippedDataHasTwoFacilities() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["catchments", "--data", Self.shipped, "--out", out.path, "--service", "rehabilitation"])
        #expect(run.status == 0, "\(run)")
        let rows = try csvRows(out.appendingPathComponent("catchments_rehabilitation.csv"))
        #expect(rows.map { $0["facility_id"] } == ["NC-01", "RC-LA04"])
        #expect(rows.map { $0["villages"] } == ["5038", "3461"] && rows.map { $0["population"] } == ["5459588", "2086079"])
        #expect(rows.compactMap { Int($0["population"] ?? "") }.reduce(0, +) == 7_545_667)
    }

    @Test(arguments: [
        (["--tier", "health_centre", "--service", "epi"], "give --tier or --service, not both"),
        (["--tier", "clinic"], "--tier clinic: unknown tier"),
        (["--service", "dentistry"], "--service dentistry: unknown service"),
        (["--threads", "0"], "--threads: expected a whole number of threads ≥ 1, found 0"),
    ])
    func badOptionsAreUsageErrors(arguments: [String], message: String) throws {
        let run = try CoverageProcess.run(["catchments", "--data", Self.cut, "--out", "/nonexistent/never"] + arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains(message), "\(run)")
    }

    @Test func anOutputFolderThatCannotBeCreatedExits73() throws {
        let blocker = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: blocker) }
        let file = blocker.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let run = try CoverageProcess.run(["catchments", "--data", Self.cut, "--out", file.appendingPathComponent("sub").path])
        #expect(run.status == 73, "\(run)")
        #expect(run.stderr.split(separator: "\n").last?.hasPrefix("error: ") == true, "\(run)")
    }
}
