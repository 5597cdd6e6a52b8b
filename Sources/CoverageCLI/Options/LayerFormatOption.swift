import ArgumentParser
import CoverageCore

/// `--format geojson|gpkg|both`: how a command writes its layers.
struct LayerFormatOption: ParsableArguments {
    @Option(
        help: """
            How layers are written: geojson (a file per layer), gpkg (one coverage.gpkg with every layer and \
            table, styled for QGIS, instead of the GeoJSON files) or both. CSV tables and maps are written either way.
            """)
    var format: LayerFormat = .geojson
}

extension LayerFormat: ExpressibleByArgument {}
