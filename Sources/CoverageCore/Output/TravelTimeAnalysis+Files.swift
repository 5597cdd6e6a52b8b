import Foundation
import GeoIO
import GeometryKit
import Parallelism
import RasterIO
import TravelTime

/// The files of a travel-time run, in one folder:
///
/// - `travel_minutes.tif`: float32 minutes to the nearest source, GeoTIFF on the input's grid
///   (tiled, DEFLATE), nodata −9999 where no source can be reached (or beyond `--max-minutes`);
/// - `nearest_source.tif`: int32, the `source_index` of the source reached first (ties to the
///   lowest index), nodata −1;
/// - `travel_sources.csv`: every facility asked for, with its `source_index`, the cell it starts
///   in, the cells and km² it reaches first, or why it was left out;
/// - `isochrones.geojson`: per threshold, the area within that many minutes (the cells'
///   outlines, WGS 84);
/// - `travel_catchments.geojson`: per source, the area it reaches first.
///
/// The run's staging folder keeps the output whole (``RunRecorder/finish(in:parameters:counts:write:)``).
extension TravelTimeAnalysis {
    public static let minutesNodata: Float = GeoTIFFWriter.defaultFloat32Nodata
    public static let sourceNodata: Int32 = -1

    /// The files, isochrones at `isochroneMinutes` (none with `polygons` false: the rasters and
    /// the table alone): their parts made side by side on `threads` threads (a raster is written a
    /// row of blocks at a time; a polygon part holds a raster-sized mask while it is made), then
    /// written.
    public func files(isochroneMinutes: [Double], polygons: Bool = true, threads: Int?) throws -> [OutputFile] {
        let totals = search.allocationTotals(sourceCount: sources.count, rowWeights: cellAreaSquareMeters)
        // Each raster and layer, and each isochrone on its own: the longest part sets the time.
        let rasters: [@Sendable () throws -> OutputPart] = [
            { .bytes(try GeoTIFFWriter.float32Bytes(grid: grid, nodata: Self.minutesNodata, rows: search.minutes(rows:))) },
            { .bytes(try GeoTIFFWriter.int32Bytes(grid: grid, nodata: Self.sourceNodata, rows: search.sources(rows:))) },
        ]
        let layers: [@Sendable () throws -> OutputPart] =
            polygons
            ? [{ .bytes(try GeoJSONWriter.featureCollection(try catchmentFeatures(totals))) }]
                + isochroneMinutes.map { limit in { .feature(try isochroneFeature(limit)) } }
            : []
        let parts = rasters + layers
        let made = try Parallel.map(count: parts.count, threads: threads) { try parts[$0]() }
        let table = OutputFile.csv("travel_sources.csv", header: Self.sourceColumns, rows: sourceRows(totals))
        var files = [OutputFile(name: "travel_minutes.tif", bytes: made[0].bytes), OutputFile(name: "nearest_source.tif", bytes: made[1].bytes), table]
        if polygons {
            files.append(try .geoJSON("isochrones.geojson", made[3...].map(\.feature)))
            files.append(OutputFile(name: "travel_catchments.geojson", bytes: made[2].bytes))
        }
        return files
    }

    /// A file's bytes, or one feature of a layer.
    private enum OutputPart: Sendable {
        case bytes([UInt8])
        case feature(GeoJSONWriter.Feature)

        var bytes: [UInt8] {
            if case .bytes(let bytes) = self { return bytes }
            return []
        }

        var feature: GeoJSONWriter.Feature {
            if case .feature(let feature) = self { return feature }
            return GeoJSONWriter.Feature(properties: JSONObject(), geometry: nil)
        }
    }

    static let sourceColumns = [
        "source_index", "facility_id", "name", "tier", "lon", "lat", "status", "row", "column", "cells_reached_first", "area_km2",
    ]

    /// Square metres as km², to the m².
    private static func squareKilometres(_ area: Double) -> JSONValue { .number((area / 1_000).rounded() / 1_000) }

    private func sourceRows(_ totals: (cells: [Int], weights: [Double])) -> [JSONObject] {
        let used = sources.enumerated().map { index, source in
            JSONObject([
                ("source_index", .number(Double(index))), ("facility_id", .string(source.facility.id)), ("name", .string(source.facility.name)),
                ("tier", .string(source.facility.tier.rawValue)), ("lon", .number(source.facility.location.x)),
                ("lat", .number(source.facility.location.y)), ("status", .string("used")), ("row", .number(Double(source.row))),
                ("column", .number(Double(source.column))), ("cells_reached_first", .number(Double(totals.cells[index]))),
                ("area_km2", Self.squareKilometres(totals.weights[index])),
            ])
        }
        let left = dropped.map { source in
            JSONObject([
                ("source_index", .null), ("facility_id", .string(source.facility.id)), ("name", .string(source.facility.name)),
                ("tier", .string(source.facility.tier.rawValue)), ("lon", .number(source.facility.location.x)),
                ("lat", .number(source.facility.location.y)), ("status", .string("left out: \(source.reason)")),
            ])
        }
        return used + left
    }

    /// The cells reached within `limit` minutes, as one multipolygon.
    private func isochroneFeature(_ limit: Double) throws -> GeoJSONWriter.Feature {
        var mask = [Int32](repeating: 0, count: grid.cellCount)
        var cells = 0
        var area = 0.0
        for row in 0..<grid.rows {
            for (column, seconds) in search.seconds(rows: row..<(row + 1)).enumerated() where seconds <= limit * 60 {
                mask[row * grid.columns + column] = 1
                cells += 1
                area += cellAreaSquareMeters[row]
            }
        }
        let shape = try outlines(of: consume mask, nodata: 0)[1]
        return GeoJSONWriter.Feature(
            properties: JSONObject([
                ("max_minutes", .number(limit)), ("cells", .number(Double(cells))), ("area_km2", Self.squareKilometres(area)),
            ]),
            geometry: shape)
    }

    /// Per source, the cells it reaches first, as one multipolygon (null for a source that
    /// reaches none first: it shares its cell with a source of lower index).
    private func catchmentFeatures(_ totals: (cells: [Int], weights: [Double])) throws -> [GeoJSONWriter.Feature] {
        let shapes = try outlines(of: search.sources(rows: 0..<grid.rows), nodata: Self.sourceNodata)
        return sources.enumerated().map { index, source in
            GeoJSONWriter.Feature(
                properties: JSONObject([
                    ("source_index", .number(Double(index))), ("facility_id", .string(source.facility.id)), ("name", .string(source.facility.name)),
                    ("tier", .string(source.facility.tier.rawValue)), ("cells_reached_first", .number(Double(totals.cells[index]))),
                    ("area_km2", Self.squareKilometres(totals.weights[index])),
                ]),
                geometry: shapes[Int32(index)])
        }
    }

    /// The outlines of each value's cells (but `nodata`'s) as a multipolygon in WGS 84.
    private func outlines(of values: consuming [Int32], nodata: Int32) throws -> [Int32: Shape] {
        var grouped: [Int32: [Shape.Polygon]] = [:]
        for (value, polygon) in try RasterOutlines.polygons(of: consume values, grid: grid, nodata: nodata) {
            grouped[value, default: []].append(polygon)
        }
        return grouped.mapValues { $0.count == 1 ? .polygon($0[0]) : .multiPolygon($0) }
    }
}
