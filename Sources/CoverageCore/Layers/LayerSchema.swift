import GeoIO

/// The shipped schema of the point layers (GeoData/README.md), written in one place: each layer's
/// fields in the shipped order with the role that fills each, and the properties of a facility in
/// that order. The CSV and DHIS2 imports and a scenario's changed facility layer all write their
/// features through it.
public enum LayerSchema {
    /// The fields of a layer of `kind`, in the shipped order, with the role that fills each (nil:
    /// written by the data build and the imports, never read by the loader). Empty for the admin
    /// layers, whose schema is their source's.
    public static func fields(of kind: LayerKind) -> [(name: String, role: FieldRole?)] {
        switch kind {
        case .villages:
            [
                ("village_code", .id), ("name", .name), ("district_pcode", .district), ("province_pcode", .province),
                ("population", .population), ("under5", .under5), ("births_live", .birthsLive), ("women_15_49", .women15to49),
                ("population_year", .populationYear), ("population_estimated", .populationEstimated),
            ]
        case .facilities:
            [
                ("facility_id", .id), ("name", .name), ("tier", .tier), ("subtype", .subtype), ("services", .services),
                ("capacity", .capacity), ("district_pcode", .district), ("province_pcode", .province), ("source", .source),
            ]
                + provenanceFields.map { ($0, nil) }
        case .provinces, .districts:
            []
        }
    }

    /// The facility fields no loader reads: how a facility was placed (`proxy_rule`, with the
    /// GeoNames place or village it stands at).
    public static let provenanceFields = ["proxy_rule", "geonames_id", "village_code"]

    /// Where a facility's point comes from, for the provenance fields.
    public struct Provenance: Sendable, Equatable {
        public var proxyRule: String?
        public var geonamesId: Int?
        public var villageCode: String?

        public init(proxyRule: String? = nil, geonamesId: Int? = nil, villageCode: String? = nil) {
            self.proxyRule = proxyRule
            self.geonamesId = geonamesId
            self.villageCode = villageCode
        }
    }

    /// A facility's properties in the shipped order: the fields with a role, then the provenance
    /// fields when `provenance` is given. Absent values are written as null.
    public static func facilityProperties(
        id: String?, name: String?, tier: FacilityTier, subtype: DistrictHospitalSubtype?,
        services: [HealthService], capacity: Int?, districtPcode: String?, provincePcode: String?,
        source: String?, provenance: Provenance?
    ) -> [(key: String, value: JSONValue)] {
        var properties: [(key: String, value: JSONValue)] = [
            ("facility_id", .text(id)), ("name", .text(name)), ("tier", .string(tier.rawValue)), ("subtype", .text(subtype?.rawValue)),
            ("services", .array(services.map { .string($0.rawValue) })), ("capacity", .count(capacity)),
            ("district_pcode", .text(districtPcode)), ("province_pcode", .text(provincePcode)), ("source", .text(source)),
        ]
        if let provenance {
            properties += [
                ("proxy_rule", .text(provenance.proxyRule)), ("geonames_id", .count(provenance.geonamesId)),
                ("village_code", .text(provenance.villageCode)),
            ]
        }
        return properties
    }

    /// A loaded facility's properties: the fields the loader reads, in the shipped order.
    public static func properties(of facility: Facility) -> JSONObject {
        JSONObject(
            facilityProperties(
                id: facility.id, name: facility.name, tier: facility.tier, subtype: facility.subtype,
                services: facility.services, capacity: facility.capacity, districtPcode: facility.districtPcode,
                provincePcode: facility.provincePcode, source: facility.source, provenance: nil))
    }
}
