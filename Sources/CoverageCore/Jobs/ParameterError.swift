/// A parameter of an analysis that is out of range (a negative tolerance, a thread count of
/// zero): the caller's mistake, not the data's. The CLI validates its options first, so this
/// reaches a user only through the library API; it maps to the usage exit code.
public struct ParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter's name.
    public let name: String
    /// What is wrong and what was expected.
    public let reason: String

    /// An error about parameter `name`.
    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    /// `<name>: <reason>`.
    public var description: String { "\(name): \(reason)" }
}
