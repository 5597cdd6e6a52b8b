extension GeoJSONLayer {
    /// The features as layer records, each with its geometry problem when it has one.
    public var records: [LayerRecord] {
        var problemByFeature: [Int: InputError] = [:]
        for problem in problems {
            if case .feature(let index) = problem.location, problemByFeature[index] == nil { problemByFeature[index] = problem }
        }
        return features.map { feature in
            LayerRecord(
                file: file, location: .feature(feature.index), fields: feature.properties,
                geometry: feature.geometry, geometryProblem: problemByFeature[feature.index], featureId: feature.id)
        }
    }
}
