import RasterIO

/// QGIS styles (QML) for the layers of a run's GeoPackage, drawn as the SVG maps draw them: a zones
/// layer graduated by the percent covered of its first care and limit in the maps' 5 classes
/// (``MapClasses``: the same limits and ColorBrewer YlOrRd, darkest where least is covered), a
/// point layer with a `tier` field by the maps' tier symbols (health centre ●, district hospital
/// ■, provincial hospital ▲, central hospital ★, in their colours).
enum QGISStyle {
    /// The style of the layer `name` with `fields`, or nil when it has none.
    static func style(forLayer name: String, fields: [String], geometry: GeoPackageWriter.GeometryType) -> GeoPackageWriter.Style? {
        if name.hasSuffix("zones_districts") || name.hasSuffix("zones_provinces"), let field = fields.first(where: { $0.hasSuffix("_pct_covered") }) {
            return GeoPackageWriter.Style(name: "Percent covered: \(field)", qml: graduated(field))
        }
        if geometry == .point, fields.contains("tier") {
            return GeoPackageWriter.Style(name: "Facilities by tier", qml: tiers())
        }
        return nil
    }

    /// Percent covered in the maps' classes: a district the map shades class k of percent
    /// uncovered is 100 − that covered, so the lightest class is the most covered.
    static func graduated(_ field: String) -> String {
        let limits = MapClasses.equalFifths.limits
        var ranges = "", symbols = ""
        for index in 0..<MapClasses.count {
            // Uncovered class k spans [limits[k], limits[k+1]); covered spans (100 − limits[k+1], 100 − limits[k]].
            let lower = 100 - limits[index + 1], upper = 100 - limits[index]
            let label = "\(number(lower)) to \(number(upper)) % covered"
            ranges += "      <range lower=\"\(number(lower))\" upper=\"\(number(upper))\" symbol=\"\(index)\" label=\"\(label)\" render=\"true\"/>\n"
            symbols += symbol(
                name: "\(index)", type: "fill", layer: "SimpleFill",
                options: [
                    ("color", rgba(MapClasses.colours[index])), ("outline_color", "255,255,255,255"), ("outline_width", "0.26"), ("style", "solid"),
                ])
        }
        return document(
            """
              <renderer-v2 type="graduatedSymbol" attr="\(field)" graduatedMethod="GraduatedColor" symbollevels="0" forceraster="0" enableorderby="0">
                <ranges>
            \(ranges)    </ranges>
                <symbols>
            \(symbols)    </symbols>
              </renderer-v2>
            """)
    }

    /// The tiers' symbols, as the SVG maps draw them.
    static func tiers() -> String {
        let marks: [(FacilityTier, String, String, String)] = [
            (.healthCentre, "circle", "#2166ac", "2.2"), (.districtHospital, "square", "#762a83", "2.8"),
            (.provincialHospital, "triangle", "#00695c", "3.6"), (.centralHospital, "star", "#000000", "4.4"),
        ]
        var categories = "", symbols = ""
        for (index, (tier, shape, colour, size)) in marks.enumerated() {
            categories += "      <category value=\"\(tier.rawValue)\" symbol=\"\(index)\" label=\"\(CoverageMap.tierName(tier))\" render=\"true\"/>\n"
            symbols += symbol(
                name: "\(index)", type: "marker", layer: "SimpleMarker",
                options: [
                    ("name", shape), ("color", rgba(colour)), ("outline_color", "255,255,255,255"), ("outline_width", "0.3"), ("size", size),
                ])
        }
        return document(
            """
              <renderer-v2 type="categorizedSymbol" attr="tier" symbollevels="0" forceraster="0" enableorderby="0">
                <categories>
            \(categories)    </categories>
                <symbols>
            \(symbols)    </symbols>
              </renderer-v2>
            """)
    }

    private static func document(_ renderer: String) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.22.0" styleCategories="Symbology">
        \(renderer)
        </qgis>

        """
    }

    private static func symbol(name: String, type: String, layer: String, options: [(String, String)]) -> String {
        let values = options.map { "            <Option name=\"\($0.0)\" type=\"QString\" value=\"\($0.1)\"/>" }.joined(separator: "\n")
        return """
                  <symbol name="\(name)" type="\(type)" alpha="1" clip_to_extent="1" force_rhr="0">
                    <layer class="\(layer)" enabled="1" locked="0" pass="0">
                      <Option type="Map">
            \(values)
                      </Option>
                    </layer>
                  </symbol>

            """
    }

    /// `#rrggbb` as QGIS's `r,g,b,a`.
    private static func rgba(_ hex: String) -> String {
        let value = Int(hex.dropFirst(), radix: 16)!
        return "\(value >> 16),\((value >> 8) & 0xff),\(value & 0xff),255"
    }

    private static func number(_ value: Double) -> String { CoverageThreshold.number(value) }
}
