import GeoIO

extension GapAreas {
    /// One feature per gap, in order: `district_pcode`, `district_name`, `province_pcode`, `target`,
    /// `threshold` (its label), `radius_m` (to the millimetre), `area_km2` (geodesic, to 1 m²),
    /// `district_area_km2` and `pct_of_district` (to the hundredth).
    public func features() -> [GeoJSONWriter.Feature] {
        areas.map { gap in
            let members: [(key: String, value: JSONValue)] = [
                ("district_pcode", .string(gap.districtPcode)),
                ("district_name", .string(gap.districtName)),
                ("province_pcode", .string(gap.provincePcode)),
                ("target", .string(gap.target.name)),
                ("threshold", .string(gap.threshold.label)),
                ("radius_m", .meters(gap.radiusMeters)),
                ("area_km2", .squareKilometers(gap.areaSquareMeters)),
                ("district_area_km2", .squareKilometers(gap.districtAreaSquareMeters)),
                ("pct_of_district", .percent(gap.percentOfDistrict)),
            ]
            return GeoJSONWriter.Feature(properties: JSONObject(members), geometry: gap.geometry.shape)
        }
    }
}
