import Foundation
import GeoIO

/// What the reader of any output must know about the inputs it rests on: which figures are
/// estimates, which facilities are proxies or have assumed services, which care no facility
/// provides, and whose data it is. Made from the layers actually used, so that no output says
/// "facility locations are proxies" when none is, and every output names OpenStreetMap when it
/// draws on it. The console summaries, the report and the maps all take their notes from here.
public struct DataNotes: Sendable, Equatable {
    /// True when village populations are estimates (the shipped data shares district totals).
    public let populationEstimated: Bool
    /// The facilities, by their `source` field (`osm`, `proxy`, `dhis2`, a user's source; `unknown`
    /// when the layer gives none), in descending count.
    public let facilitySources: [FacilitySource]
    /// The facilities whose services are their tier's defaults (their layer lists none).
    public let facilitiesWithAssumedServices: Int
    /// The care asked for that no facility of the layer provides (its coverage is 0 % by definition).
    public let careWithoutProvider: [CareTarget]
    /// True when the admin and village layers are the shipped GeoData/laos ones.
    public let shippedBaseLayers: Bool

    /// The notes of `layers` for the care `targets`.
    public init(layers: LayerSet, targets: [CareTarget] = []) {
        populationEstimated = layers.villages.contains(where: \.populationEstimated)
        let counts = Dictionary(grouping: layers.facilities, by: { $0.source ?? "unknown" }).mapValues(\.count)
        facilitySources = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { FacilitySource(source: $0.key, count: $0.value) }
        facilitiesWithAssumedServices = layers.facilities.filter(\.servicesAssumed).count
        careWithoutProvider = targets.filter { target in !layers.facilities.contains { target.isProvided(by: $0) } }
        shippedBaseLayers = Self.isShipped(layers)
    }

    /// How many facilities one source gave.
    public struct FacilitySource: Sendable, Equatable {
        public let source: String
        public let count: Int
    }

    /// The number of proxy facilities (placed by a rule, not surveyed).
    public var proxyFacilities: Int { facilitySources.first { $0.source == "proxy" }?.count ?? 0 }
    /// The number of facilities.
    public var facilityCount: Int { facilitySources.reduce(0) { $0 + $1.count } }

    /// The caveats, one sentence each, for console summaries and the report: empty when there is
    /// nothing to warn about.
    public var caveats: [String] {
        var lines: [String] = []
        if populationEstimated { lines.append("Village populations are estimates (district totals shared among villages).") }
        let proxies = proxyFacilities
        if proxies > 0 && proxies == facilityCount {
            lines.append("Every facility location is a proxy placed by a rule: the figures are not real access to care.")
        } else if proxies > 0 {
            lines.append(
                "\(proxies.grouped) of \(facilityCount.grouped) facilities are proxies placed by a rule where the source "
                    + "lacks them (source \"proxy\"); figures that rest on them are estimates.")
        }
        if facilitiesWithAssumedServices > 0 {
            lines.append(
                "\(facilitiesWithAssumedServices.grouped) of \(facilityCount.grouped) facilities list no services: "
                    + "their tier's default services from the standards are assumed.")
        }
        for target in careWithoutProvider {
            lines.append("No facility provides \(target.label): its coverage is 0 % by definition, not by distance.")
        }
        return lines
    }

    /// The one-line warning a map prints under its title, nil when there is nothing to warn about.
    public var mapNote: String? {
        var parts: [String] = []
        if populationEstimated { parts.append("village populations estimated") }
        let proxies = proxyFacilities
        if proxies > 0 && proxies == facilityCount {
            parts.append("facility locations are proxies — not real access to care")
        } else if proxies > 0 {
            parts.append("\(proxies.grouped) of \(facilityCount.grouped) facilities are proxies (hollow symbols)")
        }
        guard let first = parts.first else { return nil }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + parts.dropFirst()).joined(separator: "; ") + "."
    }

    /// The sources and licences of the data shown, for map footers and report headers.
    public var credits: String {
        var parts: [String] = []
        if shippedBaseLayers {
            parts.append(
                "Boundaries: geoBoundaries / OCHA COD-AB (CC BY 3.0 IGO). Villages: Open Development Mekong. "
                    + "Population: Lao Statistics Bureau, shared among villages.")
        }
        let facilities = facilitySources.map { entry -> String in
            let count = entry.count
            return switch entry.source {
            case "osm": "© OpenStreetMap contributors, ODbL 1.0 (\(count.grouped))"
            case "proxy": "proxies placed by rule (\(count.grouped); GeoData/README.md)"
            default: "\(entry.source) (\(count.grouped))"
            }
        }
        if !facilities.isEmpty { parts.append("Facilities: " + facilities.joined(separator: "; ") + ".") }
        return parts.joined(separator: " ")
    }

    /// True when the province, district and village layers are the files of the shipped data set.
    private static func isShipped(_ layers: LayerSet) -> Bool {
        guard let shipped = try? DataDirectory.locate().resolvingSymlinksInPath().path else { return false }
        let base = layers.inputs.filter { ["provinces", "districts", "villages"].contains($0.kind) }
        return !base.isEmpty
            && base.allSatisfy { URL(fileURLWithPath: $0.path).resolvingSymlinksInPath().deletingLastPathComponent().path == shipped }
    }
}
