import GeometryKit

/// Writes GeoJSON layers per RFC 7946, laid out like the shipped GeoData/laos files:
///
/// - a `FeatureCollection` with no `crs` member; coordinates are WGS 84 longitude/latitude as
///   given (the writer does not transform), with at most 7 decimals (about 1 cm) and trailing
///   zeros trimmed;
/// - polygon exterior rings counter-clockwise and holes clockwise, reversed where needed;
/// - each feature as `{"type":"Feature","properties":{…},"geometry":{…}}`, properties in the
///   caller's order (snake_case names are the caller's job), a missing geometry as `null`;
/// - UTF-8 text with non-ASCII characters (Lao script) written as they are, not `\u` escapes;
/// - one feature per line, so that a `git diff` shows which features changed.
///
/// The output is deterministic: the same features always give the same bytes.
public enum GeoJSONWriter {
    /// One feature to write: its properties in order, and its geometry in WGS 84 (nil for none).
    public struct Feature: Sendable {
        /// The properties, written in this order.
        public var properties: JSONObject
        /// The geometry in WGS 84 longitude/latitude; nil is written as `null`.
        public var geometry: Shape?

        /// A feature with `properties` and `geometry`.
        public init(properties: JSONObject, geometry: Shape?) {
            self.properties = properties
            self.geometry = geometry
        }
    }

    /// The number of decimals coordinates are rounded to.
    public static let coordinateDecimals = 7

    /// The UTF-8 text of a FeatureCollection of `features`.
    /// - Throws: ``NonFiniteNumberError`` naming the feature when a coordinate or a property is
    ///   NaN or infinite.
    public static func featureCollection(_ features: [Feature]) throws -> [UInt8] {
        var sink = ByteSink()
        sink.bytes.reserveCapacity(features.count * 256)
        try featureCollection(count: features.count, to: &sink) { features[$0] }
        return sink.bytes
    }

    /// Writes a FeatureCollection of `count` features into `sink`, each made by `feature(i)` just
    /// before it is written, so that the features of a large layer are never all held at once.
    /// - Throws: as ``featureCollection(_:)``, and whatever `feature` throws.
    public static func featureCollection(count: Int, to sink: inout ByteSink, _ feature: (Int) throws -> Feature) throws {
        sink.bytes.append(utf8: #"{"type":"FeatureCollection","features":["#)
        sink.bytes.append(0x0A)
        for index in 0..<count {
            let feature = try feature(index)
            sink.bytes.append(utf8: #"{"type":"Feature","properties":"#)
            do {
                try feature.properties.appendJSON(to: &sink.bytes)
            } catch let error as NonFiniteNumberError {
                throw NonFiniteNumberError(path: "features[\(index)].properties" + error.path)
            }
            sink.bytes.append(utf8: #","geometry":"#)
            if let geometry = feature.geometry {
                do {
                    try appendGeometry(geometry, to: &sink.bytes)
                } catch let error as NonFiniteNumberError {
                    throw NonFiniteNumberError(path: "features[\(index)].geometry" + error.path)
                }
            } else {
                sink.bytes.append(utf8: "null")
            }
            sink.bytes.append(UInt8(ascii: "}"))
            if index < count - 1 { sink.bytes.append(UInt8(ascii: ",")) }
            sink.bytes.append(0x0A)
            sink.flushIfFull()
        }
        sink.bytes.append(utf8: "]}")
        sink.bytes.append(0x0A)
    }

    /// Writes a FeatureCollection of `features` to `path` atomically (see ``AtomicFile``).
    /// - Throws: as ``featureCollection(_:)``, and ``OutputError`` when the file cannot be written.
    public static func write(_ features: [Feature], to path: String) throws {
        try AtomicFile.write(to: path) { sink in try featureCollection(count: features.count, to: &sink) { features[$0] } }
    }

    /// A geometry as a compact GeoJSON geometry object, written as ``featureCollection(_:)``
    /// writes it (7 decimals, rings oriented).
    public static func geometryText(_ geometry: Shape) throws -> String {
        var bytes: [UInt8] = []
        try appendGeometry(geometry, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: geometries

    package static func appendGeometry(_ geometry: Shape, to bytes: inout [UInt8]) throws {
        if case .geometryCollection(let members) = geometry {
            bytes.append(utf8: #"{"type":"GeometryCollection","geometries":["#)
            for (index, member) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                do {
                    try appendGeometry(member, to: &bytes)
                } catch let error as NonFiniteNumberError {
                    throw NonFiniteNumberError(path: ".geometries[\(index)]" + error.path)
                }
            }
            bytes.append(utf8: "]}")
            return
        }
        bytes.append(utf8: #"{"type":""#)
        bytes.append(utf8: geometry.kind.rawValue)
        bytes.append(utf8: #"","coordinates":"#)
        do {
            switch geometry {
            case .point(let position):
                if let position {
                    try appendPosition(position, to: &bytes)
                } else {
                    bytes.append(utf8: "[]")
                }
            case .lineString(let positions):
                try appendPositions(positions, to: &bytes)
            case .polygon(let polygon):
                try appendPolygon(polygon, to: &bytes)
            case .multiPoint(let positions):
                try appendPositions(positions, to: &bytes)
            case .multiLineString(let paths):
                try appendList(paths, to: &bytes) { try appendPositions($0, to: &$1) }
            case .multiPolygon(let polygons):
                try appendList(polygons, to: &bytes) { try appendPolygon($0, to: &$1) }
            case .geometryCollection:
                break  // handled above
            }
        } catch let error as NonFiniteNumberError {
            throw NonFiniteNumberError(path: ".coordinates" + error.path)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A polygon's rings: the exterior counter-clockwise, the holes clockwise.
    private static func appendPolygon(_ polygon: Shape.Polygon, to bytes: inout [UInt8]) throws {
        guard let exterior = polygon.exterior else {
            bytes.append(utf8: "[]")
            return
        }
        let rings = [oriented(exterior, counterClockwise: true)] + polygon.holes.map { oriented($0, counterClockwise: false) }
        try appendList(rings, to: &bytes) { try appendPositions($0, to: &$1) }
    }

    /// The ring in the wanted orientation (by the sign of its planar area); degenerate rings
    /// with no area are left as they are.
    package static func oriented(_ ring: [Coordinate], counterClockwise: Bool) -> [Coordinate] {
        let area = signedArea(ring)
        if area == 0 || (area > 0) == counterClockwise { return ring }
        return ring.reversed()
    }

    /// Twice the signed planar area of a closed ring: positive when counter-clockwise (shoelace).
    package static func signedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        let origin = ring[0]  // relative coordinates keep precision for small rings far from 0
        for index in 0..<(ring.count - 1) {
            let a = ring[index], b = ring[index + 1]
            sum += (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y)
        }
        return sum
    }

    private static func appendList<T>(_ items: [T], to bytes: inout [UInt8], _ element: (T, inout [UInt8]) throws -> Void) throws {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            do {
                try element(item, &bytes)
            } catch let error as NonFiniteNumberError {
                throw NonFiniteNumberError(path: "[\(index)]" + error.path)
            }
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private static func appendPositions(_ coordinates: [Coordinate], to bytes: inout [UInt8]) throws {
        try appendList(coordinates, to: &bytes) { try appendPosition($0, to: &$1) }
    }

    private static func appendPosition(_ coordinate: Coordinate, to bytes: inout [UInt8]) throws {
        bytes.append(UInt8(ascii: "["))
        try appendCoordinateValue(coordinate.x, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        try appendCoordinateValue(coordinate.y, to: &bytes)
        bytes.append(UInt8(ascii: "]"))
    }

    /// A coordinate value rounded to 7 decimals, trailing zeros trimmed: `102.6`, `-0.0000001`, `18`.
    package static func appendCoordinateValue(_ value: Double, to bytes: inout [UInt8]) throws {
        guard value.isFinite else { throw NonFiniteNumberError(path: "") }
        let scaled = (value * 10_000_000).rounded()
        guard abs(scaled) < 9e15 else {
            // Beyond ±9 × 10⁸: not a longitude or latitude; write the shortest exact form.
            try JSONValue.appendNumber(value, to: &bytes)
            return
        }
        DecimalBytes.appendFixedPoint(Int64(scaled), decimals: coordinateDecimals, to: &bytes)
    }
}
