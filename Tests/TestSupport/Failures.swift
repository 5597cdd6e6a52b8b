import Testing

/// Collects the failures of a check made many times in a loop and reports them as one issue (the
/// count and the first few), so that a property test over thousands of cases stays fast and its
/// failure stays readable.
public struct Failures {
    public private(set) var count = 0
    public private(set) var examples: [String] = []

    /// No failures yet.
    public init() {}

    public mutating func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        count += 1
        if examples.count < 5 { examples.append(message()) }
    }

    /// One expectation: no failure was collected.
    public func expectNone(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(count == 0, "\(count) \(what); first: \(examples.joined(separator: " | "))", sourceLocation: sourceLocation)
    }
}
