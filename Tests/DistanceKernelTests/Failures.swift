import Testing

/// Collects the failures of a check made many times in a loop and reports them as one issue (the
/// count and the first few), so that a property test over thousands of cases stays fast and its
/// failure stays readable.
struct Failures {
    private(set) var count = 0
    private(set) var examples: [String] = []

    mutating func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        count += 1
        if examples.count < 5 { examples.append(message()) }
    }

    /// One expectation: no failure was collected.
    func expectNone(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(count == 0, "\(count) \(what); first: \(examples.joined(separator: " | "))", sourceLocation: sourceLocation)
    }
}
