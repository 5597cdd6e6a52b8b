import ArgumentParser
import CoverageCore
import CoverageServer
import Foundation
import Synchronization

/// `coverage serve`: the web page for planners, and its JSON API, on this machine's loopback.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web page (coverage questions and what-ifs on a map) and its JSON API.",
        discussion: """
            Reads the layers and standards as every command does, then answers at http://HOST:PORT/ until stopped \
            (Ctrl-C). The page draws the admin boundaries with Leaflet from Debian's libjs-leaflet (make deps installs \
            it); no tile server is needed. The API is described at /openapi.json. Loopback only unless --host names \
            another address: the server has no accounts, so give another host only on a network you trust.
            """
    )

    @OptionGroup var layers: LayerOptions
    @OptionGroup var standards: StandardsOptions

    @Option(help: "The address to listen on (default: loopback only).")
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: any free port, printed at start).", valueName: "port"))
    var port = "8080"

    @OptionGroup var workers: ThreadsOption

    func validate() throws { _ = try Self.port(port) }

    static func port(_ text: String) throws -> Int {
        let value = try NumberArgument.whole(text, option: "--port", minimum: 0, expected: "a port number from 0 to 65535")
        guard value <= 65_535 else { throw ValidationError("--port: expected a port number from 0 to 65535, found \(value)") }
        return value
    }

    func run() throws {
        try reportingErrors {
            let applied = try standards.load(dataDirectory: layers.dataDirectory)
            let set = try layers.load(careModel: applied.careModel)
            try applied.loadFriction()  // a bad raster stops the start, not a request
            let data = layers.dataDirectory.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            let api = CoverageAPI(layers: set, standards: applied, dataDirectory: data, threads: workers.threads)
            let (host, port) = (host, try Self.port(port))
            let failure = Mutex<String?>(nil)
            let done = DispatchSemaphore(value: 0)
            Task {
                do {
                    try await WebServer.run(api: api, host: host, port: port) { url in
                        // Written at once, not buffered: a script waits for this line to know the port.
                        let line = "Serving \(set.villages.count.grouped) villages and \(set.facilities.count.grouped) facilities at \(url) (Ctrl-C stops)\n"
                        FileHandle.standardOutput.write(Data(line.utf8))
                    }
                } catch {
                    failure.withLock { $0 = "\(host):\(port): the server could not listen or stopped: \(error)" }
                }
                done.signal()
            }
            done.wait()
            if let message = failure.withLock({ $0 }) { throw ParameterError(name: "--host/--port", reason: message) }
        }
    }
}
