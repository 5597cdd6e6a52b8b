import Foundation
import GeoIO
import TestSupport
import Testing

/// `coverage query village|facility|point` on the shipped data, run on the built binary.
///
/// The figures were checked by hand against GeoData and an independent distance computation
/// (pyproj 3.7.2 `Geod(ellps="WGS84").inv`, brute force over facilities.geojson, with issue 14's
/// care model: a facility provides its tier's care package and those below unless its
/// `care_packages` says otherwise, so district, provincial and central hospitals count for
/// health-centre care; the administrative referral counts a facility at its own tier only):
///
/// - village 101001 B. Nongping (LA0101 Chanthabuly, LA01 Vientiane Capital; villages.geojson):
///   population 2,700, under5 235, births_live 48, women_15_49 844, population_estimated true;
///   nearest health-centre care HC-LA0101-01 B. Nongping Health Centre, a proxy at the village
///   itself (0 m); district hospital DH-LA0101 3,512.692 m (× 1.4 ÷ 30 km/h = 9.84 min); central
///   hospital CH-03 3,537.350 m (7.43 min by car), which is also the nearest provider of the
///   provincial level (the central hospitals provide it; CH-01 is 3,572.471 m away, PH-LA10
///   53,488.261 m). Vientiane Capital has no provincial hospital, so the chain ends at the central
///   hospital nearest DH-LA0101: CH-02, 1,572.227 m (3.30 min) from it; 5,084.920 m, 13.14 min in all.
/// - village 1210045 B. Thana (LA1210 Khounkham, LA12 Khammouan): 813 people, 89, 18, 216;
///   nearest HC-LA1210-03 8,903.365 m (186.97 min walking), DH-LA1204 27,091.945 m (75.86 min),
///   PH-LA12 70,715.513 m (148.50 min), CH-05 191,932.566 m (403.06 min); administrative
///   HC-LA1210-03 (the same) and DH-LA1210 28,070.523 m; chain HC-LA1210-03 8,903.365 m
///   (187 min) → DH-LA1210 24,618.242 m (68.93 min) → PH-LA12 92,973.527 m (195.24 min), in all
///   126,495.134 m and 451.15 min.
/// - DH-LA1102 Thaphabat Community Hospital (OSM): of the 160 facilities providing district-hospital
///   care (138 district, 17 provincial and 5 central hospitals), the nearest to 26 villages, 23,519
///   people, 2,076 under 5, 416 births, 6,266 women 15–49; the nearest provider of the provincial
///   level is PH-LA11, 49,829.467 m (104.64 min by car).
/// - The point 100.5° E, 13.75° N (Bangkok): 417,142 m from the nearest district, LA0809 Botene
///   (shapely distance in an azimuthal equidistant projection centred on the point).
@Suite("coverage query")
struct QueryCommandTests {
    static let data = LayersPaths.geoData.path

    /// The figures above are the straight-line model's (the raster is checked in RasterTravelCommandTests).
    private func query(_ arguments: [String]) throws -> CoverageRun {
        try CoverageProcess.run(["query"] + arguments + ["--data", Self.data, "--travel", "straight"])
    }

    /// Standard error after the layers' warnings, which every query prints first.
    private func messages(_ run: CoverageRun, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(run.stderr.hasPrefix(LayersCommandTests.shippedWarnings), "\(run)", sourceLocation: sourceLocation)
        return String(run.stderr.dropFirst(LayersCommandTests.shippedWarnings.count))
    }

    private func json(_ run: CoverageRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    // MARK: village

    /// Provincial-level care is nearest at a central hospital (CH-03), so the answer names the
    /// nearest provincial hospital proper too (PH-LA10, 53.5 km); proxies are marked in the table.
    @Test func aVillageByCode() throws {
        let run = try query(["village", "101001"])
        #expect(run.status == 0, "\(run)")
        #expect(messages(run) == "")
        #expect(
            run.stdout == """
                B. Nongping (101001) in Chanthabuly, Vientiane Capital: 2,700 people (estimated): 235 under 5, 48 live births a year, 844 women 15–49.
                Covered for health centre, district hospital, provincial hospital and central hospital care, within every standard.
                Provincial hospital care is nearest at Mittaphap Hospital (CH-03, a central hospital); the nearest provincial hospital is Vientiane Provincial Hospital (PH-LA10, 53.5 km).
                Referral chain: B. Nongping Health Centre (HC-LA0101-01, 0.0 km, 0 min) → Chanthabouli District Hospital (DH-LA0101, 3.5 km, 10 min) → Mahosot ER (CH-02, 1.6 km, 3 min), as Vientiane Capital has no provincial hospital; 5.1 km, 13 min in all.

                care                 nearest provider                                 km  min  covered                  administrative
                ───────────────────  ──────────────────────────────────────────────  ───  ───  ───────────────────────  ──────────────
                health centre        HC-LA0101-01 B. Nongping Health Centre (proxy)  0.0    0  5 km yes, 60 min yes     same
                district hospital    DH-LA0101 Chanthabouli District Hospital        3.5   10  20 km yes, 60 min yes    same
                provincial hospital  CH-03 Mittaphap Hospital                        3.5    7  60 km yes, 120 min yes   same
                central hospital     CH-03 Mittaphap Hospital                        3.5    7  250 km yes, 360 min yes  same
                Note: Minutes of health centre: straight-line estimates (geodesic km × 1.4 ÷ 4 km/h, walking).
                Note: Minutes of district hospital: straight-line estimates (geodesic km × 1.4 ÷ 30 km/h, motorbike).
                Note: Minutes of provincial hospital, central hospital: straight-line estimates (geodesic km × 1.4 ÷ 40 km/h, car).

                """)
    }

    /// Since issue 14 B. Thana is beyond every standard but the central hospital's 250 km (the
    /// nearest district hospital, DH-LA1204, is 27.1 km away), and its administrative district
    /// hospital is another one, DH-LA1210.
    @Test func aRemoteVillageWithGapsAndAnotherAdministrativeFacility() throws {
        let run = try query(["village", "1210045"])
        #expect(run.status == 0, "\(run)")
        #expect(messages(run) == "")
        #expect(
            run.stdout == """
                B. Thana (1210045) in Khounkham, Khammouan: 813 people (estimated): 89 under 5, 18 live births a year, 216 women 15–49.
                Not covered for health centre care (8.9 km, 187 min walking: beyond 5 km and 60 min), district hospital care (27.1 km, 76 min by motorbike: beyond 20 km and 60 min), provincial hospital care (70.7 km, 149 min by car: beyond 60 km and 120 min) or central hospital care (191.9 km, 403 min by car: beyond 360 min).
                Referral chain: Khounphet Health Center (HC-LA1210-03, 8.9 km, 187 min) → Khounkham Community Hospital (DH-LA1210, 24.6 km, 69 min) → Khammouan Provincial Hospital (PH-LA12, 93.0 km, 195 min); 126.5 km, 451 min in all.

                care                 nearest provider                          km  min  covered                 administrative
                ───────────────────  ─────────────────────────────────────  ─────  ───  ──────────────────────  ──────────────────
                health centre        HC-LA1210-03 Khounphet Health Center     8.9  187  5 km no, 60 min no      same
                district hospital    DH-LA1204 Hinboun Community Hospital    27.1   76  20 km no, 60 min no     DH-LA1210, 28.1 km
                provincial hospital  PH-LA12 Khammouan Provincial Hospital   70.7  149  60 km no, 120 min no    same
                central hospital     CH-05 Setthathirath Hospital           191.9  403  250 km yes, 360 min no  same
                Note: Minutes of health centre: straight-line estimates (geodesic km × 1.4 ÷ 4 km/h, walking).
                Note: Minutes of district hospital: straight-line estimates (geodesic km × 1.4 ÷ 30 km/h, motorbike).
                Note: Minutes of provincial hospital, central hospital: straight-line estimates (geodesic km × 1.4 ÷ 40 km/h, car).

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
            ("HC-LA0101-01", 0, 0), ("DH-LA0101", 3_512.692, 9.836),
            ("CH-03", 3_537.350, 7.428), ("CH-03", 3_537.350, 7.428),
        ]
        for (answer, (id, meters, minutes)) in zip(care, expected) {
            let nearest = try #require(answer["nearest"] as? [String: Any])
            #expect(nearest["facility_id"] as? String == id)
            #expect(abs((nearest["distance_m"] as? Double ?? .nan) - meters) <= 1e-3)
            #expect(abs((nearest["minutes"] as? Double ?? .nan) - minutes) <= 0.005)
        }
        #expect((care[2]["covered"] as? [String: Bool]) == ["60km": true, "120min": true])
        let administrative = try #require(care[2]["administrative"] as? [String: Any])
        #expect(administrative["facility_id"] as? String == "CH-03")
        #expect(care[2]["administrative_differs"] as? Bool == false)
        let chain = try #require(object["referral_chain"] as? [String: Any])
        #expect(chain["referred_to_central"] as? Bool == true)
        let hops = try #require(chain["hops"] as? [[String: Any]])
        #expect(hops.map { $0["facility_id"] as? String } == ["HC-LA0101-01", "DH-LA0101", "CH-02"])
        #expect(hops.map { $0["facility_tier"] as? String } == ["health_centre", "district_hospital", "central_hospital"])
        #expect(hops.map { $0["level"] as? String } == ["health_centre", "district_hospital", "provincial_hospital"])
        #expect(abs((chain["total_distance_m"] as? Double ?? .nan) - 5_084.920) <= 1e-3)
    }

    @Test func aNameSeveralVillagesShareListsThemAll() throws {
        let run = try query(["village", "B. Nongping"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(
            messages(run) == """
                error: 3 villages are named "B. Nongping"; give the code of one:
                  101001   B. Nongping  (Chanthabuly, Vientiane Capital)
                  1205019  B. Nongping  (Nhommalath, Khammouan)
                  1206055  B. Nongping  (Bualapha, Khammouan)

                """)
    }

    @Test func anUnknownNameListsTheClosest() throws {
        let run = try query(["village", "Nongpingg"])
        #expect(run.status == 64, "\(run)")
        let lines = messages(run).split(separator: "\n").map(String.init)
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
        #expect(messages(run).hasPrefix(#"error: no village has the code or name "9999999"; the closest are:"#))
        #expect(messages(run).split(separator: "\n").count == 6)
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

    /// DH-LA1102 (DH-LA1101, at PH-LA11's point, is gone since issue 14: Pakxan has only the
    /// provincial hospital in OpenStreetMap). Its packages and services are its tier's defaults in
    /// standards.yaml (facilities.geojson gives `care_packages` and `services` null).
    @Test func aDistrictHospital() throws {
        let run = try query(["facility", "DH-LA1102"])
        #expect(run.status == 0, "\(run)")
        #expect(messages(run) == "")
        #expect(
            run.stdout == """
                Thaphabat Community Hospital (DH-LA1102) is a district hospital in Thaphabath (LA1102), Bolikhamxai (LA11), at 103.19570° E, 18.33050° N.
                Care provided: health centre, district hospital. Services: epi, cold_chain, delivery (assumed: its tier's defaults; the layer lists none). Capacity: not given. Source: OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0).
                Of the 160 facilities providing district hospital care, it is the nearest to 26 villages, with 23,519 people (estimated): 2,076 under 5, 416 live births a year, 6,266 women 15–49.
                The nearest provincial hospital is Bolikhamxai Provincial Hospital (PH-LA11), 49.8 km away (105 min by car).

                served for district hospital care
                ─────────────────────────────────  ──────
                villages                               26
                population                         23,519
                under 5                             2,076
                live births                           416
                women 15–49                         6,266
                Note: Minutes of health centre: straight-line estimates (geodesic km × 1.4 ÷ 4 km/h, walking).
                Note: Minutes of district hospital: straight-line estimates (geodesic km × 1.4 ÷ 30 km/h, motorbike).
                Note: Minutes of provincial hospital, central hospital: straight-line estimates (geodesic km × 1.4 ÷ 40 km/h, car).

                """)
    }

    @Test func aDistrictHospitalWhoseProvincialLevelIsTheCentralHospital() throws {
        // DH-LA0102 → CH-02: 5,380.822 m (pyproj), 11.3 min by car; PH-LA10 is 56.0 km away.
        let run = try query(["facility", "DH-LA0102"])
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout.split(separator: "\n")[3] == "The nearest provincial hospital is Mahosot ER "
                + "(CH-02, a central hospital serving as one), 5.4 km away (11 min by car).")
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
        // HC-LA0101-03 is since issue 14 the proxy B. Hongkaikeo Health Centre (services null: the
        // health-centre defaults of standards.yaml). Pyproj brute force over the 1,124 facilities
        // providing health-centre care (all but NC-01 and RC-LA04): 13 villages, 37,210 people,
        // 3,181 under 5, 640 births, 11,118 women 15–49; DH-LA0101 is 1,737.041 m away.
        #expect(catchment["villages"] as? Int == 13)
        #expect(catchment["population"] as? Int == 37_210)
        #expect(catchment["under5"] as? Int == 3_181)
        #expect(catchment["births_live"] as? Int == 640)
        #expect(catchment["women_15_49"] as? Int == 11_118)
        #expect(catchment["providers"] as? Int == 1_124)
        let next = try #require(object["next_tier_up"] as? [String: Any])
        let nearest = try #require(next["nearest"] as? [String: Any])
        #expect(nearest["facility_id"] as? String == "DH-LA0101")
        #expect(abs((nearest["distance_m"] as? Double ?? .nan) - 1_737.041) <= 1e-3)
    }

    @Test func aRehabilitationCentreFiledAsAHospitalAnswersForItsService() throws {
        // RC-LA04 provides no care package (`care_packages` []), only rehabilitation; by pyproj
        // brute force over the two providers (NC-01, RC-LA04) it is the nearest to 3,461 villages,
        // 2,086,079 people. It used to fail: it has no catchment of its own tier.
        let run = try query(["facility", "RC-LA04"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Care provided: none. Services: rehabilitation."))
        #expect(
            run.stdout.contains(
                "Of the 2 facilities providing rehabilitation care, it is the nearest to 3,461 villages, with 2,086,079 people (estimated)"))
        let object = try json(try query(["facility", "RC-LA04", "--json"]))
        let catchment = try #require(object["catchment"] as? [String: Any])
        #expect(catchment["target"] as? String == "rehabilitation" && catchment["providers"] as? Int == 2)
        #expect((object["facility"] as? [String: Any])?["care_packages"] as? [String] == [])
    }

    @Test func theCentralHospitalHasNothingAbove() throws {
        let run = try query(["facility", "CH-01"])
        #expect(run.status == 0, "\(run)")
        // Five central hospitals provide central-hospital care (NC-01's `care_packages` is []); by
        // pyproj brute force CH-01 is the nearest of them to 162 villages, 236,846 people.
        #expect(
            run.stdout.contains(
                "Of the 5 facilities providing central hospital care, it is the nearest to 162 villages, with 236,846 people (estimated)"))
        #expect(run.stdout.contains("It is the top of the referral system: there is no tier above."))
        let json = try json(try query(["facility", "CH-01", "--json"]))
        #expect(json["next_tier_up"] is NSNull)
    }

    @Test func anUnknownFacilityListsTheClosestIds() throws {
        let run = try query(["facility", "PH-LA99"])
        #expect(run.status == 64, "\(run)")
        let lines = messages(run).split(separator: "\n").map(String.init)
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
        // The nearest provider of health-centre care is the district hospital, 1,328.276 m away by
        // pyproj (27.9 min walking); the administrative health centre is HC-LA0101-03, 3,019.067 m.
        #expect(lines.contains { $0.hasPrefix("district hospital    DH-LA0101 Chanthabouli District Hospital  1.3    4") })
        #expect(
            lines.contains {
                $0.hasPrefix("health centre        DH-LA0101 Chanthabouli District Hospital  1.3   28  5 km yes, 60 min yes")
                    && $0.hasSuffix("HC-LA0101-03, 3.0 km")
            })
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
        #expect(lines[2] == "care                 nearest provider                                     km    min  covered")
        // Pyproj brute force over the providers: HC-LA0809-02 (a proxy) 420,437.743 m, 8,829 min walking.
        #expect(lines[4].hasPrefix("health centre        HC-LA0809-02 B. Nouengphae Health Centre (proxy)  420.4  8,829  "))

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
        #expect(run.stderr.contains("--lat: expected a latitude between -90 and 90 degrees, found 95"))
    }

    @Test func aMissingLatitudeIsAUsageError() throws {
        let run = try query(["point", "--lon", "102.6"])
        #expect(run.status == 64, "\(run)")
    }
}
