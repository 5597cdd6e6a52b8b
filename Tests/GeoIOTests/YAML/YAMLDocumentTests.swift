import GeoIO
import TestSupport
import Testing

@Suite struct YAMLDocumentTests {
    static func read(_ text: String) throws -> YAMLNode? {
        try YAMLDocument.read(InputFile(path: "file.yaml", bytes: Array(text.utf8)))
    }

    @Test func scalarsResolveAsTheFileMeansThem() throws {
        let root = try #require(try Self.read("a: 5\nb: 5.5\nc: \"5\"\nd: yes\ne: text\nf: [1, two]\n")?.mapping)
        #expect(root.count == 6)
        #expect(root["a"]?.int == 5 && root["a"]?.float == 5)
        #expect(root["b"]?.int == nil && root["b"]?.float == 5.5)
        #expect(root["c"]?.string == "5")
        #expect(root["d"]?.bool == true)
        #expect(root["e"]?.string == "text" && root["e"]?.float == nil)
        #expect(root["f"]?.sequence?.map(\.description) == ["1", "two"])
        #expect(root["f"]?.isScalar == false && root["f"]?.description == "a list")
        #expect(root["missing"] == nil)
    }

    @Test func nodesKnowWhereTheyStand() throws {
        let root = try #require(try Self.read("tiers:\n  health_centre: {max_km: 5}\n")?.mapping)
        let tiers = try #require(root["tiers"]?.mapping)
        let key = try #require(tiers.first?.key)
        #expect(key.string == "health_centre")
        #expect(key.line == 2 && key.column == 3)
        #expect(tiers["health_centre"]?.description == "a mapping")
        #expect(try Self.read("") == nil)
    }

    @Test func aSyntaxErrorIsLocated() throws {
        let error = try #require(throws: InputError.self) { try Self.read("a: [1, 2\nb: 3\n") }
        #expect(error.file == "file.yaml")
        guard case .position(let line, _) = error.location else {
            Issue.record("not located: \(error)")
            return
        }
        #expect(line >= 2)
        #expect(error.reason.hasPrefix("not valid YAML: "))
    }
}

extension YAMLDocumentTests {
    @Test func aliasesRepeatTheirAnchoredValue() throws {
        let root = try #require(try Self.read("car: &fast {speed: 40}\nmotorbike: *fast\n")?.mapping)
        #expect(root["motorbike"]?.mapping?["speed"]?.int == 40)
        #expect(root["motorbike"]?.line == 1)  // where the value is written, not where it is repeated
    }

    /// The limit counts every value built, those an alias repeats included: the root mapping, key
    /// `a` and its list of ten (13), key `b` and the list again (12) make 25, within a limit of 25
    /// and not of 24; the 25th is the list's last value, `10` at column 35 (counted by hand).
    @Test func aliasesMayNotExpandBeyondTheLimit() throws {
        #expect(YAMLDocument.valueLimit(byteCount: 10) == 100_000)
        #expect(YAMLDocument.valueLimit(byteCount: 80_000) == 160_000)
        let text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: *a\n"
        let file = InputFile(path: "file.yaml", bytes: Array(text.utf8))
        #expect(try YAMLDocument.read(file, valueLimit: 25)?.mapping?["b"]?.sequence?.count == 10)
        let error = try #require(throws: InputError.self) { try YAMLDocument.read(file, valueLimit: 24) }
        #expect(error.location == .position(line: 1, column: 35), "\(error)")
        #expect(error.reason.hasPrefix("its aliases (*name) repeat anchored values (&name) into more than 24 values"))
    }

    /// Fuzzing found 511 bytes that took 15 s: nested anchored lists with one of them as a key
    /// (`? *h`), which Yams hashes whole to look for duplicate keys. Such keys are refused first;
    /// names and quoted text that look alike are not.
    @Test func complexAndAliasKeysAreRefusedBeforeYamsHashesThem() throws {
        let bomb =
            "a: &a [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]\n"
            + (1..<9).map { level in
                let (name, below) = (String(UnicodeScalar(97 + level)!), String(UnicodeScalar(96 + level)!))
                return "\(name): &\(name) [" + Array(repeating: "*\(below)", count: 9).joined(separator: ", ") + ", ? *\(below)]\n"
            }.joined()
        let started = ContinuousClock.now
        let error = try #require(throws: InputError.self) { try Self.read(bomb) }
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(error.location == .position(line: 2, column: 44), "\(error)")  // "b: &b [" and 9 × "*a, ": 43 characters
        #expect(error.reason.hasPrefix("a mapping key that is not a plain name"))
        for text in ["? a\n: 1\n", "a: &x 1\n*x : 2\n", "{*x : 1}\n", "a: [1, ?*x]\n", "a: {?b}\n", "a: [1,\n  ?x]\n"] {
            #expect(throws: InputError.self, "\(text)") { try Self.read(text) }
        }
        // A question mark or an asterisk inside a value, quoted text or a comment is no key.
        let root = try #require(try Self.read("name: \"why? *not: this\"  # ? *a : b\nnote: what?\nstar: a*b\n")?.mapping)
        #expect(root["name"]?.string == "why? *not: this")
        #expect(root["note"]?.string == "what?")
        // Outside brackets, a `?` before a character other than a blank starts a plain scalar.
        #expect(try Self.read("a: ?x\nb: [\"?y\"]\n")?.mapping?["a"]?.string == "?x")
    }
}
