import GeoIO
import GeometryKit

/// Detects point layers written latitude first: most points fall outside the admin layers'
/// extent, and most fall inside once swapped.
enum AxisOrder {
    /// True (after reporting one error for the whole layer) when `records` look swapped.
    static func isSwapped(_ records: [LayerRecord], extent: Envelope?, kind: LayerKind, into report: inout ValidationReport) -> Bool {
        guard let extent, let file = records.first?.file else { return false }
        let margin = 0.5  // degrees: points just beyond the border are real data, not swapped axes
        let box = Envelope(minX: extent.minX - margin, minY: extent.minY - margin, maxX: extent.maxX + margin, maxY: extent.maxY + margin)
        let points = records.compactMap { $0.geometry?.envelope.map { Coordinate(x: $0.minX, y: $0.minY) } }
        guard points.count >= 3 else { return false }
        let inside = points.filter { box.contains($0) }.count
        let insideSwapped = points.filter { box.contains(Coordinate(x: $0.y, y: $0.x)) }.count
        guard inside * 2 < points.count, insideSwapped * 2 > points.count else { return false }
        report.error(
            "swapped_axes",
            InputError(
                file: file, field: "geometry",
                reason:
                    "\(points.count - inside) of \(points.count) \(kind.rawValue) lie outside the admin layers, but \(insideSwapped) lie inside with longitude and latitude swapped: the coordinates look like [latitude, longitude]",
                suggestion: "GeoJSON positions are [longitude, latitude]; for a CSV, name the columns the other way round"))
        return true
    }
}
