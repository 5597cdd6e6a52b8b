import GeoIO

/// The named values of a request, from its query (GET) or its JSON object body (POST), read the
/// same way: a text, a number, a list, each refused with a message naming the field when it is
/// not what the endpoint expects.
struct RequestFields {
    private let query: APIRequest?
    private let object: JSONObject?

    /// The query parameters of `request`.
    init(query request: APIRequest) {
        query = request
        object = nil
    }

    /// The members of the JSON object `request` carries.
    /// - Throws: ``APIError`` (400) when the body is not a JSON object.
    init(body request: APIRequest) throws(APIError) {
        guard !request.body.isEmpty else { throw APIError(400, "the request needs a JSON object body") }
        let value: JSONValue
        do {
            value = try JSONParser.parse(request.body)
        } catch {
            throw APIError(400, "the body is not JSON: \(error)")
        }
        guard let members = value.objectValue else { throw APIError(400, "the body must be a JSON object, not \(value.typeName)") }
        query = nil
        object = members
    }

    /// The JSON member `name` (nil for a query).
    func value(_ name: String) -> JSONValue? { object?[name] }

    /// The field `name` as text; numbers in a body are accepted as their text.
    func text(_ name: String) throws(APIError) -> String? {
        if let query { return try query.parameter(name) }
        switch object?[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .number?: return object?[name]?.brief
        case let other?: throw APIError(400, "\(name) must be a text, not \(other.typeName)")
        }
    }

    /// The field `name` as a whole number in `range`, nil when absent.
    func whole(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = try text(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError(400, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return value
    }
}
