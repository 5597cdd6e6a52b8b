import Foundation
import GeoIO
import TestSupport
import Testing

/// Every numeric option takes a negative value as a value (`--max-km -5`), not as an option, and
/// a wrong value gets one plain message naming the option, what it expects and what it found,
/// exit 64, never ArgumentParser's "Missing value" or "The value … is invalid".
@Suite("numeric options")
struct NumberOptionTests {
    static let data = Fixtures.shippedData.path

    @Test(arguments: [
        (["gaps", "--max-km", "-5"], "--max-km: expected a number > 0, found -5"),
        (["gaps", "--max-km=-5"], "--max-km: expected a number > 0, found -5"),
        (["gaps", "--max-km", "0"], "--max-km: expected a number > 0, found 0"),
        (["gaps", "--max-km", "five"], "--max-km: expected a number > 0, found five"),
        (["gaps", "--max-km", "5,-3"], "--max-km: expected numbers > 0 separated by commas, found -3 in 5,-3"),
        (["gaps", "--max-km", "5,,10"], "--max-km: expected numbers > 0 separated by commas, found nothing in 5,,10"),
        (["report", "--max-minutes", "-60"], "--max-minutes: expected a number > 0, found -60"),
        (["capacity", "--max-minutes", "inf"], "--max-minutes: expected a number > 0, found inf"),
        (["assign", "--threads", "-2"], "--threads: expected a whole number of threads ≥ 1, found -2"),
        (["catchments", "--threads", "1.5"], "--threads: expected a whole number of threads ≥ 1, found 1.5"),
        (["report", "--threads", "0"], "--threads: expected a whole number of threads ≥ 1, found 0"),
        (["gaps", "--tolerance-m", "-100"], "--tolerance-m: expected a number of metres ≥ 0, found -100"),
        (["layers", "summary", "--tolerance-m", "-1"], "--tolerance-m: expected a number of metres ≥ 0, found -1"),
        (["import", "dhis2", "units.json", "--out", "out.geojson", "--tolerance-m", "-1"], "--tolerance-m: expected a number of metres ≥ 0, found -1"),
        (["suggest", "--tier", "health_centre", "--count", "-3"], "--count: expected a whole number of sites ≥ 1, found -3"),
        (["suggest", "--tier", "health_centre", "--count", "ten"], "--count: expected a whole number of sites ≥ 1, found ten"),
        (["suggest", "--tier", "health_centre", "--target-percent", "-10"], "--target-percent: expected a percentage above 0 and at most 100, found -10"),
        (["suggest", "--tier", "health_centre", "--target-percent", "120"], "--target-percent: expected a percentage above 0 and at most 100, found 120"),
        (["suggest", "--tier", "health_centre", "--max-km", "-5"], "--max-km: expected a number > 0, found -5"),
        (["query", "point", "--lon", "102.6", "--lat", "-95"], "--lat: expected a latitude between -90 and 90 degrees, found -95"),
        (["query", "point", "--lon", "-200", "--lat", "17"], "--lon: expected a longitude between -180 and 180 degrees, found -200"),
        (["query", "point", "--lon", "east", "--lat", "17"], "--lon: expected a longitude between -180 and 180 degrees, found east"),
    ])
    func aBadValueIsNamedPlainly(_ arguments: [String], _ message: String) throws {
        let run = try CoverageProcess.run(arguments + ["--data", Self.data].filter { _ in arguments.first != "import" })
        #expect(!run.crashed)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.split(separator: "\n").first.map(String.init) == "Error: \(message)", "\(run)")
        #expect(!run.stderr.contains("Missing value") && !run.stderr.contains("is invalid for"), "\(run)")
    }

    /// A value after a numeric option is taken as its value even when it starts with '-': a
    /// forgotten value then names the option that follows as what was found.
    @Test func aForgottenValueNamesWhatFollows() throws {
        let run = try CoverageProcess.run(["gaps", "--max-km", "--region", "north", "--data", Self.data])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.hasPrefix("Error: --max-km: expected a number > 0, found --region\n"), "\(run)")
    }

    /// A longitude west of Greenwich is a value like any other: the point is answered (it lies
    /// outside every district of Laos, and says so).
    @Test func aNegativeLongitudeIsAValue() throws {
        let run = try CoverageProcess.run(["query", "point", "--lon", "-5", "--lat", "17", "--data", Self.data, "--json"])
        #expect(run.status == 0, "\(run)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let point = try #require(answer["point"] as? [String: Any])
        #expect(point["lon"] as? Double == -5 && point["lat"] as? Double == 17)
    }
}
