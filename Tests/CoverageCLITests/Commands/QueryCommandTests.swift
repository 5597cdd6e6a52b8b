import Foundation
import GeoIO
import TestSupport
import Testing

/// `coverage query village|facility|point` on the shipped data, run on the built binary.
///
/// The figures were checked by hand against GeoData and an independent distance computation
/// (pyproj 3.7.2 `Geod(ellps="WGS84").inv`, brute force over facilities.geojson):
///
/// - village 101001 B. Nongping (LA0101 Chanthabuly, LA01 Vientiane Capital; villages.geojson):
///   population 2,700, under5 235, births_live 48, women_15_49 844, population_estimated true;
///   nearest health centre HC-LA0101-03 B. Nongping Health Centre at the village itself (0 m);
///   district hospital DH-LA0101 3,932.168 m (× 1.4 ÷ 30 km/h = 11.01 min); central hospital CH-01
///   3,932.168 m (8.26 min by car), which is also the nearest provincial-level hospital (the
///   central hospitals serve as the provincial level; the nearest provincial hospital proper,
///   PH-LA10, is 57,795.096 m away). Vientiane Capital has no provincial hospital, so the chain
///   ends at CH-01, at DH-LA0101's point (0 m from it).
/// - village 1210045 B. Thana (LA1210 Khounkham, LA12 Khammouan): 813 people, 89, 18, 216;
///   nearest HC-LA1204-10 6,170.130 m (129.57 min walking), DH-LA1204 17,797.023 m (49.83 min),
///   PH-LA12 70,201.642 m (147.42 min), CH-01 197,103.477 m (413.92 min); administrative
///   HC-LA1210-02 12,450.420 m and DH-LA1210 18,630.121 m; chain HC-LA1210-02 12,450.420 m
///   (261 min) → DH-LA1210 22,218.904 m (62.21 min) → PH-LA12 77,724.344 m (163.22 min), in all
///   112,393.668 m and 486.89 min.
/// - DH-LA1101: nearest district hospital of 59 villages, 59,380 people, 5,951 under 5, 1,186
///   births, 15,992 women 15–49; PH-LA11 at the same point (0 m).
/// - The point 100.5° E, 13.75° N (Bangkok): 417,142 m from the nearest district, LA0809 Botene
///   (shapely distance in an azimuthal equidistant projection centred on the point).
@Suite("coverage query")
struct QueryCommandTests {
    static let data = LayersPaths.geoData.path

    private func query(_ arguments: [String]) throws -> CoverageRun {
        try CoverageProcess.run(["query"] + arguments + ["--data", Self.data])
    }

    private func json(_ run: CoverageRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    // MARK: village

    @Test func aVillageByCode() throws {
        let run = try query(["village", "101001"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
        #expect(
            run.stdout == """
                B. Nongping (101001) in Chanthabuly, Vientiane Capital: 2,700 people (estimated): 235 under 5, 48 live births a year, 844 women 15–49.
                Covered for health centre, district hospital, provincial hospital and central hospital care, within every standard.
                Referral chain: B. Nongping Health Centre (HC-LA0101-03, 0.0 km, 0 min) → Chanthabuly District Hospital (DH-LA0101, 3.9 km, 11 min) → Central Hospital (Vientiane) (CH-01, 0.0 km, 0 min), as Vientiane Capital has no provincial hospital; 3.9 km, 11 min in all.

                care                 nearest facility                          km  min  covered                  administrative
                ───────────────────  ───────────────────────────────────────  ───  ───  ───────────────────────  ──────────────
                health centre        HC-LA0101-03 B. Nongping Health Centre   0.0    0  5 km yes, 60 min yes     same
                district hospital    DH-LA0101 Chanthabuly District Hospital  3.9   11  20 km yes, 60 min yes    same
                provincial hospital  CH-01 Central Hospital (Vientiane)       3.9    8  60 km yes, 120 min yes   same
                central hospital     CH-01 Central Hospital (Vientiane)       3.9    8  250 km yes, 360 min yes  same

                """)
    }

    @Test func aRemoteVillageWithGapsAndAnotherAdministrativeFacility() throws {
        let run = try query(["village", "1210045"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
        #expect(
            run.stdout == """
                B. Thana (1210045) in Khounkham, Khammouan: 813 people (estimated): 89 under 5, 18 live births a year, 216 women 15–49.
                Covered for district hospital care; not for health centre care (6.2 km, 130 min walking: beyond 5 km and 60 min), provincial hospital care (70.2 km, 147 min by car: beyond 60 km and 120 min) or central hospital care (197.1 km, 414 min by car: beyond 360 min).
                Referral chain: B. Nakha Health Centre (HC-LA1210-02, 12.5 km, 261 min) → Khounkham District Hospital (DH-LA1210, 22.2 km, 62 min) → Khammouan Provincial Hospital (PH-LA12, 77.7 km, 163 min); 112.4 km, 487 min in all.

                care                 nearest facility                           km  min  covered                 administrative
                ───────────────────  ──────────────────────────────────────  ─────  ───  ──────────────────────  ─────────────────────
                health centre        HC-LA1204-10 B. Vang mon Health Centre    6.2  130  5 km no, 60 min no      HC-LA1210-02, 12.5 km
                district hospital    DH-LA1204 Hinboon District Hospital      17.8   50  20 km yes, 60 min yes   DH-LA1210, 18.6 km
                provincial hospital  PH-LA12 Khammouan Provincial Hospital    70.2  147  60 km no, 120 min no    same
                central hospital     CH-01 Central Hospital (Vientiane)      197.1  414  250 km yes, 360 min no  same

                """)
    }

    @Test func aVillageByAUniqueNameIsTheSameAnswer() throws {
        // "B. Nongbouathong-Tai" is one village; the name matches ignoring case and the "B." prefix.
        let byName = try query(["village", "nongbouathong-tai"])
        #expect(byName.status == 0, "\(byName)")
        let code = try #require(byName.stdout.split(separator: "(").dropFirst().first?.split(separator: ")").first)
        let byCode = try query(["village", String(code)])
        #expect(byCode.stdout == byName.stdout)
    }

    @Test func aVillageAsJSON() throws {
        let run = try query(["village", "101001", "--json"])
        #expect(run.status == 0, "\(run)")
        let object = try json(run)
        #expect(object["query"] as? String == "village")
        let village = try #require(object["village"] as? [String: Any])
        #expect(village["village_code"] as? String == "101001")
        #expect(village["population"] as? Int == 2_700)
        #expect(village["under5"] as? Int == 235)
        #expect(village["births_live"] as? Int == 48)
        #expect(village["women_15_49"] as? Int == 844)
        #expect(village["population_estimated"] as? Bool == true)
        #expect(village["district_name"] as? String == "Chanthabuly")
        let care = try #require(object["care"] as? [[String: Any]])
        #expect(care.map { $0["target"] as? String } == ["health_centre", "district_hospital", "provincial_hospital", "central_hospital"])
        let expected: [(String, Double, Double)] = [
            ("HC-LA0101-03", 0, 0), ("DH-LA0101", 3_932.168, 11.01),
            ("CH-01", 3_932.168, 8.26), ("CH-01", 3_932.168, 8.26),
        ]
        for (answer, (id, meters, minutes)) in zip(care, expected) {
            let nearest = try #require(answer["nearest"] as? [String: Any])
            #expect(nearest["facility_id"] as? String == id)
            #expect(abs((nearest["distance_m"] as? Double ?? .nan) - meters) <= 1e-3)
            #expect(abs((nearest["minutes"] as? Double ?? .nan) - minutes) <= 0.005)
        }
        #expect((care[2]["covered"] as? [String: Bool]) == ["60km": true, "120min": true])
        let administrative = try #require(care[2]["administrative"] as? [String: Any])
        #expect(administrative["facility_id"] as? String == "CH-01")
        #expect(care[2]["administrative_differs"] as? Bool == false)
        let chain = try #require(object["referral_chain"] as? [String: Any])
        #expect(chain["referred_to_central"] as? Bool == true)
        let hops = try #require(chain["hops"] as? [[String: Any]])
        #expect(hops.map { $0["facility_id"] as? String } == ["HC-LA0101-03", "DH-LA0101", "CH-01"])
        #expect(hops.map { $0["facility_tier"] as? String } == ["health_centre", "district_hospital", "central_hospital"])
        #expect(hops.map { $0["level"] as? String } == ["health_centre", "district_hospital", "provincial_hospital"])
        #expect(abs((chain["total_distance_m"] as? Double ?? .nan) - 3_932.168) <= 1e-3)
    }

    @Test func aNameSeveralVillagesShareListsThemAll() throws {
        let run = try query(["village", "B. Nongping"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(
            run.stderr == """
                error: 3 villages are named "B. Nongping"; give the code of one:
                  101001   B. Nongping  (Chanthabuly, Vientiane Capital)
                  1205019  B. Nongping  (Nhommalath, Khammouan)
                  1206055  B. Nongping  (Bualapha, Khammouan)

                """)
    }

    @Test func anUnknownNameListsTheClosest() throws {
        let run = try query(["village", "Nongpingg"])
        #expect(run.status == 64, "\(run)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == #"error: no village has the code or name "Nongpingg"; the closest are:"#)
        #expect(
            lines.dropFirst().prefix(3) == [
                "  101001   B. Nongping  (Chanthabuly, Vientiane Capital)",
                "  1205019  B. Nongping  (Nhommalath, Khammouan)",
                "  1206055  B. Nongping  (Bualapha, Khammouan)",
            ])
    }

    @Test func anUnknownCodeListsTheClosestCodes() throws {
        let run = try query(["village", "9999999"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.hasPrefix(#"error: no village has the code or name "9999999"; the closest are:"#))
        #expect(run.stderr.split(separator: "\n").count == 6)
    }

    @Test func aVillageForOneTierOnly() throws {
        let run = try query(["village", "101001", "--tier", "district_hospital", "--json"])
        #expect(run.status == 0, "\(run)")
        let care = try #require(try json(run)["care"] as? [[String: Any]])
        #expect(care.map { $0["target"] as? String } == ["district_hospital"])
    }

    @Test func anUnknownTierIsAUsageError() throws {
        let run = try query(["village", "101001", "--tier", "clinic"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--tier clinic: unknown tier"))
    }

    // MARK: facility

    @Test func aDistrictHospital() throws {
        let run = try query(["facility", "DH-LA1101"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
        #expect(
            run.stdout == """
                Pakxane District Hospital (DH-LA1101) is a district hospital in Pakxane (LA1101), Bolikhamxai (LA11), at 103.66110° E, 18.39420° N.
                Services: epi, cold_chain, delivery. Capacity: not given. Source: proxy.
                Of the 148 district hospitals, it is the nearest to 59 villages, with 59,380 people (estimated): 5,951 under 5, 1,186 live births a year, 15,992 women 15–49.
                The nearest provincial hospital is Bolikhamxai Provincial Hospital (PH-LA11), at the same site.

                served as a district hospital
                ─────────────────────────────  ──────
                villages                           59
                population                     59,380
                under 5                         5,951
                live births                     1,186
                women 15–49                    15,992

                """)
    }

    @Test func aDistrictHospitalWhoseProvincialLevelIsTheCentralHospital() throws {
        // DH-LA0102 → CH-01: 10,284.449 m (pyproj), 21.6 min by car; PH-LA10 is 56.9 km away.
        let run = try query(["facility", "DH-LA0102"])
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout.split(separator: "\n")[3] == "The nearest provincial hospital is Central Hospital (Vientiane) "
                + "(CH-01, a central hospital serving as one), 10.3 km away (22 min by car).")
    }

    @Test func aHealthCentreAsJSON() throws {
        let run = try query(["facility", "hc-la0101-03", "--json"])
        #expect(run.status == 0, "\(run)")
        let object = try json(run)
        let facility = try #require(object["facility"] as? [String: Any])
        #expect(facility["facility_id"] as? String == "HC-LA0101-03")
        #expect(facility["services"] as? [String] == ["epi", "delivery"])
        #expect(facility["capacity"] is NSNull)
        #expect(facility["subtype"] is NSNull)
        let catchment = try #require(object["catchment"] as? [String: Any])
        // pyproj brute force: 4 villages, 10,301 people, 885 under 5, 178 births, 3,145 women 15–49.
        #expect(catchment["villages"] as? Int == 4)
        #expect(catchment["population"] as? Int == 10_301)
        #expect(catchment["under5"] as? Int == 885)
        #expect(catchment["births_live"] as? Int == 178)
        #expect(catchment["women_15_49"] as? Int == 3_145)
        #expect(catchment["tier_facilities"] as? Int == 894)
        let next = try #require(object["next_tier_up"] as? [String: Any])
        let nearest = try #require(next["nearest"] as? [String: Any])
        #expect(nearest["facility_id"] as? String == "DH-LA0101")
        #expect(abs((nearest["distance_m"] as? Double ?? .nan) - 3_932.168) <= 1e-3)
    }

    @Test func theCentralHospitalHasNothingAbove() throws {
        let run = try query(["facility", "CH-01"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("As the only central hospital, it is the nearest to 8,499 villages, with 7,545,667 people (estimated)"))
        #expect(run.stdout.contains("It is the top of the referral system: there is no tier above."))
        let json = try json(try query(["facility", "CH-01", "--json"]))
        #expect(json["next_tier_up"] is NSNull)
    }

    @Test func anUnknownFacilityListsTheClosestIds() throws {
        let run = try query(["facility", "PH-LA99"])
        #expect(run.status == 64, "\(run)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == #"error: no facility has the code or name "PH-LA99"; the closest are:"#)
        #expect(lines.count == 6)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  PH-LA") })
    }

    // MARK: point

    @Test func aPointInVientiane() throws {
        let run = try query(["point", "--lon", "102.6", "--lat", "17.97"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "The point 102.60000° E, 17.97000° N lies in Chanthabuly (LA0101), Vientiane Capital (LA01).")
        #expect(lines.contains { $0.hasPrefix("district hospital    DH-LA0101 Chanthabuly District Hospital") })
    }

    @Test func aPointOutsideLaos() throws {
        let run = try query(["point", "--lon", "100.5", "--lat", "13.75"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first == "The point 100.50000° E, 13.75000° N lies outside every district, 417.1 km from the nearest, Botene (LA0809), "
                + "Xaignabouly (LA08): it is outside the area the layers cover, and the facilities below may lie across a border from it.")
        #expect(lines[1].hasPrefix("Not covered for health centre care"))
        // No administrative column: a place in no district has no units to refer it.
        #expect(lines[2] == "care                 nearest facility                             km    min  covered")

        let json = try json(try query(["point", "--lon", "100.5", "--lat", "13.75", "--json"]))
        let placement = try #require(json["placement"] as? [String: Any])
        #expect(placement["method"] as? String == "outside")
        #expect(placement["district_pcode"] as? String == "LA0809")
        #expect(abs((placement["distance_m"] as? Double ?? .nan) - 417_142) < 500)
        let care = try #require(json["care"] as? [[String: Any]])
        #expect(care.count == 4)
        #expect(care.allSatisfy { $0["administrative"] is NSNull && $0["administrative_differs"] is NSNull })
        #expect(care.allSatisfy { ($0["covered"] as? [String: Bool])?.values.allSatisfy { !$0 } == true })
    }

    @Test func aLatitudeBeyondNinetyIsAUsageError() throws {
        let run = try query(["point", "--lon", "102.6", "--lat", "95"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--lat 95.0: expected a latitude between -90 and 90 degrees"))
    }

    @Test func aMissingLatitudeIsAUsageError() throws {
        let run = try query(["point", "--lon", "102.6"])
        #expect(run.status == 64, "\(run)")
    }
}
