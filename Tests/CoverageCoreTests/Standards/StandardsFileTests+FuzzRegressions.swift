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

/// The inputs `make fuzz` stopped on after the value limit (timeouts of 10 s in the fuzz build,
/// where Yams read every repeated scalar again): mutations of the file above, within the limit
/// for longer. Each must stop at the value after the limit, quickly; the place is where PyYAML's
/// composer (6.0.3), walked in the same order, meets the 100,001st value. The time they took is
/// checked where it was found: Fuzz/fuzz.sh seeds every target with these fixtures, so that
/// `make fuzz-smoke` (CI) fails on a timeout of 10 s again.
struct AliasTimeoutRegressionTests {
    @Test(arguments: [
        ("fuzz/standards_alias_timeout.yaml", 5, 4),
        ("fuzz/scenario_alias_timeout.yaml", 3, 4),
    ])
    func aMutatedAliasExpansionStopsQuickly(_ name: String, _ line: Int, _ column: Int) throws {
        let path = try fixtureURL(name).path
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: InputError.self) {
            if name.hasPrefix("fuzz/standards") { _ = try StandardsFile.read(path: path) } else { _ = try ScenarioFile.read(path: path) }
        }
        #expect(clock.now - start < .seconds(2))
        #expect(error.location == .position(line: line, column: column), "\(error)")
        #expect(error.reason.hasPrefix("its aliases (*name) repeat anchored values (&name) into more than 100,000 values"), "\(error)")
    }
}

/// `make fuzz-smoke` (CI) stopped on a mutation of the alias expansion with `?*h` inside a list: in
/// flow context libyaml reads `?` as a key indicator whatever follows it, and Yams hashed the alias
/// key, expanded, for minutes. The key is refused before Yams composes the document.
struct FlowKeyTimeoutRegressionTests {
    @Test func anAliasKeyInsideAListIsRefusedAtOnce() throws {
        let path = try fixtureURL("fuzz/standards_flow_key_timeout.yaml").path
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: InputError.self) { try StandardsFile.read(path: path) }
        #expect(clock.now - start < .seconds(2))
        #expect(error.location == .position(line: 10, column: 35), "\(error)")
        #expect(error.reason.hasPrefix("a mapping key that is not a plain name"), "\(error)")
    }
}
