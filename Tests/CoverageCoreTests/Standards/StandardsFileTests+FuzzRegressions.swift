import CoverageCore
import GeoIO
import Testing

/// Inputs that hung or crashed a fuzz target (`make fuzz`, Fuzz/), kept in Fixtures/fuzz: each must
/// now stop with a located error, quickly.
extension StandardsFileTests {
    /// Nine anchored lists of ten, each of the aliases of the one before, would expand to 10⁹
    /// values: `coverage report --standards` on it hung before YAMLDocument counted the values it
    /// builds. The 100,001st value in depth-first order is the fifth `5` of line 2 (column 20),
    /// counted by hand: the root mapping, key `a` and its list of 11, key `b`, then the lists of `a`
    /// that `b` repeats, 11 values each.
    @Test func aliasesThatExpandWithoutBoundAreStoppedAtALocatedValue() throws {
        let path = try fixtureURL("fuzz/standards_alias_expansion.yaml").path
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: InputError.self) { try StandardsFile.read(path: path) }
        #expect(clock.now - start < .seconds(10))
        #expect(error.file == path)
        #expect(error.location == .position(line: 2, column: 20), "\(error)")
        #expect(error.reason.hasPrefix("its aliases (*name) repeat anchored values (&name) into more than 100,000 values"), "\(error)")
    }
}
