import CoverageCore
import CoverageServer
import Foundation
import GeoIO
import TestSupport
import Testing

/// The API over the shipped data (GeoData/laos), loaded once for every test, as `coverage serve`
/// loads it: the standards first, their care model for the layers.
enum ServedData {
    static let loaded: Result<CoverageAPI, any Error> = Result {
        let standards = try StandardsFile.read(path: Fixtures.shippedData.appendingPathComponent(StandardsFile.defaultFileName).path)
        var sources = LayerSources(dataDirectory: Fixtures.shippedData)
        sources.careModel = standards.careModel
        let layers = try LayerSet.load(sources)
        return CoverageAPI(layers: layers, standards: standards, dataDirectory: Fixtures.shippedData.path)
    }

    static func api() throws -> CoverageAPI { try loaded.get() }
}

/// Requests as the HTTP layer hands them over, and their answers read back.
extension CoverageAPI {
    func get(_ path: String, _ query: [(String, String)] = []) async -> APIResponse {
        await respond(APIRequest(method: .get, path: path, query: query.map { (name: $0.0, value: $0.1) }))
    }

    func post(_ path: String, _ body: String) async -> APIResponse {
        await respond(APIRequest(method: .post, path: path, body: Array(body.utf8)))
    }
}

extension APIResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON (GeoIO's parser); a test failure when it is not JSON.
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        try #require(try? JSONParser.parse(body), "not JSON: \(text.prefix(300))", sourceLocation: sourceLocation)
    }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? { objectValue?[key] }
    subscript(index: Int) -> JSONValue? { arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil } }
}
