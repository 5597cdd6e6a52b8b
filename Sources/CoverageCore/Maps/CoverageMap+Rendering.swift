import Foundation
import GeoIO
import GeometryKit

extension CoverageMap {
    /// The layout of the canvas, pixels.
    enum Layout {
        static let margin = 24.0
        static let panelWidth = 250.0
        static let panelGap = 22.0
        static let minMapHeight = 320.0
        static let scaleBarMaxPixels = 180.0
        static let lineHeight = 18.0
    }

    /// The SVG text of the map (UTF-8 when written).
    ///
    /// - Throws: ``GeometryError`` when GEOS fails to simplify a polygon or find a label point.
    /// - Note: Thread-safe.
    public func svg() throws -> String {
        String(decoding: try svgBytes(), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``svg()``.
    func svgBytes() throws -> [UInt8] {
        let margin = Layout.margin
        let panelX = width - margin - Layout.panelWidth
        let maxMapWidth = panelX - Layout.panelGap - margin

        // Header: title, subtitle and the data note, each wrapped to the canvas.
        var header = SVGDocument()
        var y = margin + 14
        for line in Self.wrap(title, width: width - 2 * margin, fontSize: 20, bold: true) {
            header.element("text", [("class", "title"), ("x", SVGDocument.number(margin)), ("y", SVGDocument.number(y))], text: line)
            y += 25
        }
        y -= 4
        for line in Self.wrap(subtitle, width: width - 2 * margin, fontSize: 13) {
            header.element("text", [("class", "subtitle"), ("x", SVGDocument.number(margin)), ("y", SVGDocument.number(y))], text: line)
            y += 18
        }
        if let dataNote {
            for line in Self.wrap(dataNote, width: width - 2 * margin, fontSize: 13, bold: true) {
                header.element("text", [("class", "note"), ("x", SVGDocument.number(margin)), ("y", SVGDocument.number(y))], text: line)
                y += 18
            }
        }
        let top = y + 4

        // The frame: as wide as the room beside the legend, as tall as the region's shape needs.
        let extent = mapExtent()
        let probe = MapProjection(fitting: extent.envelope, into: Envelope(minX: 0, minY: 0, maxX: maxMapWidth, maxY: maxMapHeight))
        let fitted = probe.pixelSize(of: extent.envelope)
        let frameHeight = max(Layout.minMapHeight, min(maxMapHeight, fitted.height * 1.06))
        let frame = Envelope(minX: margin, minY: top, maxX: margin + maxMapWidth, maxY: top + frameHeight)
        let projection = MapProjection(fitting: extent.envelope, into: frame)

        var map = SVGDocument()
        let drawn = try drawMap(into: &map, projection: projection, frame: frame, isEmpty: extent.isEmpty)
        var legend = SVGDocument()
        let legendHeight = drawLegend(into: &legend, x: panelX, y: top, projection: projection, drawn: drawn)

        var footer = SVGDocument()
        var footerY = top + max(frameHeight, legendHeight) + 20
        let projectionNote =
            "Projection: equirectangular, longitudes scaled by cos \(Self.degrees(projection.centreLatitude)); "
            + "the scale is true along \(Self.degrees(projection.centreLatitude)) and within 1 % across the map's middle."
        for line in [projectionNote] + (credits.map { [$0] } ?? []) {
            for wrapped in Self.wrap(line, width: width - 2 * margin, fontSize: 11) {
                footer.element("text", [("class", "small"), ("x", SVGDocument.number(margin)), ("y", SVGDocument.number(footerY))], text: wrapped)
                footerY += 15
            }
        }
        let height = (footerY + margin - 12).rounded(.up)

        var document = SVGDocument(width: width, height: height, title: title, style: Self.style)
        document.open("defs")
        document.open(
            "pattern",
            [
                ("id", "nodata"), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"),
                ("patternTransform", "rotate(45)"),
            ])
        document.element("rect", [("width", "6"), ("height", "6"), ("fill", MapClasses.noDataColour)])
        document.element("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("stroke", "#7f7f7f"), ("stroke-width", "1.6")])
        document.close()
        document.open("clipPath", [("id", "frame")])
        document.element("rect", Self.rect(frame))
        document.close()
        document.close()
        document.element(
            "rect",
            [
                ("class", "canvas"), ("x", "0"), ("y", "0"), ("width", SVGDocument.number(width)),
                ("height", SVGDocument.number(height)),
            ])
        document.append(header)
        document.append(map)
        document.append(legend)
        document.append(footer)
        return document.finishedBytes()
    }

    /// What was drawn: the counts the legend shows.
    struct DrawnCounts {
        /// Facilities in the region, by tier.
        var facilities: [FacilityTier: Int] = [:]
        /// Facilities outside the region (drawn faded).
        var outsideFacilities = 0
        /// Proxies in the region (drawn hollow).
        var proxies = 0
        /// Facilities in the region that provide the map's service (ringed).
        var providers = 0
        var villages = 0
        var noDataZones = 0
    }

    // MARK: map

    /// The lon/lat extent the map is fitted to: the zones, else everything else, else a 1° box.
    private func mapExtent() -> (envelope: Envelope, isEmpty: Bool) {
        func union(_ boxes: [Envelope]) -> Envelope? {
            boxes.reduce(nil) { (result: Envelope?, box) in
                guard var result else { return box }
                result.expand(toInclude: box)
                return result
            }
        }
        if let box = union(zones.compactMap(\.geometry.envelope)) { return (box, false) }
        let points = facilities.map(\.location) + uncoveredVillages.map(\.location)
        if let box = union(borders.compactMap(\.geometry.envelope) + (Envelope(covering: points.filter(\.isValidLonLat)).map { [$0] } ?? [])) {
            return (box, false)
        }
        return (Envelope(minX: -0.5, minY: -0.5, maxX: 0.5, maxY: 0.5), true)
    }

    private func drawMap(into map: inout SVGDocument, projection: MapProjection, frame: Envelope, isEmpty: Bool) throws -> DrawnCounts {
        var drawn = DrawnCounts()
        let tolerance = projection.toleranceDegrees(pixels: simplificationPixels)
        map.element("rect", [("class", "sea")] + Self.rect(frame))
        map.open("g", [("clip-path", "url(#frame)")])

        if !context.isEmpty {
            let data = try context.map { try Self.pathData($0, projection: projection, tolerance: tolerance) }.joined()
            if !data.isEmpty { map.element("path", [("class", "context"), ("d", data)]) }
        }

        if let travelTime {
            try drawTravelTime(travelTime, into: &map, projection: projection, frame: frame, tolerance: tolerance)
        } else {
            try drawZones(into: &map, projection: projection, tolerance: tolerance, drawn: &drawn)
        }

        if !borders.isEmpty {
            map.open("g", [("class", "borders")])
            for border in borders {
                let data = try Self.pathData(border.geometry, projection: projection, tolerance: tolerance)
                if !data.isEmpty { map.element("path", [("class", "border"), ("d", data)]) }
            }
            map.close()
        }

        let symbolScale = Self.symbolScale(projection)
        let villages = uncoveredVillages.compactMap { village -> (x: Double, y: Double, village: VillageMark)? in
            guard village.location.isValidLonLat else { return nil }
            let pixel = projection.pixel(village.location)
            return frame.contains(Coordinate(x: pixel.x, y: pixel.y)) ? (pixel.x, pixel.y, village) : nil
        }
        drawn.villages = villages.count
        if !villages.isEmpty {
            map.open("g", [("class", "villages")])
            for village in villages {
                map.element(
                    "circle",
                    [
                        ("cx", SVGDocument.number(village.x)), ("cy", SVGDocument.number(village.y)),
                        ("r", SVGDocument.number(1.4 * symbolScale)),
                    ])
            }
            map.close()
        }

        // Facilities outside the region first (faded, underneath), then the region's; lower tiers
        // under higher ones (a provincial hospital shares its point with a district hospital), the
        // tier the map is about larger.
        map.open("g", [("class", "facilities")])
        for inRegion in [false, true] {
            let marks = FacilityTier.allCases.flatMap { tier in
                facilities.filter { $0.tier == tier && $0.isInRegion == inRegion && $0.location.isValidLonLat }
            }.compactMap { facility -> (FacilityMark, Double, Double)? in
                let pixel = projection.pixel(facility.location)
                return frame.contains(Coordinate(x: pixel.x, y: pixel.y)) ? (facility, pixel.x, pixel.y) : nil
            }
            guard !marks.isEmpty else { continue }
            if !inRegion { map.open("g", [("class", "outside")]) }
            for (facility, x, y) in marks {
                let ringed = facility.providesService && !target.isTier
                if inRegion {
                    drawn.facilities[facility.tier, default: 0] += 1
                    if facility.isProxy { drawn.proxies += 1 }
                    if ringed { drawn.providers += 1 }
                } else {
                    drawn.outsideFacilities += 1
                }
                let scale = symbolScale * emphasis(facility.tier)
                if ringed { map.element("circle", Self.providerRing(x: x, y: y, scale: scale)) }
                let symbol = Self.symbol(facility.tier, x: x, y: y, scale: scale, proxy: facility.isProxy)
                let place = inRegion ? "" : ", outside the region"
                let kind = facility.isProxy ? ", a proxy location" : ""
                map.element(symbol.name, symbol.attributes, tooltip: "\(facility.name) (\(facility.id)), \(facility.tier.label)\(kind)\(place)")
            }
            if !inRegion { map.close() }
        }
        map.close()

        // Province names on top, with a white halo that lets what lies under them show through.
        let labelled = borders.filter { $0.name != nil && !$0.geometry.isEmpty }
        if !labelled.isEmpty {
            let hospitals = facilities.filter { $0.tier >= .provincialHospital && $0.location.isValidLonLat }.map { projection.pixel($0.location) }
            map.open("g", [("class", "labels")])
            for border in labelled {
                let point = try border.geometry.pointOnSurface().coordinates.first
                guard let point else { continue }
                var pixel = projection.pixel(point)
                guard frame.contains(Coordinate(x: pixel.x, y: pixel.y)) else { continue }
                // A label on a hospital symbol moves just below it.
                for hospital in hospitals where abs(hospital.x - pixel.x) < 40 && abs(hospital.y - pixel.y) < 12 {
                    pixel.y = hospital.y + 18
                    break
                }
                map.element(
                    "text", [("class", "label"), ("x", SVGDocument.number(pixel.x)), ("y", SVGDocument.number(pixel.y))],
                    text: border.name!)
            }
            map.close()
        }
        map.close()  // clipped group

        if isEmpty {
            map.element(
                "text",
                [
                    ("class", "empty"), ("x", SVGDocument.number(frame.minX + frame.width / 2)),
                    ("y", SVGDocument.number(frame.minY + frame.height / 2)),
                ], text: "Nothing to map: no districts were given.")
        }
        map.element("rect", [("class", "frame")] + Self.rect(frame))
        return drawn
    }

    /// The zones shaded by their class of percent uncovered, each with its tooltip.
    private func drawZones(into map: inout SVGDocument, projection: MapProjection, tolerance: Double, drawn: inout DrawnCounts) throws {
        map.open("g", [("class", "zones")])
        for zone in zones {
            let data = try Self.pathData(zone.geometry, projection: projection, tolerance: tolerance)
            guard !data.isEmpty else { continue }
            let index = classes.index(of: zone.percentUncovered)
            if index == nil { drawn.noDataZones += 1 }
            var attributes: [SVGDocument.Attribute] = [("class", index.map { "zone c\($0)" } ?? "zone nodata")]
            if index == nil { attributes.append(("fill", "url(#nodata)")) }
            attributes.append(("d", data))
            map.element("path", attributes, tooltip: zoneTooltip(zone))
        }
        map.close()
    }

    private func zoneTooltip(_ zone: Zone) -> String {
        let name = "\(zone.name) (\(zone.pcode))"
        guard let percent = zone.percentUncovered, percent.isFinite else { return "\(name): no data" }
        var text = "\(name): \(Self.percentText(percent)) of "
        if let total = zone.populationTotal { text += "\(total.grouped) people" } else { text += "the population" }
        text += " more than \(Self.limitText(threshold)) from \(Self.careText(target))"
        if let uncovered = zone.populationUncovered { text += " (\(uncovered.grouped))" }
        return text
    }

    /// The SVG path data of a polygonal geometry's rings, simplified and projected: `M x y L x y … Z`
    /// per ring, coordinates to 2 decimals, repeated points dropped; empty for no rings.
    static func pathData(_ geometry: Geometry, projection: MapProjection, tolerance: Double) throws -> String {
        guard !geometry.isEmpty else { return "" }
        let simplified = try geometry.simplifiedPreservingTopology(tolerance: tolerance)
        var data: [UInt8] = []
        // A ring's pixels in hundredths, as written: equal hundredths are equal text.
        var points: [(x: Int64, y: Int64)] = []
        for polygon in simplified.polygons {
            for ring in [polygon.exteriorRing].compactMap({ $0 }) + polygon.interiorRings {
                points.removeAll(keepingCapacity: true)
                for coordinate in ring.coordinates {
                    let pixel = projection.pixel(coordinate)
                    let point = (x: SVGDocument.hundredths(pixel.x), y: SVGDocument.hundredths(pixel.y))
                    if let last = points.last, last == point { continue }
                    points.append(point)
                }
                if points.count > 1, points.first! == points.last! { points.removeLast() }
                guard points.count >= 3 else { continue }
                for (index, point) in points.enumerated() {
                    data.append(index == 0 ? UInt8(ascii: "M") : index == 1 ? UInt8(ascii: "L") : UInt8(ascii: " "))
                    SVGDocument.appendHundredths(point.x, to: &data)
                    data.append(UInt8(ascii: " "))
                    SVGDocument.appendHundredths(point.y, to: &data)
                }
                data.append(UInt8(ascii: "Z"))
            }
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// How much larger the symbols of `tier` are drawn: 1.25 for the tier the map is about.
    func emphasis(_ tier: FacilityTier) -> Double {
        target == .tier(tier) ? 1.25 : 1
    }

    /// How much larger than at about 130 px per degree (a map of the north) symbols are drawn:
    /// smaller on a country map where they crowd, larger on a small region's, within 0.8–1.25.
    static func symbolScale(_ projection: MapProjection) -> Double {
        min(1.25, max(0.8, (projection.pixelsPerDegree / 130).squareRoot()))
    }

    /// The element that draws a facility of `tier` centred on (x, y), `scale` times the base size;
    /// hollow for a proxy.
    static func symbol(
        _ tier: FacilityTier, x: Double, y: Double, scale: Double = 1, proxy: Bool = false
    ) -> (name: String, attributes: [SVGDocument.Attribute]) {
        let n = SVGDocument.number
        let hollow = proxy ? " proxy" : ""
        switch tier {
        case .healthCentre:
            return ("circle", [("class", "hc" + hollow), ("cx", n(x)), ("cy", n(y)), ("r", n(2.8 * scale))])
        case .districtHospital:
            let half = 3.6 * scale
            return ("rect", [("class", "dh" + hollow), ("x", n(x - half)), ("y", n(y - half)), ("width", n(2 * half)), ("height", n(2 * half))])
        case .provincialHospital:
            let (up, down, side) = (7 * scale, 4.5 * scale, 6.5 * scale)
            return ("path", [("class", "ph" + hollow), ("d", "M\(n(x)) \(n(y - up))L\(n(x + side)) \(n(y + down))L\(n(x - side)) \(n(y + down))Z")])
        case .centralHospital:
            let points = (0..<10).map { corner -> String in
                let angle = Double(corner) * .pi / 5 - .pi / 2
                let radius = (corner % 2 == 0 ? 9.0 : 3.8) * scale
                return n(x + radius * cos(angle)) + " " + n(y + radius * sin(angle))
            }
            return ("path", [("class", "ch" + hollow), ("d", "M" + points[0] + "L" + points.dropFirst().joined(separator: " ") + "Z")])
        }
    }

    /// The ring drawn around a facility that provides the map's service.
    static func providerRing(x: Double, y: Double, scale: Double) -> [SVGDocument.Attribute] {
        [("class", "provider"), ("cx", SVGDocument.number(x)), ("cy", SVGDocument.number(y)), ("r", SVGDocument.number(11 * scale))]
    }

    static func rect(_ frame: Envelope) -> [SVGDocument.Attribute] {
        [
            ("x", SVGDocument.number(frame.minX)), ("y", SVGDocument.number(frame.minY)),
            ("width", SVGDocument.number(frame.width)), ("height", SVGDocument.number(frame.height)),
        ]
    }

    // MARK: text helpers

    /// `text` cut into lines of at most about `width` pixels at `fontSize` (an estimate: the
    /// average glyph of a sans-serif face is about 0.56 em wide, 0.6 em in bold). Words longer
    /// than a line stay whole.
    static func wrap(_ text: String, width: Double, fontSize: Double, bold: Bool = false) -> [String] {
        let perLine = max(8, Int(width / (fontSize * (bold ? 0.62 : 0.56))))
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= perLine {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// A percentage to one decimal: `42.1 %`, `100 %`.
    static func percentText(_ value: Double) -> String {
        oneDecimal(value) + " %"
    }

    /// A number to one decimal, a trailing `.0` dropped: `42.1`, `100`.
    static func oneDecimal(_ value: Double) -> String {
        SVGDocument.number((value * 10).rounded() / 10)
    }

    /// A latitude: `18.2° N`, `3.5° S`.
    static func degrees(_ latitude: Double) -> String {
        let tenths = (abs(latitude) * 10).rounded()
        return "\(Int64(tenths) / 10).\(Int64(tenths) % 10)° " + (latitude < 0 ? "S" : "N")
    }
}
