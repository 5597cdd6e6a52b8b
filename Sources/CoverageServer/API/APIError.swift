/// A request the API refuses, with the status and a message for the person who sent it: what was
/// wrong, where, and what was expected. Always a 4xx: a request that the data or the code cannot
/// answer is reported as such, never as a server failure.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let message: String
    /// For a 405: the method the path takes (the `Allow` header HTTP requires).
    public let allow: String?

    public init(_ status: Int, _ message: String, allow: String? = nil) {
        self.status = status
        self.message = message
        self.allow = allow
    }

    public var description: String { "\(status): \(message)" }
}
