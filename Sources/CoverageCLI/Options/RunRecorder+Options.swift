import CoverageCore

extension RunRecorder {
    /// Loads the layers and the standards that the options name, records both in the manifest,
    /// and says how many warnings the layers have.
    mutating func load(_ layers: LayerOptions, _ standards: StandardsOptions) throws -> (layers: LayerSet, standards: CoverageStandards) {
        let applied = try standards.load(dataDirectory: layers.dataDirectory)
        record(applied)
        let set = try loadLayers(layers.sources(careModel: applied.careModel))
        try loadFriction(applied)
        printLayerWarnings(set.report)
        return (set, applied)
    }
}
