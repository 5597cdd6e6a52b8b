import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// Where a command writes its files.
struct OutputOptions: ParsableArguments {
    @Option(
        help: """
            Folder to write the outputs to: made if missing, replaced as a whole once the run is complete \
            (it must be new, empty or an earlier run's).
            """)
    var out: String = "coverage-output"

    @OptionGroup var csv: CSVOption

    @OptionGroup var layerFormat: LayerFormatOption

    /// The output folder, checked before any work: a clear error (exit 73) at once when it
    /// cannot be written or replaced.
    func folder() throws -> StagedFolder { try RunRecorder.outputFolder(out) }

    /// How the layers are written.
    var format: LayerFormat { layerFormat.format }
}
