import Foundation
import GeoIO
import TestSupport
import Testing

/// `coverage catchments` on the built binary: the Xaisomboun cut (CoverageCoreTests/Fixtures/
/// catchments, with the figures make_catchments_fixture.py computed by pyproj brute force) and
/// the shipped data.
///
/// National figures checked independently (pyproj `Geod.inv` brute force over GeoData, numpy):
/// the largest health-centre catchments by population are HC-LA0102-06 (26 villages, 63,725
/// people), HC-LA1301-06 (28, 59,848), HC-LA0102-02 (23, 58,361), HC-LA0104-02 (23, 56,903) and
/// HC-LA0609-03 (60, 49,767); the smallest HC-LA0708-08 (369), HC-LA0903-09 (395), HC-LA0402-01
/// (440), HC-LA0705-03 (474), HC-LA0302-01 (520); none serves no village (every proxy health
/// centre sits at a village). The national total 7,545,667 and village 808016 lying outside the
/// districts are from GeoData/README.md.
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
        #expect(run.stderr == "")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(
            lines[0] == "Health centre catchments: 11 facilities serve 96 villages and 116,761 people; "
                + "wrote \(out.path)/catchments_health_centre.geojson and .csv.")
        #expect(lines[2] == "Largest catchments (population served):")
        #expect(lines[5].hasPrefix("HC-LA1805-02  "))
        #expect(lines[5].split(separator: " ").suffix(3).dropLast() == ["20", "27,813"])
        #expect(lines[11] == "Smallest catchments (serving at least one village):")
        #expect(lines[14].hasPrefix("HC-LA1802-01  "))
        #expect(lines[14].split(separator: " ").suffix(3).dropLast() == ["1", "1,072"])
        #expect(lines.last == "Every facility serves at least one village.")

        let rows = try csvRows(out.appendingPathComponent("catchments_health_centre.csv"))
        let want = try expected("health_centre")
        #expect(rows.map { $0["facility_id"] } == want.map { $0["facility_id"] as? String })
        for (row, expected) in zip(rows, want) {
            #expect(row["villages"] == (expected["villages"] as? Int).map(String.init))
            for group in ["population", "under5", "births_live", "women_15_49"] {
                #expect(row[group] == (expected[group] as? Int).map(String.init), "\(row["facility_id"] ?? "") \(group)")
            }
            #expect(row["tier"] == "health_centre")
            #expect(row["province_pcode"] == "LA18")
            #expect(Double(row["area_km2"] ?? "") ?? 0 > 0)
        }
        // The summary's km² are the table's.
        let largest = try #require(rows.first { $0["facility_id"] == "HC-LA1805-02" })
        let km2 = try #require(Double(largest["area_km2"] ?? ""))
        #expect(lines[5].replacingOccurrences(of: ",", with: "").hasSuffix(String(format: " %.1f", km2)))

        let data = try Data(contentsOf: out.appendingPathComponent("catchments_health_centre.geojson"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(document["features"] as? [[String: Any]])
        #expect(features.count == 11)
        #expect(features.allSatisfy { ($0["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon" })
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
        #expect(counts == ["files": 2, "facilities": 5, "facilities_serving_none": 0, "villages": 96, "villages_served": 96, "villages_outside_country": 0])
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        #expect(inputs.map { $0["role"] as? String } == ["provinces", "districts", "villages", "facilities", "regions", "standards"])
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
        // The cut has no rehabilitation (only CH-01 and PH-LA04 offer it, outside Xaisomboun).
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
        let run = try CoverageProcess.run(["catchments", "--data", Self.shipped, "--out", out.path])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(
            lines[0] == "Health centre catchments: 894 facilities serve 8,499 villages and 7,545,667 people; "
                + "wrote \(out.path)/catchments_health_centre.geojson and .csv.")
        let largest = lines[5...9].map { line in
            let cells = line.split(separator: " ").map(String.init)
            return [cells[0], cells[cells.count - 3], cells[cells.count - 2]]
        }
        #expect(
            largest == [
                ["HC-LA0102-06", "26", "63,725"], ["HC-LA1301-06", "28", "59,848"], ["HC-LA0102-02", "23", "58,361"],
                ["HC-LA0104-02", "23", "56,903"], ["HC-LA0609-03", "60", "49,767"],
            ])
        let smallest = lines[14...18].map { line in
            let cells = line.split(separator: " ").map(String.init)
            return [cells[0], cells[cells.count - 2]]
        }
        #expect(
            smallest == [
                ["HC-LA0708-08", "369"], ["HC-LA0903-09", "395"], ["HC-LA0402-01", "440"], ["HC-LA0705-03", "474"],
                ["HC-LA0302-01", "520"],
            ])
        #expect(
            lines.suffix(2) == [
                "Every facility serves at least one village.",
                "1 village lies outside every district, so in no polygon (counted in its facility's figures): 808016.",
            ])
        let rows = try csvRows(out.appendingPathComponent("catchments_health_centre.csv"))
        #expect(rows.count == 894)
        #expect(rows.compactMap { Int($0["population"] ?? "") }.reduce(0, +) == 7_545_667)
        #expect(rows.compactMap { Int($0["villages"] ?? "") }.reduce(0, +) == 8_499)
        // The polygons tile the 148 districts: about 230,400 km² (GeoData/README.md).
        let area = rows.compactMap { Double($0["area_km2"] ?? "") }.reduce(0, +)
        #expect(abs(area - 230_400) < 100)
    }

    @Test func aRehabilitationRunOnTheShippedDataHasTwoFacilities() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try CoverageProcess.run(["catchments", "--data", Self.shipped, "--out", out.path, "--service", "rehabilitation"])
        #expect(run.status == 0, "\(run)")
        let rows = try csvRows(out.appendingPathComponent("catchments_rehabilitation.csv"))
        #expect(rows.map { $0["facility_id"] } == ["CH-01", "PH-LA04"])
        #expect(rows.compactMap { Int($0["population"] ?? "") }.reduce(0, +) == 7_545_667)
    }

    @Test(arguments: [
        (["--tier", "health_centre", "--service", "epi"], "give --tier or --service, not both"),
        (["--tier", "clinic"], "--tier clinic: unknown tier"),
        (["--service", "dentistry"], "--service dentistry: unknown service"),
        (["--threads", "0"], "--threads 0: expected a number of threads ≥ 1"),
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
        #expect(run.stderr.hasPrefix("error: "))
    }
}
