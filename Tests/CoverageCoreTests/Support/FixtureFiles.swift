import Foundation
import GeoIO
import TestSupport
import Testing

/// The URL of a file in this target's Fixtures folder.
func fixtureURL(_ name: String) throws -> URL {
    try Fixtures.url(name, of: "CoverageCoreTests")
}

/// The path of a file in this target's `Fixtures/import` folder.
func importFixture(_ name: String) throws -> String {
    try fixtureURL("import/\(name)").path
}
