/// One request to the API, as the HTTP layer hands it over: no HTTP type crosses into the API, so
/// every endpoint is a plain function tested without a socket.
public struct APIRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    public let method: Method
    /// The path without the query, percent-decoded (`/api/villages/1101001`).
    public let path: String
    /// The query parameters; a parameter given twice is refused by ``parameter(_:)``.
    public let query: [(name: String, value: String)]
    /// The body (POST), at most ``APILimits/bodyBytes``.
    public let body: [UInt8]

    public init(method: Method, path: String, query: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
    }

    /// The value of the query parameter `name`, nil when absent.
    /// - Throws: ``APIError`` (400) when it is given more than once.
    public func parameter(_ name: String) throws(APIError) -> String? {
        let values = query.filter { $0.name == name }.map(\.value)
        guard values.count <= 1 else { throw APIError(400, "the query parameter \(name) is given \(values.count) times; give it once") }
        return values.first
    }

    /// The path's parts (`["api", "villages", "1101001"]`).
    var parts: [String] { path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }
}
