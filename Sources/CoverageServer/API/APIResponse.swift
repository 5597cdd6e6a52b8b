import GeoIO

/// What the API answers: a status, a media type and the bytes.
public struct APIResponse: Sendable {
    public let status: Int
    public let contentType: String
    public let body: [UInt8]
    /// A file name for a download (`Content-Disposition: attachment`), nil to show it.
    public let attachmentName: String?
    /// The methods the path takes, for a 405 (`Allow`).
    public let allow: String?

    public init(status: Int = 200, contentType: String, body: [UInt8], attachmentName: String? = nil, allow: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.attachmentName = attachmentName
        self.allow = allow
    }

    /// A JSON value as compact text (GeoIO's writer: the CLI's bytes for the same value).
    static func json(_ value: JSONValue) throws -> APIResponse {
        APIResponse(contentType: "application/json", body: Array(try value.jsonText().utf8))
    }

    /// An error as `{"error": {"status": …, "message": …}}`.
    static func error(_ error: APIError) -> APIResponse {
        let value = JSONValue.object(
            JSONObject([("error", .object(JSONObject([("status", .number(Double(error.status))), ("message", .string(error.message))])))]))
        return APIResponse(
            status: error.status, contentType: "application/json", body: Array(((try? value.jsonText()) ?? "{}").utf8), allow: error.allow)
    }
}
