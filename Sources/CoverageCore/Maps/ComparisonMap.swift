import GeoIO
import GeometryKit

/// The map of a comparison (SVG): the districts shaded by the net change of the covered
/// population for one target and threshold (the first that changes anywhere), and the villages
/// newly covered or lost as dots.
struct ComparisonMap {
    let comparison: ScenarioComparison
    let analysis: ScenarioComparison.Analysis?

    init(_ comparison: ScenarioComparison) {
        self.comparison = comparison
        analysis =
            comparison.analyses.first { analysis in comparison.changedVillages.contains { $0.changes[analysis] != nil } }
            ?? comparison.analyses.first
    }

    /// Net change classes: lost, none, then three classes of gain.
    static let classes: [(label: String, colour: String)] = [
        ("people lost (net)", "#d6604d"), ("no change", "#f0f0f0"), ("1–999 people gained", "#c7e9c0"),
        ("1,000–9,999 gained", "#74c476"), ("10,000 or more gained", "#238b45"),
    ]

    static func classIndex(_ net: Int) -> Int {
        switch net {
        case ..<0: 0
        case 0: 1
        case 1..<1_000: 2
        case 1_000..<10_000: 3
        default: 4
        }
    }

    func svg() throws -> String {
        let width = 900.0, mapFrame = Envelope(minX: 10, minY: 70, maxX: 650, maxY: 790)
        var document = SVGDocument(
            width: width, height: 800, title: title,
            style: """
                text { font-family: sans-serif; fill: #222; }
                .district { stroke: #888; stroke-width: 0.4; }
                .newly { fill: #00441b; } .lost { fill: #b2182b; }
                """)
        document.element("text", [("x", "10"), ("y", "24"), ("font-size", "17"), ("font-weight", "bold")], text: heading)
        document.element("text", [("x", "10"), ("y", "44"), ("font-size", "12")], text: "B: \(comparison.labelB); A (base): \(comparison.labelA)")
        document.element("text", [("x", "10"), ("y", "62"), ("font-size", "12")], text: subtitle)

        let geometries = comparison.districtGeometries
        let envelopes =
            geometries.values.compactMap(\.envelope)
            + comparison.changedVillages.map {
                Envelope(minX: $0.location.lon, minY: $0.location.lat, maxX: $0.location.lon, maxY: $0.location.lat)
            }
        guard var extent = envelopes.first else {
            document.element("text", [("x", "20"), ("y", "100")], text: "Nothing to map.")
            return document.finished()
        }
        for envelope in envelopes.dropFirst() { extent.expand(toInclude: envelope) }
        let projection = MapProjection(fitting: extent, into: mapFrame)
        let tolerance = projection.toleranceDegrees(pixels: 0.5)

        let net = Dictionary(
            comparison.rows.filter { $0.zoneLevel == "district" && $0.analysis == analysis }.map { ($0.zoneCode, $0.netChange) },
            uniquingKeysWith: { a, _ in a })
        document.open("g", [("id", "districts")])
        for code in geometries.keys.sorted() {
            let path = try CoverageMap.pathData(Geometry(geometries[code]!), projection: projection, tolerance: tolerance)
            guard !path.isEmpty else { continue }
            let change = net[code] ?? 0
            document.element(
                "path", [("class", "district"), ("d", path), ("fill", Self.classes[Self.classIndex(change)].colour)],
                tooltip: "\(code): net change \(CoverageMap.grouped(change)) people")
        }
        document.close()
        document.open("g", [("id", "villages")])
        for village in comparison.changedVillages {
            guard let analysis, let gained = village.changes[analysis] else { continue }
            let pixel = projection.pixel(village.location)
            document.element(
                "circle",
                [
                    ("class", gained ? "newly" : "lost"), ("cx", SVGDocument.number((pixel.x * 100).rounded() / 100)),
                    ("cy", SVGDocument.number((pixel.y * 100).rounded() / 100)), ("r", "2.2"),
                ],
                tooltip: "\(village.code) \(village.name): \(CoverageMap.grouped(village.population)) people "
                    + (gained ? "newly covered" : "no longer covered"))
        }
        document.close()

        var y = 100.0
        document.element(
            "text", [("x", "670"), ("y", SVGDocument.number(y)), ("font-size", "13"), ("font-weight", "bold")],
            text: "Net change in people covered")
        for (label, colour) in Self.classes {
            y += 24
            document.element(
                "rect",
                [
                    ("x", "670"), ("y", SVGDocument.number(y - 13)), ("width", "18"), ("height", "16"),
                    ("fill", colour), ("stroke", "#888"),
                ])
            document.element("text", [("x", "696"), ("y", SVGDocument.number(y)), ("font-size", "12")], text: label)
        }
        for (label, style) in [("village newly covered", "newly"), ("village no longer covered", "lost")] {
            y += 24
            document.element("circle", [("class", style), ("cx", "679"), ("cy", SVGDocument.number(y - 5)), ("r", "4")])
            document.element("text", [("x", "696"), ("y", SVGDocument.number(y)), ("font-size", "12")], text: label)
        }
        return document.finished()
    }

    var title: String { "\(comparison.labelB) against \(comparison.labelA): \(heading)" }

    /// `health centre within 5km: what B changes`.
    var heading: String {
        (analysis.map { "\($0.target.replacingOccurrences(of: "_", with: " ")) within \($0.threshold)" } ?? "Coverage") + ": what B changes against A"
    }

    var subtitle: String {
        guard let analysis, let row = comparison.rows.first(where: { $0.analysis == analysis && ($0.zoneLevel == "region" || $0.zoneLevel == "national") })
        else { return "No coverage to compare." }
        return "\(row.zoneName): \(CoverageMap.grouped(row.newlyCovered)) people newly covered, \(CoverageMap.grouped(row.lost)) lost "
            + "(net \(row.netChange >= 0 ? "+" : "")\(CoverageMap.grouped(row.netChange))); \(row.villagesNewlyCovered) villages gained, \(row.villagesLost) lost"
    }
}
