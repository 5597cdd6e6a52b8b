import CoverageCore
import GeoIO

extension CoverageAPI {
    /// The layers the page draws, by name.
    static let layerNames = ["provinces", "districts", "facilities"]

    /// `GET /api/layers/{provinces|districts|facilities}`: the base map's boundaries (`pcode`,
    /// `name_en`, `province_pcode`) and the facilities in the shipped layer schema (`source` says
    /// which are proxies), as GeoJSON.
    func layer(_ name: String) throws -> APIResponse {
        let features: [GeoJSONWriter.Feature]
        switch name {
        case "provinces", "districts":
            features = (name == "provinces" ? layers.provinces : layers.districts).map { unit in
                GeoJSONWriter.Feature(
                    properties: JSONObject([
                        ("pcode", .string(unit.pcode)), ("name_en", .string(unit.nameEN)), ("name_lo", .text(unit.nameLO)),
                        ("province_pcode", .string(unit.provincePcode)),
                    ]), geometry: unit.geometry.shape)
            }
        case "facilities":
            features = layers.facilities.map {
                GeoJSONWriter.Feature(properties: JSONObject(LayerSchema.properties(LayerSchema.FacilityRecord($0))), geometry: .point($0.location))
            }
        default:
            throw APIError(404, "no layer \"\(name)\" (expected \(Self.layerNames.joined(separator: ", ")))")
        }
        return APIResponse(contentType: "application/geo+json", body: try GeoJSONWriter.featureCollection(features))
    }
}
