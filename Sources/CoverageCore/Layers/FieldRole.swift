/// What a field of an input layer means to the toolkit. A ``FieldMapping`` says which property
/// (or CSV column) plays each role.
public enum FieldRole: String, Sendable, CaseIterable, Codable {
    /// The record's identifier (P-code, village code, facility id).
    case id
    case name
    /// Lao-script name (admin units).
    case nameLO = "name_lo"
    /// The district P-code a village or facility states.
    case district
    /// The province P-code a district, village or facility states.
    case province
    case population
    case under5
    case birthsLive = "births_live"
    case women15to49 = "women_15_49"
    /// The year of the population figures (admin units).
    case populationYear = "population_year"
    /// The prefix of per-year population fields, `population_` for `population_2015` … (admin units).
    case populationByYearPrefix = "population_by_year_prefix"
    /// True when village figures are estimates.
    case populationEstimated = "population_estimated"
    case tier
    /// District hospital type A/B.
    case subtype
    /// The services a facility offers: a JSON array, or a string separated by `;`, `,` or `|`;
    /// null or absent when the layer does not say (the tier's default services apply).
    case services
    /// The care packages a facility provides, by tier name; null or absent for its tier's.
    case carePackages = "care_packages"
    /// The population a facility can serve.
    case capacity
    /// Where a facility record comes from.
    case source
    /// CSV column of the longitude or easting.
    case longitude = "lon"
    /// CSV column of the latitude or northing.
    case latitude = "lat"

    /// The roles that apply to a layer kind, in the order a mapping file lists them.
    public static func roles(for kind: LayerKind) -> [FieldRole] {
        switch kind {
        case .provinces:
            [.id, .name, .nameLO, .population, .under5, .birthsLive, .women15to49, .populationYear, .populationByYearPrefix]
        case .districts:
            [.id, .name, .nameLO, .province, .population, .under5, .birthsLive, .women15to49, .populationYear, .populationByYearPrefix]
        case .villages:
            [.id, .name, .district, .province, .population, .under5, .birthsLive, .women15to49, .populationYear, .populationEstimated, .longitude, .latitude]
        case .facilities:
            [.id, .name, .tier, .subtype, .services, .carePackages, .capacity, .district, .province, .source, .longitude, .latitude]
        }
    }
}
