import CoverageCore

extension RunRecorder {
    /// Loads the layers and the standards that the options name, and records both in the manifest.
    mutating func load(_ layers: LayerOptions, _ standards: StandardsOptions) throws -> (layers: LayerSet, standards: CoverageStandards) {
        let applied = try standards.load(dataDirectory: layers.dataDirectory)
        record(applied)
        return (try loadLayers(layers.sources(careModel: applied.careModel)), applied)
    }
}
