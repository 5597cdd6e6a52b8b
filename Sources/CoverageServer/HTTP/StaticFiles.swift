import Foundation

/// The page's own files (this module's `Page/` resources) and Leaflet's, read once at start: a
/// fixed list of names, so that no path from a request reaches the file system.
struct StaticFiles: Sendable {
    private let files: [String: (type: String, bytes: [UInt8])]

    /// - Throws: an error naming the page's folder when the module's resources are missing (a
    ///   broken install). Leaflet's absence is not an error: the page says the map is missing.
    init(leafletFolder: String) throws {
        var files: [String: (type: String, bytes: [UInt8])] = [:]
        guard let page = Bundle.module.url(forResource: "Page", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "the page's resources (CoverageServer/Page)"])
        }
        for name in ["index.html", "app.js", "style.css", "openapi.json"] {
            let bytes = try Data(contentsOf: page.appendingPathComponent(name))
            files["/" + name] = (Self.type(of: name), Array(bytes))
        }
        files["/"] = files["/index.html"]
        for name in [
            "leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png", "images/marker-icon.png", "images/marker-icon-2x.png",
            "images/marker-shadow.png",
        ] {
            if let bytes = FileManager.default.contents(atPath: leafletFolder + "/" + name) {
                files["/leaflet/" + name] = (Self.type(of: name), Array(bytes))
            }
        }
        self.files = files
    }

    /// True when Leaflet was found.
    var hasLeaflet: Bool { files["/leaflet/leaflet.js"] != nil }

    func response(for path: String) -> APIResponse {
        guard let file = files[path] else {
            if path.hasPrefix("/leaflet/") {
                return .error(APIError(404, "Leaflet is not installed (\(WebServer.leafletFolder)): run make deps, or apt-get install libjs-leaflet"))
            }
            return .error(APIError(404, "no page \(path)"))
        }
        return APIResponse(contentType: file.type, body: file.bytes)
    }

    private static func type(of name: String) -> String {
        switch name.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "json": "application/json"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }
}
