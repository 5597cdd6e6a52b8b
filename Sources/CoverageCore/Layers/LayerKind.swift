/// The kinds of input layer a coverage analysis reads.
public enum LayerKind: String, Sendable, CaseIterable, Codable {
    case provinces
    case districts
    case villages
    case facilities

    /// The file name of the layer in a data directory such as GeoData/laos.
    public var defaultFileName: String { "\(rawValue).geojson" }

    /// True for the polygon layers (provinces, districts).
    public var isAdministrative: Bool { self == .provinces || self == .districts }

    /// The record noun for messages: "province", "district", "village", "facility".
    public var noun: String {
        switch self {
        case .provinces: "province"
        case .districts: "district"
        case .villages: "village"
        case .facilities: "facility"
        }
    }
}
