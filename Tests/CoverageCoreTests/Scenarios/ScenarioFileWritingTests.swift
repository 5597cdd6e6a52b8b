import CoverageCore
import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

/// The scenario text the web page saves is read back by ``ScenarioFile/read(path:)`` to the same scenario.
@Suite("ScenarioFile.text")
struct ScenarioFileWritingTests {
    static func roundTrip(_ scenario: Scenario) throws -> (text: String, read: Scenario) {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("what-if.yaml").path
        let text = ScenarioFile.text(scenario)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (text, try ScenarioFile.read(path: path))
    }

    @Test func everyChangeAndSettingReadsBackTheSame() throws {
        var scenario = Scenario(file: "", name: "what-if: \"quoted\" and Lao ບ້ານ")
        scenario.description = "line one\nline two"
        scenario.dataDirectory = LayerFixtures.geoData.path
        scenario.region = "LA11,Khammouane"
        scenario.targets = [.tier(.healthCentre), .service(.rehabilitation)]
        scenario.maxMinutes = [45, 90.5]
        scenario.travel = .straight
        scenario.changes = [
            .add(
                id: "NEW-1", name: "New: centre #1", tier: .healthCentre, services: [.epi, .delivery], capacity: 3_000,
                place: .point(Coordinate(lon: 104.123456, lat: 18.5))),
            .add(id: "NEW-2", name: nil, tier: .districtHospital, services: [], capacity: nil, place: .village("1104009")),
            .close(id: "HC-LA1101-03"),
            .upgrade(id: "HC-LA1103-01", to: .districtHospital, services: [.surgery], capacity: 9_000),
            .addService(id: "PH-LA11", service: .rehabilitation),
            .setCapacity(id: "HC-LA1105-06", capacity: 8_000),
        ].enumerated().map { FacilityChange($1, line: $0 + 1, column: 1) }
        let (text, read) = try Self.roundTrip(scenario)
        #expect(read.name == scenario.name, "\(text)")
        #expect(read.description == scenario.description)
        #expect(read.dataDirectory == scenario.dataDirectory)
        #expect(read.region == scenario.region)
        #expect(read.targets == scenario.targets)
        #expect(read.maxMinutes == [45, 90.5] && read.maxKilometers == nil)
        #expect(read.travel == .straight)
        #expect(read.changes.map(\.action) == scenario.changes.map(\.action))
        #expect(read.outputs == [.gaps])
    }

    /// Found by `make fuzz-api`: a name with U+009B made a file no YAML reader takes.
    @Test(arguments: ["CSI \u{9B} here", "tab\there", "line\nbreak", "del \u{7F}", "bom \u{FEFF}", "nonchar \u{FFFE}", "nul \u{0}", "ບ້ານ 🏥"])
    func everyCharacterOfANameSurvives(name: String) throws {
        var scenario = Scenario(file: "", name: name)
        scenario.changes = [
            FacilityChange(.add(id: name, name: name, tier: .healthCentre, services: [], capacity: nil, place: .village("1")), line: 1, column: 1)
        ]
        let (text, read) = try Self.roundTrip(scenario)
        #expect(read.name == name, "\(text)")
        #expect(read.changes.map(\.action) == scenario.changes.map(\.action))
        #expect(text.unicodeScalars.allSatisfy { $0 == "\n" || (0x20...0x7E).contains($0.value) || $0.value >= 0xA0 && $0.value != 0xFEFF })
    }

    @Test func aScenarioWithoutChangesOrLimitsNamesNone() throws {
        var scenario = Scenario(file: "", name: "base")
        scenario.region = "LA12"
        let (text, read) = try Self.roundTrip(scenario)
        #expect(!text.contains("modifications") && !text.contains("limits") && !text.contains("data:") && !text.contains("travel:"))
        #expect(read.changes.isEmpty && read.maxKilometers == nil && read.maxMinutes == nil && read.travel == nil && read.dataDirectory == nil)
        #expect(read.targets == FacilityTier.allCases.map(CareTarget.tier), "the default targets, written out")
    }
}
