import DistanceKernel
import GeometryKit
import TravelTime

// The functions of healthcoverage.h, exported with C names. Each checks its arguments, copies
// the caller's buffers into the kernels' arrays, runs the kernel and writes the caller's outputs;
// every error becomes a status and the thread's message (LastError).

@_cdecl("hc_abi_version")
public func hcABIVersion() -> UInt32 { 1 }

@_cdecl("hc_last_error")
public func hcLastError() -> UnsafePointer<CChar>? { LastError.message }

/// The facility index and the query options of a call.
private func index(
    _ facilityLon: UnsafePointer<Double>?, _ facilityLat: UnsafePointer<Double>?, _ facilities: Int64, _ metric: Int32, _ threads: Int32
) throws -> (FacilityIndex, QueryOptions) {
    let count = try Buffers.count(facilities, "n_facilities")
    let metric: DistanceMetric =
        switch metric {
        case 0: .haversine
        case 1: .geodesic
        default: throw ABIError.argument("metric must be HC_METRIC_HAVERSINE (0) or HC_METRIC_GEODESIC (1), not \(metric)")
        }
    let index = try FacilityIndex(
        longitudes: Buffers.read(facilityLon, count, "facility_lon"), latitudes: Buffers.read(facilityLat, count, "facility_lat"))
    return (index, QueryOptions(metric: metric, threads: try Buffers.threads(threads)))
}

private func points(_ lon: UnsafePointer<Double>?, _ lat: UnsafePointer<Double>?, _ n: Int64) throws -> (lon: [Double], lat: [Double]) {
    let count = try Buffers.count(n, "n")
    return (try Buffers.read(lon, count, "lon"), try Buffers.read(lat, count, "lat"))
}

/// Checks the caller's two output buffers for `count` facilities and metres, then computes them
/// and writes them (nothing is computed for a call whose outputs are refused).
private func answer(
    _ count: Int, _ outFacility: UnsafeMutablePointer<Int32>?, _ outDistance: UnsafeMutablePointer<Double>?,
    _ compute: () throws -> (facilities: [Int32], meters: [Double])
) throws {
    let facility = try Buffers.output(outFacility, count, "out_facility")
    let distance = try Buffers.output(outDistance, count, "out_distance_m")
    let found = try compute()
    Buffers.write(found.facilities, to: facility)
    Buffers.write(found.meters, to: distance)
}

@_cdecl("hc_nearest")
public func hcNearest(
    _ facilityLon: UnsafePointer<Double>?, _ facilityLat: UnsafePointer<Double>?, _ facilities: Int64,
    _ lon: UnsafePointer<Double>?, _ lat: UnsafePointer<Double>?, _ n: Int64, _ metric: Int32, _ threads: Int32,
    _ outFacility: UnsafeMutablePointer<Int32>?, _ outDistance: UnsafeMutablePointer<Double>?
) -> Int32 {
    LastError.status {
        let (index, options) = try index(facilityLon, facilityLat, facilities, metric, threads)
        let query = try points(lon, lat, n)
        try answer(query.lon.count, outFacility, outDistance) {
            let result = try index.nearest(longitudes: query.lon, latitudes: query.lat, options: options)
            return (result.facilityIndices, result.distancesMeters)
        }
    }
}

@_cdecl("hc_k_nearest")
public func hcKNearest(
    _ facilityLon: UnsafePointer<Double>?, _ facilityLat: UnsafePointer<Double>?, _ facilities: Int64,
    _ lon: UnsafePointer<Double>?, _ lat: UnsafePointer<Double>?, _ n: Int64, _ k: Int32, _ metric: Int32, _ threads: Int32,
    _ outFacility: UnsafeMutablePointer<Int32>?, _ outDistance: UnsafeMutablePointer<Double>?
) -> Int32 {
    LastError.status {
        guard k >= 1 else { throw ABIError.argument("k must be ≥ 1, not \(k)") }
        let (index, options) = try index(facilityLon, facilityLat, facilities, metric, threads)
        let query = try points(lon, lat, n)
        let (count, overflow) = query.lon.count.multipliedReportingOverflow(by: Int(k))
        guard !overflow else { throw ABIError.argument("n × k overflows") }
        try answer(count, outFacility, outDistance) {
            let result = try index.kNearest(Int(k), longitudes: query.lon, latitudes: query.lat, options: options)
            return (result.facilityIndices, result.distancesMeters)
        }
    }
}

@_cdecl("hc_within_count")
public func hcWithinCount(
    _ facilityLon: UnsafePointer<Double>?, _ facilityLat: UnsafePointer<Double>?, _ facilities: Int64,
    _ lon: UnsafePointer<Double>?, _ lat: UnsafePointer<Double>?, _ n: Int64, _ radius: Double, _ metric: Int32, _ threads: Int32,
    _ outCount: UnsafeMutablePointer<Int32>?
) -> Int32 {
    LastError.status {
        let (index, options) = try index(facilityLon, facilityLat, facilities, metric, threads)
        let query = try points(lon, lat, n)
        let counts = try Buffers.output(outCount, query.lon.count, "out_count")
        Buffers.write(try index.withinRadius(radius, longitudes: query.lon, latitudes: query.lat, options: options).counts, to: counts)
    }
}

@_cdecl("hc_locate")
public func hcLocate(
    _ wkb: UnsafePointer<UInt8>?, _ offsets: UnsafePointer<Int64>?, _ polygons: Int64,
    _ lon: UnsafePointer<Double>?, _ lat: UnsafePointer<Double>?, _ n: Int64, _ threads: Int32,
    _ outPolygon: UnsafeMutablePointer<Int32>?
) -> Int32 {
    LastError.status {
        let polygonCount = try Buffers.count(polygons, "n_polygons")
        let bounds = try Buffers.read(offsets, polygonCount + 1, "offsets")
        guard bounds.first == 0, zip(bounds, bounds.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw ABIError.argument("offsets must start at 0 and never decrease")
        }
        let bytes = try Buffers.read(wkb, Int(bounds.last ?? 0), "wkb")
        let shapes = try (0..<polygonCount).map { position -> Shape in
            let geometry: Geometry
            do {
                geometry = try Geometry(wkb: Array(bytes[Int(bounds[position])..<Int(bounds[position + 1])]))
            } catch {
                throw ABIError(status: ABIStatus.input, message: "polygon \(position): not WKB (\(error))")
            }
            let shape = geometry.shape
            switch shape {
            case .polygon, .multiPolygon: return shape
            default: throw ABIError(status: ABIStatus.input, message: "polygon \(position): a \(geometry.kind), not a polygon or multipolygon")
            }
        }
        let query = try points(lon, lat, n)
        let found = try Buffers.output(outPolygon, query.lon.count, "out_polygon")
        let index = try PointInPolygonIndex(shapes)
        Buffers.write(try index.locate(longitudes: query.lon, latitudes: query.lat, threads: Buffers.threads(threads)), to: found)
    }
}

@_cdecl("hc_travel_time")
public func hcTravelTime(
    _ friction: UnsafePointer<Float>?, _ rows: Int64, _ columns: Int64, _ cellWidth: Double, _ cellHeight: Double,
    _ sourceRows: UnsafePointer<Int64>?, _ sourceColumns: UnsafePointer<Int64>?, _ sources: Int64, _ maxMinutes: Double,
    _ neighbours: Int32, _ threads: Int32, _ outMinutes: UnsafeMutablePointer<Float>?, _ outSource: UnsafeMutablePointer<Int32>?
) -> Int32 {
    LastError.status {
        let rowCount = try Buffers.count(rows, "rows"), columnCount = try Buffers.count(columns, "columns")
        let (cells, overflow) = rowCount.multipliedReportingOverflow(by: columnCount)
        guard !overflow, cells > 0 else { throw ABIError.argument("rows × columns must be at least 1 cell, not \(rows) × \(columns)") }
        guard cellWidth.isFinite, cellWidth > 0, cellHeight.isFinite, cellHeight > 0 else {
            throw ABIError.argument("the cell sizes must be finite numbers of metres > 0, not \(cellWidth) × \(cellHeight)")
        }
        guard let neighbourhood = Neighbourhood(rawValue: Int(neighbours)) else { throw ABIError.argument("neighbours must be 8 or 16, not \(neighbours)") }
        let sourceCount = try Buffers.count(sources, "n_sources")
        let sourceCells = zip(try Buffers.read(sourceRows, sourceCount, "source_rows"), try Buffers.read(sourceColumns, sourceCount, "source_columns"))
            .map { (row: Int(clamping: $0), column: Int(clamping: $1)) }
        let minutes = try Buffers.output(outMinutes, cells, "out_minutes")
        let found = try Buffers.output(outSource, cells, "out_source")
        let grid = try CostGrid(
            columns: columnCount, rows: rowCount, friction: Buffers.read(friction, cells, "friction_s_per_m"),
            cellWidthMeters: Array(repeating: cellWidth, count: rowCount), cellHeightMeters: Array(repeating: cellHeight, count: rowCount))
        let search = try TravelTimeSearch(
            grid: grid, sources: sourceCells, neighbourhood: neighbourhood, maxMinutes: maxMinutes > 0 ? maxMinutes : nil,
            threads: Buffers.threads(threads))
        Buffers.write(search.minutes(rows: 0..<rowCount), to: minutes)
        Buffers.write(search.sources(rows: 0..<rowCount), to: found)
    }
}
