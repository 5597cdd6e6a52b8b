import ArgumentParser
import CoverageCore
import GeoIO

extension LayerSet {
    /// The region a `--region` option names; an unknown one is a usage error (exit 64) that
    /// lists the known regions and suggests the closest.
    func region(option id: String) throws -> Region {
        do {
            return try requireRegion(id)
        } catch let unknown as InputError {
            throw ValidationError("--region: \(unknown.reason)" + (unknown.suggestion.map { " (\($0))" } ?? ""))
        }
    }
}

/// The zones a coverage table reports: `--region` and `--national`.
struct ZoneOptions: ParsableArguments {
    @Option(help: "Region to report: an id from the regions file (national, north, bolikhamxay-khammouane, …).")
    var region = "national"

    @Flag(help: "Also report the whole country as a zone when --region is not national.")
    var national = false
}
