import CoverageCore
import GeoIO

extension CoverageAPI {
    /// `GET /api/meta`: what the page's controls offer — the regions, provinces and districts; each
    /// care with its limits, travel and mode; the tiers and services a new facility may have — with
    /// the counts of the layers, their caveats and credits (the ODbL attribution of OpenStreetMap).
    func meta() throws -> JSONValue {
        let notes = DataNotes(layers: layers)
        let cares = standards.standards.keys.sorted().map { target -> JSONValue in
            let standard = standards.standards[target]!
            return .object(
                JSONObject([
                    ("name", .string(target.name)),
                    ("label", .string(target.label)),
                    ("is_tier", .bool(target.isTier)),
                    ("thresholds", .array(standard.thresholds.map { .string($0.label) })),
                    ("mode", .string(standard.mode.rawValue)),
                    ("travel", .string(standard.travel.rawValue)),
                    ("travel_description", .text(standards.travelDescriptions[target.name])),
                ]))
        }
        func unit(_ unit: AdminUnit) -> JSONValue {
            .object(JSONObject([("pcode", .string(unit.pcode)), ("name", .string(unit.nameEN)), ("province_pcode", .string(unit.provincePcode))]))
        }
        return .object(
            JSONObject([
                ("regions", .array(layers.regions.map { .object(JSONObject([("id", .string($0.id)), ("name", .string($0.name))])) })),
                ("provinces", .array(layers.provinces.map(unit))),
                ("districts", .array(layers.districts.map(unit))),
                ("cares", .array(cares)),
                ("tiers", .array(FacilityTier.allCases.map { .string($0.rawValue) })),
                ("services", .array(HealthService.known.map { .string($0.rawValue) })),
                ("travel_models", .array(["standard", "raster", "straight"].map(JSONValue.string))),
                (
                    "limits",
                    .object(
                        JSONObject([
                            ("suggested_sites", .count(APILimits.suggestedSites)), ("changes", .count(APILimits.changes)),
                            ("search_results", .count(APILimits.searchResults)), ("body_bytes", .count(APILimits.bodyBytes)),
                        ]))
                ),
                (
                    "counts",
                    .object(
                        JSONObject([
                            ("villages", .count(layers.villages.count)), ("facilities", .count(layers.facilities.count)),
                            ("proxy_facilities", .count(notes.proxyFacilities)), ("districts", .count(layers.districts.count)),
                        ]))
                ),
                ("caveats", .array(notes.caveats.map(JSONValue.string))),
                ("credits", .string(notes.credits)),
                ("version", .string(ToolVersion.current)),
            ]))
    }
}
