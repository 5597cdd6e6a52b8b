import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

@Suite("StandardsFile")
struct StandardsFileTests {
    @Test func theShippedStandards() throws {
        let read = try StandardsFile.read(path: LayerFixtures.geoData.appendingPathComponent("standards.yaml").path)
        #expect(read.travelModel == TravelModel(detourFactor: 1.4, speedsKmh: [.walking: 4, .motorbike: 30, .car: 40]))
        #expect(read.standards.count == 10)
        let rehabilitation = try read.standard(for: .service(.rehabilitation))
        #expect(rehabilitation.thresholds == [.kilometers(100), .minutes(120), .minutes(240), .minutes(480)])
        #expect(try read.standard(for: .tier(.healthCentre)).mode == .walking)
        #expect(try read.standard(for: .tier(.healthCentre)).primaryThreshold == .kilometers(5))
        #expect(try FacilityTier.allCases.map { try read.standard(for: .tier($0)).capacity } == [5_000, 50_000, 500_000, 8_000_000])
        #expect(rehabilitation.capacity == nil)
    }

    @Test func travelTimeAndItsInverse() {
        let travel = TravelModel(detourFactor: 1.4, speedsKmh: [.walking: 4])
        // 10 km straight = 14 km on foot at 4 km/h = 3.5 h.
        #expect(abs(travel.minutes(distanceMeters: 10_000, mode: .walking) - 210) < 1e-9)
        #expect(abs(travel.distanceMeters(minutes: 210, mode: .walking) - 10_000) < 1e-9)
    }

    @Test func thresholdsAreInclusiveAndNeverCoverTheUnreachable() {
        #expect(CoverageThreshold.kilometers(5).covers(distanceMeters: 5_000, minutes: nil))
        #expect(!CoverageThreshold.kilometers(5).covers(distanceMeters: 5_000.001, minutes: nil))
        #expect(CoverageThreshold.minutes(60).covers(distanceMeters: nil, minutes: 60))
        #expect(!CoverageThreshold.minutes(60).covers(distanceMeters: 1, minutes: nil))
        #expect(CoverageThreshold.kilometers(2.5).label == "2.5km" && CoverageThreshold.minutes(60).label == "60min")
        #expect([CoverageThreshold.minutes(30), .kilometers(10), .kilometers(5)].sorted() == [.kilometers(5), .kilometers(10), .minutes(30)])
    }

    @Test func overridesReplaceEveryTargetsLimits() throws {
        let read = try readStandards(travelModelLines + "tiers:\n  health_centre: {max_km: 5, max_minutes: [60, 90], mode: walking}\n")
        let wide = read.overriding(kilometers: [5, 10, 15], minutes: nil)
        #expect(try wide.standard(for: .tier(.healthCentre)).thresholds == [.kilometers(5), .kilometers(10), .kilometers(15), .minutes(60), .minutes(90)])
    }

    @Test func theShippedStandardsMeasureWalkingOverTheRasterAndMotorizedCareStraight() throws {
        let read = try StandardsFile.read(path: LayerFixtures.geoData.appendingPathComponent("standards.yaml").path)
        #expect(
            read.friction.paths == [
                .walking: LayerFixtures.geoData.appendingPathComponent("friction_walking.tif").standardizedFileURL.path,
                .motorized: LayerFixtures.geoData.appendingPathComponent("friction_motorized.tif").standardizedFileURL.path,
            ])
        #expect(read.standards.values.allSatisfy { $0.travel == ($0.mode == .walking ? .raster : .straight) })
        #expect(Set(read.standards.values.filter { $0.travel == .raster }.map(\.target)) == [.tier(.healthCentre), .service(.epi), .service(.delivery)])
        #expect(read.frictionKindsUsed == [.walking])
    }

    @Test func aStandardIsMeasuredOverARasterWhenTheFileNamesOneForItsMode() throws {
        let read = try readStandards(
            travelModelLines + "friction: {walking: /data/walk.tif}\ntiers:\n  health_centre: {max_km: 5, mode: walking}\n"
                + "  district_hospital: {max_km: 20, mode: car}\nservices:\n  epi: {max_km: 5, mode: walking, travel: straight}\n")
        #expect(read.friction.paths == [.walking: "/data/walk.tif"])
        #expect(try read.standard(for: .tier(.healthCentre)).travel == .raster)
        // No motorized raster named: a car is measured straight.
        #expect(try read.standard(for: .tier(.districtHospital)).travel == .straight)
        #expect(try read.standard(for: .service(.epi)).travel == .straight)
        #expect(read.frictionKindsUsed == [.walking])
        #expect(read.travelDescriptions["health_centre"] == "raster walking: /data/walk.tif")
        #expect(read.travelDescriptions["district_hospital"] == "straight car: 50.0 km/h, detour 1.5")
    }

    @Test func travelAndFrictionOverridesReplaceTheFiles() throws {
        let read = try readStandards(travelModelLines + "tiers:\n  health_centre: {max_km: 5, mode: walking}\n  district_hospital: {max_km: 20, mode: car}\n")
        let raster = read.overriding(travel: .raster, friction: [.walking: "/a.tif", .motorized: "/b.tif"])
        #expect(raster.standards.values.allSatisfy { $0.travel == .raster })
        #expect(raster.friction.paths == [.walking: "/a.tif", .motorized: "/b.tif"])
        #expect(raster.frictionKindsUsed == [.walking, .motorized])
        // Raster travel with no raster named for a mode: a plain error, before any work.
        #expect(throws: InputError.self) { try read.overriding(travel: .raster, friction: [.walking: "/a.tif"]).loadFriction() }
        do {
            try read.overriding(travel: .raster, friction: nil).loadFriction()
        } catch let error as InputError {
            #expect(error.reason.contains("raster travel by motorized needs a friction raster"), "\(error)")
        }
        // A missing file is named.
        do {
            try read.overriding(travel: .raster, friction: [.walking: "/no/such.tif", .motorized: "/no/such.tif"]).loadFriction()
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.file == "/no/such.tif", "\(error)")
        }
    }

    // Lines and columns counted by hand: the model takes lines 1–3, the section key line 4.
    @Test(
        arguments: [
            (travelModelLines + "tiers:\n  helth_centre: {max_km: 5, mode: walking}\n", 5, 3, "unknown tier \"helth_centre\"", "did you mean health_centre?"),
            (travelModelLines + "tiers:\n  health_centre: {max_km: -5, mode: walking}\n", 5, 27, "max_km must be a number > 0, found -5", nil),
            (travelModelLines + "tiers:\n  health_centre: {max_km: 5}\n", 5, 18, "the standard of health_centre needs a mode", nil),
            (travelModelLines + "tiers:\n  health_centre: {max_km: 5, mode: motorbike}\n", 5, 36, "travel_model.speeds_kmh has no speed for motorbike", nil),
            ("travel_model:\n  detour_factor: 0.9\n  speeds_kmh: {walking: 5}\n", 2, 18, "detour_factor must be ≥ 1", nil),
            (travelModelLines + "tier:\n  health_centre: {max_km: 5, mode: walking}\n", 4, 1, "unknown key \"tier\"", "did you mean tiers?"),
            (travelModelLines + "services:\n  xray: {max_km: 5, mode: car}\n", 5, 3, "unknown service \"xray\"", nil),
            (
                travelModelLines + "tiers:\n  health_centre: {max_km: 5, mode: walking, capacity: 2.5}\n", 5, 55,
                "capacity must be a whole number > 0, found 2.5", nil
            ),
            (
                travelModelLines + "tiers:\n  health_centre: {max_km: 5, mode: walking, capacity: 0}\n", 5, 55, "capacity must be a whole number > 0, found 0",
                nil
            ),
            (
                travelModelLines + "tiers:\n  district_hospital: {max_km: 20, mode: car, provides: [helth_centre, district_hospital]}\n", 5, 57,
                "unknown care package \"helth_centre\"", "did you mean health_centre?"
            ),
            (
                travelModelLines + "tiers:\n  district_hospital: {max_km: 20, mode: car, provides: [health_centre]}\n", 5, 56,
                "district_hospital must provide its own package (provides lists health_centre)", nil
            ),
            (travelModelLines + "services:\n  surgery: {max_km: 20, mode: car, provides: [health_centre]}\n", 5, 36, "unknown key \"provides\"", nil),
            (travelModelLines + "tiers:\n  health_centre: {max_km: 5, mode: walking, travel: rastre}\n", 5, 53, "travel must be straight or raster", nil),
            (travelModelLines + "friction: {walk: a.tif}\n", 4, 12, "unknown friction surface \"walk\"", nil),
            (
                travelModelLines + "tiers:\n  health_centre: {max_km: 5, mode: walking, services: [epi, delivry]}\n", 5, 61,
                "unknown service \"delivry\"", "did you mean delivery?"
            ),
        ] as [(String, Int, Int, String, String?)])
    func badFilesAreLocated(yaml: String, line: Int, column: Int, reason: String, suggestion: String?) {
        do {
            _ = try readStandards(yaml)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.location == .position(line: line, column: column), "\(error)")
            #expect(error.reason.hasPrefix(reason), "\(error)")
            #expect(error.suggestion == suggestion)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
