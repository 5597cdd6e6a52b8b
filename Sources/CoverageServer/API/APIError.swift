/// A request the API refuses, with the status and a message for the person who sent it: what was
/// wrong, where, and what was expected. Always a 4xx: a request that the data or the code cannot
/// answer is reported as such, never as a server failure.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let message: String

    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status): \(message)" }
}
