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
        let geometries = comparison.districtGeometries
        let envelopes =
            geometries.values.compactMap(\.envelope)
            + comparison.changedVillages.map {
                Envelope(minX: $0.location.lon, minY: $0.location.lat, maxX: $0.location.lon, maxY: $0.location.lat)
            }
        // The map frame is as tall as the region needs at 640 pixels wide (within limits), the
        // legend beside it; the notes follow under both.
        var extent = envelopes.first ?? Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1)
        for envelope in envelopes.dropFirst() { extent.expand(toInclude: envelope) }
        let fitted = MapProjection(fitting: extent, into: Envelope(minX: 10, minY: 70, maxX: 650, maxY: 10_000)).pixelSize(of: extent)
        let mapFrame = Envelope(minX: 10, minY: 70, maxX: 650, maxY: 70 + max(420, min(720, fitted.height * 1.06)))
        let footerTop = mapFrame.maxY + 22, width = 900.0, height = footerTop + (caveat == nil ? 12 : 30)
        var document = SVGDocument(
            width: width, height: height, title: title,
            style: """
                text { font-family: sans-serif; fill: #222; }
                .district { stroke: #888; stroke-width: 0.4; }
                .newly { fill: #00441b; } .lost { fill: #b2182b; }
                .border { fill: none; stroke: #303030; stroke-width: 1.6; stroke-linejoin: round; }
                .label { font-size: 12px; font-style: italic; text-anchor: middle; stroke: #ffffff; stroke-width: 3px; stroke-opacity: 0.7; paint-order: stroke; }
                .added { fill: none; stroke: #1b7837; stroke-width: 2.2; }
                .closed { fill: none; stroke: #b2182b; stroke-width: 2.2; stroke-dasharray: 3 2; }
                .retiered { fill: none; stroke: #e66101; stroke-width: 2.2; }
                .hc { fill: #2166ac; stroke: #ffffff; stroke-width: 0.7; } .dh { fill: #762a83; stroke: #ffffff; stroke-width: 0.9; }
                .ph { fill: #00695c; stroke: #ffffff; stroke-width: 1; } .ch { fill: #000000; stroke: #ffffff; stroke-width: 1; }
                .proxy { fill: #ffffff; stroke: #555555; }
                .bar-dark { fill: #303030; } .bar-light { fill: #ffffff; stroke: #303030; }
                .small { font-size: 11px; fill: #555555; } .note { font-size: 12px; font-weight: bold; fill: #b2182b; }
                """)
        document.element("text", [("x", "10"), ("y", "24"), ("font-size", "17"), ("font-weight", "bold")], text: heading)
        document.element("text", [("x", "10"), ("y", "44"), ("font-size", "12")], text: "B: \(comparison.labelB); A (base): \(comparison.labelA)")
        document.element("text", [("x", "10"), ("y", "62"), ("font-size", "12")], text: subtitle)

        guard !envelopes.isEmpty else {
            document.element("text", [("x", "20"), ("y", "100")], text: "Nothing to map.")
            return document.finished()
        }
        let projection = MapProjection(fitting: extent, into: mapFrame)
        let tolerance = projection.toleranceDegrees(pixels: 0.5)
        let n = { (value: Double) in SVGDocument.number((value * 100).rounded() / 100) }

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
                tooltip: "\(code): net change \(change.grouped) people")
        }
        document.close()

        // Province borders and names, as on the coverage maps.
        if !comparison.provinces.isEmpty {
            document.open("g", [("id", "provinces")])
            for province in comparison.provinces {
                let path = try CoverageMap.pathData(Geometry(province.shape), projection: projection, tolerance: tolerance)
                if !path.isEmpty { document.element("path", [("class", "border"), ("d", path)]) }
            }
            for province in comparison.provinces where !province.name.isEmpty {
                guard let point = try Geometry(province.shape).pointOnSurface().coordinates.first else { continue }
                let pixel = projection.pixel(point)
                guard mapFrame.contains(Coordinate(x: pixel.x, y: pixel.y)) else { continue }
                document.element("text", [("class", "label"), ("x", n(pixel.x)), ("y", n(pixel.y))], text: province.name)
            }
            document.close()
        }

        document.open("g", [("id", "villages")])
        for village in comparison.changedVillages {
            guard let analysis, let gained = village.changes[analysis] else { continue }
            let pixel = projection.pixel(village.location)
            document.element(
                "circle",
                [("class", gained ? "newly" : "lost"), ("cx", n(pixel.x)), ("cy", n(pixel.y)), ("r", "2.2")],
                tooltip: "\(village.code) \(village.name): \(village.population.grouped) people "
                    + (gained ? "newly covered" : "no longer covered"))
        }
        document.close()

        // The facilities the scenario adds, closes or changes the tier of, ringed.
        if !comparison.facilityChanges.isEmpty {
            document.open("g", [("id", "facility-changes")])
            for change in comparison.facilityChanges {
                let pixel = projection.pixel(change.location)
                guard mapFrame.contains(Coordinate(x: pixel.x, y: pixel.y)) else { continue }
                let symbol = CoverageMap.symbol(change.tier, x: pixel.x, y: pixel.y, proxy: change.kind == .closed)
                document.element(symbol.name, symbol.attributes)
                document.element(
                    "circle", [("class", change.kind.rawValue), ("cx", n(pixel.x)), ("cy", n(pixel.y)), ("r", "10")],
                    tooltip: "\(change.name) (\(change.id)), \(change.tier.label): \(Self.phrase(change.kind))")
            }
            document.close()
        }

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
        for kind in [FacilityKind.added, .closed, .retiered] {
            let count = comparison.facilityChanges.filter { $0.kind == kind }.count
            guard count > 0 else { continue }
            y += 26
            document.element("circle", [("class", kind.rawValue), ("cx", "679"), ("cy", SVGDocument.number(y - 5)), ("r", "8")])
            document.element(
                "text", [("x", "696"), ("y", SVGDocument.number(y)), ("font-size", "12")],
                text: "facility \(Self.phrase(kind)) (\(count))")
        }

        // Scale bar, true along the centre parallel.
        y += 40
        let bar = MapScaleBar(metersPerPixel: projection.metersPerPixel, maxPixels: 180)
        document.element(
            "text", [("x", "670"), ("y", SVGDocument.number(y)), ("font-size", "12")], text: "Scale along \(CoverageMap.degrees(projection.centreLatitude))")
        y += 10
        document.element("rect", [("class", "bar-dark"), ("x", "670"), ("y", n(y)), ("width", n(bar.pixels / 2)), ("height", "6")])
        document.element("rect", [("class", "bar-light"), ("x", n(670 + bar.pixels / 2)), ("y", n(y)), ("width", n(bar.pixels / 2)), ("height", "6")])
        document.element("text", [("class", "small"), ("x", "670"), ("y", n(y + 20))], text: "0")
        document.element("text", [("class", "small"), ("x", n(670 + bar.pixels - 20)), ("y", n(y + 20))], text: "\(SVGDocument.number(bar.kilometers)) km")

        // What the figures rest on, and whose data it is.
        var footer = footerTop
        if let caveat {
            document.element("text", [("class", "note"), ("x", "10"), ("y", n(footer))], text: caveat)
            footer += 18
        }
        document.element("text", [("class", "small"), ("x", "10"), ("y", n(footer))], text: credits)
        return document.finished()
    }

    private typealias FacilityKind = ScenarioComparison.FacilityDifference.Kind

    static func phrase(_ kind: ScenarioComparison.FacilityDifference.Kind) -> String {
        switch kind {
        case .added: "added in B"
        case .closed: "closed in B"
        case .retiered: "tier changed in B"
        }
    }

    /// The caveat line: how many of B's facilities are proxies, when any are.
    var caveat: String? {
        let proxies = comparison.facilitySources["proxy"] ?? 0, total = comparison.facilitySources.values.reduce(0, +)
        guard proxies > 0 else { return nil }
        return "\(proxies.grouped) of \(total.grouped) facilities in B's region are proxies placed by a rule: changes near them are estimates."
    }

    /// The sources line, after B's facility layer.
    var credits: String {
        var text = "Coverage by straight-line (geodesic) distance or the standards' travel model; districts shaded by B − A."
        if comparison.facilitySources["osm"] != nil { text += " Facilities: © OpenStreetMap contributors, ODbL 1.0." }
        return text
    }

    var title: String { "\(comparison.labelB) against \(comparison.labelA): \(heading)" }

    /// `health centre within 5km: what B changes`.
    var heading: String {
        (analysis.map { "\($0.target.replacingOccurrences(of: "_", with: " ")) within \($0.threshold)" } ?? "Coverage") + ": what B changes against A"
    }

    var subtitle: String {
        guard let analysis, let row = comparison.rows.first(where: { $0.analysis == analysis && ($0.zoneLevel == "region" || $0.zoneLevel == "national") })
        else { return "No coverage to compare." }
        return "\(row.zoneName): \(row.newlyCovered.grouped) people newly covered, \(row.lost.grouped) lost "
            + "(net \(row.netChange >= 0 ? "+" : "")\(row.netChange.grouped)); \(row.villagesNewlyCovered) villages gained, \(row.villagesLost) lost"
    }
}
