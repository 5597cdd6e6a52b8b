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
