import Foundation
import Hummingbird
import Logging

/// `coverage serve`: the page, Leaflet and the API over HTTP/1.1 (Hummingbird). This file is the
/// only one that sees HTTP types: a request becomes an ``APIRequest`` or a static file, and every
/// answer an ``APIResponse``.
public enum WebServer {
    /// Where Debian's libjs-leaflet installs Leaflet.
    public static let leafletFolder = "/usr/share/javascript/leaflet"

    /// Serves `api` on `host`:`port` until the process is stopped; `onListening` gets the URL once
    /// the socket is bound (port 0 picks a free port).
    public static func run(api: CoverageAPI, host: String, port: Int, onListening: @escaping @Sendable (String) -> Void) async throws {
        let files = try StaticFiles(leafletFolder: leafletFolder)
        var logger = Logger(label: "coverage-serve")
        logger.logLevel = .warning
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await respond(to: request, api: api, files: files)
        }
        let app = Application(
            responder: responder, configuration: .init(address: .hostname(host, port: port), serverName: "HealthCoverage"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                onListening("http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/")
            }, logger: logger)
        // SIGINT and SIGTERM end the process through the CLI's own handler (Interruption).
        try await app.runService(gracefulShutdownSignals: [])
    }

    static func respond(to request: Request, api: CoverageAPI, files: StaticFiles) async -> Response {
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        let answer: APIResponse
        if path.hasPrefix("/api/") || path == "/api" {
            answer = await apiAnswer(request, path: path, api: api)
        } else if request.method == .get || request.method == .head {
            answer = files.response(for: path)
        } else {
            answer = .error(APIError(405, "\(path) takes GET", allow: "GET, HEAD"))
        }
        var headers: HTTPFields = [
            .contentType: answer.contentType,
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Content-Security-Policy")!: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
            .cacheControl: "no-store",
        ]
        if let name = answer.attachmentName { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
        if answer.status == 429 { headers[.retryAfter] = "5" }
        if let allow = answer.allow { headers[.allow] = allow }
        return Response(
            status: .init(code: answer.status), headers: headers,
            body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    private static func apiAnswer(_ request: Request, path: String, api: CoverageAPI) async -> APIResponse {
        let method: APIRequest.Method
        switch request.method {
        case .get, .head: method = .get  // HEAD: the GET's headers, no body (respond drops it)
        case .post: method = .post
        default:
            guard let allow = CoverageAPI.allowedMethod(forPath: path) else { return .error(APIError(404, "no endpoint \(path) (see /openapi.json)")) }
            return .error(APIError(405, "\(path) takes \(allow), not \(request.method.rawValue)", allow: allow))
        }
        var body: [UInt8] = []
        if method == .post {
            var request = request
            guard let buffer = try? await request.collectBody(upTo: APILimits.bodyBytes) else {
                return .error(APIError(413, "the body is larger than \(APILimits.bodyBytes) bytes"))
            }
            body = Array(buffer.readableBytesView)
        }
        return await api.respond(APIRequest(method: method, path: path, query: queryItems(request.uri.query ?? ""), body: body))
    }

    /// `a=1&b=x%20y` as name–value pairs, both percent-decoded (`+` is a space, as forms send it).
    static func queryItems(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }
}
