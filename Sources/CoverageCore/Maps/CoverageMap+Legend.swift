import Foundation
import GeoIO

extension CoverageMap {
    /// Draws the legend panel with its top-left corner at (x, y): the classes, no data, the
    /// borders, the villages, the facilities by tier (counting what the map shows), the scale bar
    /// and the north arrow. Returns the panel's height, pixels.
    func drawLegend(into legend: inout SVGDocument, x: Double, y top: Double, projection: MapProjection, drawn: DrawnCounts) -> Double {
        let n = SVGDocument.number
        let width = Layout.panelWidth
        let labelX = x + 36
        let labelWidth = width - 36
        var y = top + 12
        legend.open("g", [("class", "legend")])

        func heading(_ text: String) {
            if y > top + 12 { y += 12 }
            for line in Self.wrap(text, width: width, fontSize: 13, bold: true) {
                legend.element("text", [("class", "heading"), ("x", n(x)), ("y", n(y))], text: line)
                y += 17
            }
            y += 2
        }
        /// A label beside a symbol whose middle is at `middle`; returns the rows used.
        func label(_ text: String, middle: Double) {
            let lines = Self.wrap(text, width: labelWidth, fontSize: 12)
            for (index, line) in lines.enumerated() {
                legend.element("text", [("x", n(labelX)), ("y", n(middle + 4 + Double(index) * 15))], text: line)
            }
            y += max(Layout.lineHeight + 4, Double(lines.count) * 15 + 7)
        }

        // The classes: percent uncovered darkest (most uncovered) on top, minutes nearest on top.
        let swatches: [(fill: [SVGDocument.Attribute], label: String)]
        if let travelTime {
            heading("Minutes to \(Self.careText(target))")
            swatches =
                travelTime.labels.enumerated().map { ([("class", "swatch t\($0.offset)")], $0.element) }
                + [([("class", "swatch"), ("fill", "url(#nodata)")], "Not reached (impassable, or no facility on the raster)")]
        } else {
            heading("Share of district population more than \(Self.limitText(threshold)) from \(Self.careText(target))")
            swatches =
                (0..<MapClasses.count).reversed().map { ([("class", "swatch c\($0)")], classes.label($0)) }
                + (drawn.noDataZones > 0
                    ? [([("class", "swatch"), ("fill", "url(#nodata)")], "No data (\(Self.counted(drawn.noDataZones, "district", "districts")))")] : [])
        }
        for swatch in swatches {
            legend.element("rect", swatch.fill + [("x", n(x)), ("y", n(y)), ("width", "28"), ("height", "18")])
            label(swatch.label, middle: y + 9)
        }
        y += 8

        // Boundaries (drawn on a shaded swatch, as on the map) and villages.
        let scale = Self.symbolScale(projection)
        legend.element("rect", [("class", "swatch c2"), ("x", n(x)), ("y", n(y)), ("width", "28"), ("height", "18")])
        legend.element("line", [("class", "border"), ("x1", n(x)), ("y1", n(y + 9)), ("x2", n(x + 28)), ("y2", n(y + 9))])
        label("Province border", middle: y + 9)
        legend.element("rect", [("class", "swatch c2"), ("x", n(x)), ("y", n(y)), ("width", "28"), ("height", "18")])
        legend.element("line", [("class", "district-line"), ("x1", n(x)), ("y1", n(y + 9)), ("x2", n(x + 28)), ("y2", n(y + 9))])
        label("District border", middle: y + 9)
        legend.open("g", [("class", "villages")])
        legend.element("circle", [("cx", n(x + 14)), ("cy", n(y + 9)), ("r", n(1.4 * scale))])
        legend.close()
        label("Village more than \(Self.limitText(threshold)) away (\(drawn.villages.grouped))", middle: y + 9)

        // Facilities by tier, with the number on the map.
        heading("Facilities in the region")
        let shown = FacilityTier.allCases.filter { (drawn.facilities[$0] ?? 0) > 0 }
        if shown.isEmpty {
            legend.element("text", [("x", n(x)), ("y", n(y + 9))], text: "none")
            y += Layout.lineHeight + 4
        }
        for tier in shown {
            let symbol = Self.symbol(tier, x: x + 14, y: y + 9, scale: scale * emphasis(tier))
            legend.element(symbol.name, symbol.attributes)
            label("\(Self.tierName(tier)) (\((drawn.facilities[tier] ?? 0).grouped))", middle: y + 9)
        }
        if drawn.proxies > 0 {
            let symbol = Self.symbol(.healthCentre, x: x + 14, y: y + 9, scale: scale, proxy: true)
            legend.element(symbol.name, symbol.attributes)
            label("Hollow: proxy locations, placed by a rule (\(drawn.proxies.grouped))", middle: y + 9)
        }
        if drawn.providers > 0 {
            legend.element("circle", Self.providerRing(x: x + 14, y: y + 9, scale: scale * 0.8))
            label("Ringed: provides \(target.label) (\(drawn.providers.grouped))", middle: y + 9)
        }
        if drawn.outsideFacilities > 0 {
            legend.open("g", [("class", "outside")])
            let symbol = Self.symbol(.healthCentre, x: x + 14, y: y + 9, scale: scale)
            legend.element(symbol.name, symbol.attributes)
            legend.close()
            label("Faded: facilities outside the region (\(drawn.outsideFacilities.grouped))", middle: y + 9)
        }

        // Scale bar (true along the centre parallel) and north arrow.
        heading("Scale along \(Self.degrees(projection.centreLatitude))")
        let bar = MapScaleBar(metersPerPixel: projection.metersPerPixel, maxPixels: Layout.scaleBarMaxPixels)
        let half = bar.pixels / 2
        legend.open("g", [("class", "scalebar")])
        legend.element("rect", [("class", "bar-dark"), ("x", n(x)), ("y", n(y)), ("width", n(half)), ("height", "6")])
        legend.element("rect", [("class", "bar-light"), ("x", n(x + half)), ("y", n(y)), ("width", n(half)), ("height", "6")])
        legend.element("text", [("class", "tick"), ("x", n(x)), ("y", n(y + 20))], text: "0")
        legend.element("text", [("class", "tick"), ("x", n(x + half)), ("y", n(y + 20))], text: SVGDocument.number(bar.kilometers / 2))
        legend.element(
            "text", [("class", "tick"), ("x", n(x + bar.pixels)), ("y", n(y + 20))],
            text: "\(SVGDocument.number(bar.kilometers)) km")
        legend.close()

        let arrowX = x + min(width - 12, bar.pixels + 50)
        legend.open("g", [("class", "north")])
        legend.element("path", [("d", "M\(n(arrowX)) \(n(y - 22))L\(n(arrowX + 7)) \(n(y + 6))L\(n(arrowX)) \(n(y + 1))L\(n(arrowX - 7)) \(n(y + 6))Z")])
        legend.element("text", [("x", n(arrowX)), ("y", n(y - 27))], text: "N")
        legend.close()
        y += 30
        legend.close()
        return y - top
    }

    /// "1 district", "3 districts".
    static func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count.grouped) \(count == 1 ? singular : plural)"
    }

    /// The map's CSS.
    static let style = """
        text { font-family: "DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, Helvetica, sans-serif; fill: #222222; }
        .canvas { fill: #ffffff; }
        .title { font-size: 20px; font-weight: bold; }
        .subtitle { font-size: 13px; fill: #444444; }
        .note { font-size: 13px; font-weight: bold; fill: #b2182b; }
        .small { font-size: 11px; fill: #555555; }
        .sea { fill: #ffffff; }
        .frame { fill: none; stroke: #9a9a9a; stroke-width: 1; }
        .empty { font-size: 15px; fill: #555555; text-anchor: middle; }
        .context { fill: #eeeeee; stroke: #ffffff; stroke-width: 1; stroke-linejoin: round; fill-rule: evenodd; }
        .zone { stroke: #ffffff; stroke-width: 0.6; stroke-linejoin: round; fill-rule: evenodd; }
        .c0 { fill: \(MapClasses.colours[0]); }
        .c1 { fill: \(MapClasses.colours[1]); }
        .c2 { fill: \(MapClasses.colours[2]); }
        .c3 { fill: \(MapClasses.colours[3]); }
        .c4 { fill: \(MapClasses.colours[4]); }
        .t0 { fill: \(TravelTimeBackground.colours[0]); }
        .t1 { fill: \(TravelTimeBackground.colours[1]); }
        .t2 { fill: \(TravelTimeBackground.colours[2]); }
        .t3 { fill: \(TravelTimeBackground.colours[3]); }
        .t4 { fill: \(TravelTimeBackground.colours[4]); }
        image.travel { image-rendering: pixelated; }
        .district-outline { fill: none; stroke: #ffffff; stroke-width: 0.8; stroke-linejoin: round; }
        .legend rect.swatch { stroke: #9a9a9a; stroke-width: 0.6; }
        .border { fill: none; stroke: #303030; stroke-width: 1.6; stroke-linejoin: round; }
        .district-line { stroke: #ffffff; stroke-width: 1.2; }
        .outside { opacity: 0.4; }
        .villages circle { fill: #1a1a1a; fill-opacity: 0.75; }
        .hc { fill: #2166ac; stroke: #ffffff; stroke-width: 0.7; }
        .dh { fill: #762a83; stroke: #ffffff; stroke-width: 0.9; }
        .ph { fill: #00695c; stroke: #ffffff; stroke-width: 1; }
        .ch { fill: #000000; stroke: #ffffff; stroke-width: 1; }
        .hc.proxy { fill: #ffffff; stroke: #2166ac; stroke-width: 1.2; }
        .dh.proxy { fill: #ffffff; stroke: #762a83; stroke-width: 1.4; }
        .ph.proxy { fill: #ffffff; stroke: #00695c; stroke-width: 1.4; }
        .ch.proxy { fill: #ffffff; stroke: #000000; stroke-width: 1.4; }
        .provider { fill: none; stroke: #e66101; stroke-width: 2; }
        .label { font-size: 12px; font-style: italic; text-anchor: middle; stroke: #ffffff; stroke-width: 3px; stroke-opacity: 0.7; stroke-linejoin: round; paint-order: stroke; }
        .legend text { font-size: 12px; }
        .legend .heading { font-size: 13px; font-weight: bold; }
        .scalebar .tick { font-size: 11px; text-anchor: middle; }
        .bar-dark { fill: #303030; stroke: #303030; stroke-width: 1; }
        .bar-light { fill: #ffffff; stroke: #303030; stroke-width: 1; }
        .north path { fill: #303030; }
        .north text { font-size: 13px; font-weight: bold; text-anchor: middle; }

        """
}
