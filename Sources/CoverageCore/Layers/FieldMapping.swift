/// Which property (or CSV column) of a layer plays each ``FieldRole``, and how a facility layer's
/// tier values map to ``FacilityTier``s. The defaults read GeoData/laos as it is.
public struct FieldMapping: Sendable, Equatable {
    public let kind: LayerKind
    /// Role → field name; roles not listed use ``defaultName(of:for:)``.
    public private(set) var fieldNames: [FieldRole: String]
    /// Source tier value → tier, for facility layers whose vocabulary differs (`"HC"` → health centre).
    /// Values not listed must be one of the ``FacilityTier`` raw values.
    public private(set) var tierValues: [String: FacilityTier]

    /// The mapping that reads the shipped schema.
    public init(defaultsFor kind: LayerKind) {
        self.kind = kind
        fieldNames = [:]
        tierValues = [:]
    }

    /// The field name for `role`.
    public func field(_ role: FieldRole) -> String {
        fieldNames[role] ?? Self.defaultName(of: role, for: kind)
    }

    /// Uses `field` for `role`; throws when the role does not apply to this layer kind.
    public mutating func set(_ role: FieldRole, to field: String) throws {
        guard FieldRole.roles(for: kind).contains(role) else {
            throw MappingError(
                "\(role.rawValue) is not a field of the \(kind.rawValue) layer (its fields: "
                    + FieldRole.roles(for: kind).map(\.rawValue).joined(separator: ", ") + ")")
        }
        fieldNames[role] = field
    }

    /// Reads source tier value `value` as `tier`.
    public mutating func mapTierValue(_ value: String, to tier: FacilityTier) {
        tierValues[value] = tier
    }

    /// The field names of the shipped schema (GeoData/README.md).
    public static func defaultName(of role: FieldRole, for kind: LayerKind) -> String {
        switch role {
        case .id:
            switch kind {
            case .provinces, .districts: "pcode"
            case .villages: "village_code"
            case .facilities: "facility_id"
            }
        case .name: kind.isAdministrative ? "name_en" : "name"
        case .nameLO: "name_lo"
        case .district: "district_pcode"
        case .province: "province_pcode"
        case .population: "population"
        case .under5: "under5"
        case .birthsLive: "births_live"
        case .women15to49: "women_15_49"
        case .populationYear: "population_year"
        case .populationByYearPrefix: "population_"
        case .populationEstimated: "population_estimated"
        case .tier: "tier"
        case .subtype: "subtype"
        case .services: "services"
        case .carePackages: "care_packages"
        case .capacity: "capacity"
        case .source: "source"
        case .longitude: "lon"
        case .latitude: "lat"
        }
    }
}

/// A field mapping that cannot be applied (unknown role, tier or layer).
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
