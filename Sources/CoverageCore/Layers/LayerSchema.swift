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
                ("facility_id", .id), ("name", .name), ("name_lo", nil), ("name_en", nil), ("tier", .tier), ("subtype", .subtype),
                ("services", .services), ("care_packages", .carePackages), ("capacity", .capacity), ("district_pcode", .district),
                ("province_pcode", .province), ("source", .source), ("osm_row", nil), ("proxy_rule", nil), ("geonames_id", nil),
                ("village_code", nil),
            ]
        case .provinces, .districts:
            []
        }
    }

    /// A facility as the schema writes it: the fields the loader reads, and where the record comes
    /// from (names in Lao and English, the OpenStreetMap row, how a proxy was placed).
    public struct FacilityRecord: Sendable, Equatable {
        public var id: String?
        public var name: String?
        public var tier: FacilityTier
        public var subtype: DistrictHospitalSubtype?
        /// nil: the layer gives none (the tier's defaults apply when it is read).
        public var services: [HealthService]?
        /// nil: the tier's packages.
        public var carePackages: [FacilityTier]?
        public var capacity: Int?
        public var districtPcode: String?
        public var provincePcode: String?
        public var source: String?
        /// The provenance fields, by name (`name_lo`, `name_en`, `osm_row`, `proxy_rule`,
        /// `geonames_id`, `village_code`); absent ones are written as null.
        public var provenance: [String: JSONValue] = [:]
    }

    /// A facility's properties in the shipped order, every field present (null when absent).
    public static func properties(_ record: FacilityRecord) -> [(key: String, value: JSONValue)] {
        fields(of: .facilities).map { field in
            let value: JSONValue
            switch field.role {
            case .id?: value = .text(record.id)
            case .name?: value = .text(record.name)
            case .tier?: value = .string(record.tier.rawValue)
            case .subtype?: value = .text(record.subtype?.rawValue)
            case .services?: value = record.services.map { .array($0.map { .string($0.rawValue) }) } ?? .null
            case .carePackages?: value = record.carePackages.map { .array($0.map { .string($0.rawValue) }) } ?? .null
            case .capacity?: value = .count(record.capacity)
            case .district?: value = .text(record.districtPcode)
            case .province?: value = .text(record.provincePcode)
            case .source?: value = .text(record.source)
            default: value = record.provenance[field.name] ?? .null
            }
            return (field.name, value)
        }
    }
}

extension LayerSchema.FacilityRecord {
    /// The record of a loaded facility: its packages as they were resolved, its services unless
    /// they were assumed (null then, as its layer gave them), its provenance fields.
    public init(_ facility: Facility) {
        self.init(
            id: facility.id, name: facility.name, tier: facility.tier, subtype: facility.subtype,
            services: facility.servicesAssumed ? nil : facility.services,
            carePackages: facility.carePackages, capacity: facility.capacity, districtPcode: facility.districtPcode,
            provincePcode: facility.provincePcode, source: facility.source, provenance: facility.provenance)
    }
}
