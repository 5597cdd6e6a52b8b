import CoverageCore
import Foundation
import GeoIO
import Synchronization

/// The web page's JSON API over one layer set and its standards, read once when the server
/// starts and shared read-only by every request; a what-if works on its own copy of the
/// facilities. Each endpoint answers with the same CoverageCore computation the CLI runs for the
/// same parameters, so that every number on the page is the command's (see `openapi.json` for
/// the endpoints).
public final class CoverageAPI: Sendable {
    let layers: LayerSet
    let standards: CoverageStandards
    /// The data folder the layers were read from, for an exported scenario (nil: the shipped data).
    let dataDirectory: String?
    let threads: Int?
    let gate = ComputeGate()
    let cache = AnalysisCache()
    /// The assignment of every village to every tier `coverage query village` answers from, made on first use.
    let villageAssignment = Mutex<CoverageAssignment?>(nil)

    public init(layers: LayerSet, standards: CoverageStandards, dataDirectory: String?, threads: Int? = nil) {
        self.layers = layers
        self.standards = standards
        self.dataDirectory = dataDirectory
        self.threads = threads
    }

    /// The answer to `request`: the endpoint's, or an error with a 4xx status and a message.
    public func respond(_ request: APIRequest) async -> APIResponse {
        do {
            return try await route(request)
        } catch let error as APIError {
            return .error(error)
        } catch let error as QueryLookupError {
            return .error(APIError(404, error.description))
        } catch let error as InputError {
            return .error(APIError(422, error.description))
        } catch {
            // A failure of the server itself, not of the request: said as such.
            return .error(APIError(500, "the server could not answer: \(error)"))
        }
    }

    private func route(_ request: APIRequest) async throws -> APIResponse {
        let parts = request.parts
        guard parts.first == "api", parts.count >= 2 else { throw APIError(404, "no endpoint \(request.path) (the API is under /api/; see /openapi.json)") }
        let rest = Array(parts.dropFirst())
        guard rest.count <= 2 else { throw APIError(404, "no endpoint \(request.path) (see /openapi.json)") }
        switch (request.method, rest[0], rest.count == 2 ? rest[1] : nil) {
        case (.get, "meta", nil): return try .json(meta())
        case (.get, "layers", let name?): return try layer(name)
        case (.get, "coverage", nil): return try .json(try await coverage(Question(RequestFields(query: request), standards: standards)))
        case (.get, "export", let name?): return try await export(name, Question(RequestFields(query: request), standards: standards))
        case (.get, "villages", let code?): return try await village(code, format: RequestFields(query: request).text("format"))
        case (.get, "facilities", let id?): return try await facility(id, format: RequestFields(query: request).text("format"))
        case (.get, "search", nil): return try .json(search(RequestFields(query: request)))
        case (.post, "whatif", nil): return try .json(try await whatIf(RequestFields(body: request)))
        case (.post, "suggest", nil): return try .json(try await suggest(RequestFields(body: request)))
        case (.post, "scenario", nil): return try scenarioFile(RequestFields(body: request))
        case (let method, let name, _):
            if let expected = Self.endpointMethods[name], expected != method {
                throw APIError(405, "\(request.path) takes \(expected.rawValue), not \(method.rawValue)", allow: expected.rawValue)
            }
            throw APIError(404, "no endpoint \(request.method.rawValue) \(request.path) (see /openapi.json)")
        }
    }

    /// The method each endpoint takes, by its name (the part after `/api/`).
    static let endpointMethods: [String: APIRequest.Method] = [
        "meta": .get, "layers": .get, "coverage": .get, "export": .get, "villages": .get, "facilities": .get, "search": .get,
        "whatif": .post, "suggest": .post, "scenario": .post,
    ]

    /// The method `path` takes (for the `Allow` of a 405), nil when no endpoint has that path.
    public static func allowedMethod(forPath path: String) -> String? {
        let parts = APIRequest(method: .get, path: path).parts
        guard parts.count >= 2, parts.count <= 3, parts[0] == "api" else { return nil }
        return endpointMethods[parts[1]]?.rawValue
    }

    /// The gaps of `question`, from the cache or computed (on the gate's threads).
    func gaps(_ question: Question) async throws -> CoverageGaps {
        if let cached = cache.gaps(question) { return cached }
        let region = try region(question.area)
        let gaps = try await gate.run { [layers, standards, threads] in
            let applied = question.standards(from: standards)
            let assignment = try CoverageAssignment(layers: layers, standards: applied, targets: [question.care], scope: .coverage, threads: threads)
            return try CoverageGaps(assignment: assignment, layers: layers, region: region)
        }
        cache.store(gaps, for: question)
        return gaps
    }

    /// The region an area names (`layers.region(named:)`, as `--region` reads it).
    func region(_ area: String) throws -> Region {
        do {
            return try layers.region(named: area).region
        } catch let lookup as QueryLookupError {
            throw APIError(400, "area: " + lookup.description)
        }
    }
}
