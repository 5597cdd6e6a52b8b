import GeoIO
import GeometryKit

/// An SVG coverage map of one region for one care target and one threshold: districts shaded by
/// the percent of their population beyond the threshold, province borders, facilities by tier,
/// the uncovered villages as dots, a legend, a scale bar, a north arrow, a title and a subtitle.
///
/// Built from plain values with its memberwise initialiser (the report's map builders, the tests),
/// not from the analysis: zones with a value each, facility points with their tier, village
/// points. Rendering is deterministic: the same values give the same bytes.
///
/// The projection is ``MapProjection`` (equirectangular, x scaled by the cosine of the centre
/// latitude) fitted to the zones; polygons are simplified (topology preserving) so that no vertex
/// moves more than ``simplificationPixels`` on the map; coordinates are written to 2 decimals of a
/// pixel. Facilities and villages outside the map frame are left out, and the legend counts only
/// what is drawn. The SVG has no script; its CSS is in a `<style>` element.
///
/// A value type, `Sendable`; ``svg()`` may be called from any thread.
public struct CoverageMap: Sendable {
    /// A zone shaded on the map (a district): its code, name, boundary and value.
    public struct Zone: Sendable {
        /// The zone's code (`LA0101`), in its tooltip.
        public var pcode: String
        /// The zone's name, in its tooltip.
        public var name: String
        /// Polygon or MultiPolygon, longitude/latitude (WGS 84).
        public var geometry: Geometry
        /// Percent of the zone's population beyond the threshold (0–100); nil for no data (no
        /// population, no villages). A zone with no facility of the tier is 100, not nil.
        public var percentUncovered: Double?
        /// People beyond the threshold, for the zone's tooltip, when known.
        public var populationUncovered: Int?
        /// People in the zone, for the zone's tooltip, when known.
        public var populationTotal: Int?

        /// A zone; see the properties.
        public init(
            pcode: String, name: String, geometry: Geometry, percentUncovered: Double?,
            populationUncovered: Int? = nil, populationTotal: Int? = nil
        ) {
            self.pcode = pcode
            self.name = name
            self.geometry = geometry
            self.percentUncovered = percentUncovered
            self.populationUncovered = populationUncovered
            self.populationTotal = populationTotal
        }
    }

    /// A border drawn over the zones (a province), with a label at a point inside it.
    public struct Border: Sendable {
        /// The label drawn inside the border (nil for none).
        public var name: String?
        /// Polygon or MultiPolygon, longitude/latitude.
        public var geometry: Geometry

        /// A border; see the properties.
        public init(name: String?, geometry: Geometry) {
            self.name = name
            self.geometry = geometry
        }
    }

    /// A facility drawn as its tier's symbol.
    public struct FacilityMark: Sendable {
        /// The facility's id and name, in its tooltip.
        public var id: String
        public var name: String
        /// The tier, which sets the symbol.
        public var tier: FacilityTier
        /// Longitude/latitude (WGS 84).
        public var location: Coordinate
        /// False for a facility outside the region (in a neighbouring province, shown because it
        /// may serve the region's villages): drawn faded and counted apart in the legend.
        public var isInRegion: Bool
        /// True for a proxy (placed by a rule, not surveyed): drawn hollow.
        public var isProxy: Bool
        /// True when the facility provides the service the map is about: ringed (a tier map rings nothing).
        public var providesService: Bool

        /// A facility; see the properties.
        public init(
            id: String, name: String, tier: FacilityTier, location: Coordinate, isInRegion: Bool = true, isProxy: Bool = false,
            providesService: Bool = false
        ) {
            self.id = id
            self.name = name
            self.tier = tier
            self.location = location
            self.isInRegion = isInRegion
            self.isProxy = isProxy
            self.providesService = providesService
        }
    }

    /// A village beyond the threshold, drawn as a small dot.
    public struct VillageMark: Sendable {
        /// The village's name (kept for callers; dots have no tooltip, to keep the file small).
        public var name: String
        /// Longitude/latitude (WGS 84).
        public var location: Coordinate
        /// Its population (persons), for the tooltip, when known.
        public var population: Int?

        /// A village; see the properties.
        public init(name: String, location: Coordinate, population: Int? = nil) {
            self.name = name
            self.location = location
            self.population = population
        }
    }

    /// What the map shows coverage of.
    public var target: CareTarget
    /// The limit a village must be within to be covered.
    public var threshold: CoverageThreshold
    /// The region's name for the title ("Bolikhamxay and Khammouane", "Laos").
    public var regionName: String
    /// The year of the population figures, for the subtitle.
    public var populationYear: Int?
    /// The zones to shade (the region's districts). The map is fitted to them.
    public var zones: [Zone]
    /// Borders drawn thicker over the zones (the region's provinces), labelled with their names.
    public var borders: [Border] = []
    /// Polygons drawn in light grey under everything (the neighbouring provinces), cut to the frame.
    public var context: [Geometry] = []
    /// The facilities to draw (those outside the frame are left out).
    public var facilities: [FacilityMark] = []
    /// The villages beyond the threshold (those outside the frame are left out).
    public var uncoveredVillages: [VillageMark] = []
    /// The warning printed under the title about the data (estimates, proxies; see
    /// ``DataNotes/mapNote``), nil for none.
    public var dataNote: String?
    /// A last line under the map (sources, credits); nil for none.
    public var credits: String?
    /// The shading classes.
    public var classes: MapClasses = .equalFifths
    /// When set, the map shows travel time instead: the classes of minutes to the nearest facility
    /// under the districts' outlines, not reached hatched, villages beyond `threshold` as dots.
    public var travelTime: TravelTimeBackground?

    /// The canvas width, pixels (the height follows from the region's shape).
    public var width: Double = 1_000
    /// The tallest the map frame may be, pixels.
    public var maxMapHeight: Double = 1_050
    /// How far a vertex may move when polygons are simplified, pixels on the map.
    public var simplificationPixels: Double = 0.5

    /// Writes ``svg()`` to `path` atomically (see ``AtomicFile``).
    /// - Throws: ``GeometryError`` as ``svg()``; ``OutputError`` when the file cannot be written.
    public func write(to path: String) throws {
        try AtomicFile.write(svgBytes(), to: path)
    }
}

// MARK: - texts

extension CoverageMap {
    /// The title: "Population more than 5 km from a health centre — Laos".
    public var title: String {
        if travelTime != nil { return "Travel time to \(Self.careText(target)) — \(regionName)" }
        return "Population more than \(Self.limitText(threshold)) from \(Self.careText(target)) — \(regionName)"
    }

    /// The subtitle: what is shaded, the year, and how distance or time is measured.
    public var subtitle: String {
        if let travelTime {
            return "Minutes to the nearest facility, \(travelTime.measure); hatched: not reached; dots: villages more than \(Self.limitText(threshold)) away"
        }
        let year = populationYear.map { " (\($0))" } ?? ""
        let measure =
            switch threshold {
            case .kilometers: "straight-line (geodesic) distance to the nearest facility"
            case .minutes: "travel time to the nearest facility under the standards' travel model"
            }
        return "Share of each district's population\(year) beyond the limit; \(measure)"
    }

    /// "5 km", "60 minutes".
    static func limitText(_ threshold: CoverageThreshold) -> String {
        switch threshold {
        case .kilometers(let value): "\(SVGDocument.number(value)) km"
        case .minutes(let value): "\(SVGDocument.number(value)) minutes"
        }
    }

    /// "a health centre", "a district hospital", "rehabilitation services", "EPI services".
    static func careText(_ target: CareTarget) -> String {
        switch target {
        case .tier(let tier): "a \(tier.label)"
        case .service(let service): "\(service == .epi ? "EPI" : target.label) services"
        }
    }

    /// The legend's name of a tier, capitalised: "Health centre".
    static func tierName(_ tier: FacilityTier) -> String {
        tier.label.prefix(1).uppercased() + tier.label.dropFirst()
    }
}
