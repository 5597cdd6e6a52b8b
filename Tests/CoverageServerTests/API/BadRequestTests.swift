import CoverageServer
import Foundation
import GeoIO
import TestSupport
import Testing

/// Every bad request gets a 4xx and a message saying what was wrong; none gets a 5xx.
@Suite struct BadRequestTests {
    struct Case: Sendable, CustomStringConvertible {
        let method: APIRequest.Method
        let path: String
        var query: [(String, String)] = []
        var body = ""
        let status: Int
        let message: String
        var description: String { "\(method.rawValue) \(path) \(query) \(body.prefix(60))" }
    }

    static let cases: [Case] = [
        Case(method: .get, path: "/api/nothing", status: 404, message: "no endpoint"),
        Case(method: .get, path: "/api", status: 404, message: "/openapi.json"),
        Case(method: .get, path: "/api/meta/extra/parts", status: 404, message: "no endpoint"),
        Case(method: .post, path: "/api/meta", status: 405, message: "takes GET"),
        Case(method: .get, path: "/api/whatif", status: 405, message: "takes POST"),
        Case(method: .get, path: "/api/layers/roads", status: 404, message: "provinces, districts, facilities"),
        Case(method: .get, path: "/api/coverage", query: [("care", "dentistry")], status: 400, message: "not a care with a standard"),
        Case(method: .get, path: "/api/coverage", query: [("threshold", "0km")], status: 400, message: "not a limit"),
        Case(method: .get, path: "/api/coverage", query: [("threshold", "-5min")], status: 400, message: "not a limit"),
        Case(method: .get, path: "/api/coverage", query: [("threshold", "1e400km")], status: 400, message: "not a limit"),
        Case(method: .get, path: "/api/coverage", query: [("threshold", "nanmin")], status: 400, message: "not a limit"),
        Case(method: .get, path: "/api/coverage", query: [("threshold", "60")], status: 400, message: "km or min"),
        Case(method: .get, path: "/api/coverage", query: [("travel", "helicopter")], status: 400, message: "standard, raster or straight"),
        Case(method: .get, path: "/api/coverage", query: [("area", "Atlantis")], status: 400, message: "area:"),
        Case(method: .get, path: "/api/coverage", query: [("area", String(repeating: "x", count: 300))], status: 400, message: "too long"),
        Case(method: .get, path: "/api/coverage", query: [("care", "epi"), ("care", "surgery")], status: 400, message: "given 2 times"),
        Case(method: .get, path: "/api/villages/99999999", status: 404, message: "village"),
        Case(method: .get, path: "/api/villages/1101001", query: [("format", "xml")], status: 400, message: "json or text"),
        Case(method: .get, path: "/api/facilities/NOPE", status: 404, message: "no facility"),
        Case(method: .get, path: "/api/search", status: 400, message: "q:"),
        Case(method: .get, path: "/api/search", query: [("q", "   ")], status: 400, message: "q:"),
        Case(method: .get, path: "/api/search", query: [("q", String(repeating: "a", count: 101))], status: 400, message: "too long"),
        Case(method: .get, path: "/api/search", query: [("q", "ban"), ("limit", "0")], status: 400, message: "from 1 to 25"),
        Case(method: .get, path: "/api/search", query: [("q", "ban"), ("limit", "many")], status: 400, message: "whole number"),
        Case(method: .post, path: "/api/whatif", status: 400, message: "JSON object body"),
        Case(method: .post, path: "/api/whatif", body: "{", status: 400, message: "not JSON"),
        Case(method: .post, path: "/api/whatif", body: "[1, 2]", status: 400, message: "JSON object"),
        Case(method: .post, path: "/api/whatif", body: #"{"care": 5}"#, status: 400, message: "not a care"),
        Case(method: .post, path: "/api/whatif", body: #"{"care": ["epi"]}"#, status: 400, message: "must be a text"),
        Case(method: .post, path: "/api/whatif", body: #"{"changes": {"action": "add"}}"#, status: 400, message: "must be a list"),
        Case(method: .post, path: "/api/whatif", body: #"{"changes": [7]}"#, status: 400, message: "changes[0] must be an object"),
        Case(method: .post, path: "/api/whatif", body: #"{"changes": [{"action": "demolish", "id": "X"}]}"#, status: 400, message: "add, close or upgrade"),
        Case(
            method: .post, path: "/api/whatif", body: #"{"changes": [{"action": "add", "id": "N", "tier": "clinic", "lon": 103, "lat": 18}]}"#, status: 400,
            message: "not a tier"),
        Case(
            method: .post, path: "/api/whatif", body: #"{"changes": [{"action": "add", "id": "N", "tier": "health_centre", "lon": 200, "lat": 18}]}"#,
            status: 400, message: "changes[0].lon"),
        Case(
            method: .post, path: "/api/whatif", body: #"{"changes": [{"action": "add", "id": "N", "tier": "health_centre"}]}"#, status: 400,
            message: "changes[0].lon"),
        Case(
            method: .post, path: "/api/whatif",
            body: #"{"changes": [{"action": "add", "id": "N", "tier": "health_centre", "lon": 103, "lat": 18, "services": ["massage"]}]}"#, status: 400,
            message: "not a service"),
        Case(method: .post, path: "/api/whatif", body: #"{"changes": [{"action": "close"}]}"#, status: 400, message: "changes[0].id is missing"),
        Case(
            method: .post, path: "/api/whatif", body: #"{"changes": [{"action": "close", "id": "PH-LA99"}]}"#, status: 422, message: "changes[0]: no facility"),
        Case(
            method: .post, path: "/api/whatif", body: #"{"changes": [{"action": "add", "id": "N", "tier": "health_centre", "lon": 0, "lat": 0}]}"#, status: 422,
            message: "outside every district"),
        Case(
            method: .post, path: "/api/whatif", body: #"{"changes": [{"action": "add", "id": "PH-LA11", "tier": "health_centre", "lon": 103, "lat": 18}]}"#,
            status: 422, message: "exists already"),
        Case(
            method: .post, path: "/api/whatif", body: #"{"changes": [{"action": "upgrade", "id": "PH-LA11", "to": "health_centre"}]}"#, status: 422,
            message: "changes[0]"),
        Case(
            method: .post, path: "/api/whatif",
            body: "{\"changes\": [" + Array(repeating: #"{"action": "close", "id": "X"}"#, count: 201).joined(separator: ",") + "]}", status: 400,
            message: "at most 200"),
        Case(method: .post, path: "/api/suggest", body: #"{"care": "health_centre"}"#, status: 400, message: "count"),
        Case(method: .post, path: "/api/suggest", body: #"{"count": 26}"#, status: 400, message: "from 1 to 25"),
        Case(method: .post, path: "/api/suggest", body: #"{"count": 1.5}"#, status: 400, message: "whole number"),
        Case(method: .post, path: "/api/suggest", body: #"{"count": 2, "weight": "goats"}"#, status: 400, message: "not a group"),
        Case(method: .post, path: "/api/scenario", body: #"{"name": ""}"#, status: 400, message: "1 to 100 characters"),
        Case(method: .post, path: "/api/scenario", body: #"{"changes": [{"action": "close", "id": "HC-NOPE"}]}"#, status: 422, message: "no facility"),
    ]

    @Test(arguments: cases)
    func isRefusedWithAMessage(_ request: Case) async throws {
        let api = try ServedData.api()
        let response = await api.respond(
            APIRequest(method: request.method, path: request.path, query: request.query.map { (name: $0.0, value: $0.1) }, body: Array(request.body.utf8)))
        #expect(response.status == request.status, "\(response.text)")
        let message = try response.json()["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains(request.message), "\(message)")
        #expect(try response.json()["error"]?["status"]?.numberValue == Double(request.status))
        // A 405 names the method the path takes (HTTP's Allow); nothing else does.
        #expect((response.allow != nil) == (request.status == 405), "Allow: \(response.allow ?? "none")")
    }
}
