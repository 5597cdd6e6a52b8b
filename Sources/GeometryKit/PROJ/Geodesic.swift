internal import CPROJ

/// The solution of the inverse geodesic problem between two points.
public struct GeodesicInverse: Sendable, Equatable {
    /// The length of the shortest path on the ellipsoid, in metres.
    public let distanceMeters: Double
    /// The azimuth of the path at the first point, degrees clockwise from north.
    public let initialAzimuthDegrees: Double
    /// The azimuth of the path at the second point, degrees clockwise from north.
    public let finalAzimuthDegrees: Double
}

/// The solution of the direct geodesic problem: where a path of given azimuth and length ends.
public struct GeodesicDirect: Sendable, Equatable {
    /// The end point, longitude and latitude in degrees.
    public let destination: Coordinate
    /// The azimuth of the path at the end point, degrees clockwise from north.
    public let finalAzimuthDegrees: Double
}

/// The area and perimeter of a region on the ellipsoid.
public struct GeodesicAreaPerimeter: Sendable, Equatable {
    /// The area in square metres (never negative).
    public let areaSquareMeters: Double
    /// The length of the boundary (all rings) in metres.
    public let perimeterMeters: Double

    /// A measure; GeometryKit makes these, tests may make their own.
    public init(areaSquareMeters: Double, perimeterMeters: Double) {
        self.areaSquareMeters = areaSquareMeters
        self.perimeterMeters = perimeterMeters
    }
}

/// Geodesics on an ellipsoid of revolution, by Karney's algorithms (GeographicLib's C port,
/// shipped with PROJ as `geodesic.h`); accurate to about 15 nm.
///
/// A value type, `Sendable`: the solver only reads its constants. Coordinates are longitude and
/// latitude in degrees (`x` = longitude); they must be finite with latitude within ±90°, or the
/// call throws ``GeometryError``.
public struct Geodesic: Sendable {
    private var solver = geod_geodesic()

    /// The WGS 84 ellipsoid (a = 6,378,137 m, f = 1/298.257223563). Agrees with GeographicLib's
    /// `GeodSolve` to 1e-9 m and 1e-14° (the golden tests).
    public static let wgs84 = Geodesic(equatorialRadiusMeters: 6_378_137, flattening: 1 / 298.257223563)

    /// An ellipsoid with the given equatorial radius (metres) and flattening (0 for a sphere).
    /// Not checked: use positive, finite values.
    ///
    /// - Note: Wraps `geod_init`.
    public init(equatorialRadiusMeters: Double, flattening: Double) {
        geod_init(&solver, equatorialRadiusMeters, flattening)
    }

    /// Distance and azimuths between two points (the inverse problem); longitudes may be any
    /// finite value (they are reduced), the path is the shortest one.
    ///
    /// - Parameters:
    ///   - start: longitude and latitude in degrees.
    ///   - end: longitude and latitude in degrees.
    /// - Throws: ``GeometryError`` (`.invalidArgument`, operation `geod_inverse`) for a NaN or
    ///   infinite value or a latitude beyond ±90°.
    /// - Note: Thread-safe (a pure function). Wraps `geod_inverse`.
    public func inverse(from start: Coordinate, to end: Coordinate) throws -> GeodesicInverse {
        try Self.check(start, "geod_inverse")
        try Self.check(end, "geod_inverse")
        var distance = 0.0, azimuth1 = 0.0, azimuth2 = 0.0
        withUnsafePointer(to: solver) {
            geod_inverse($0, start.lat, start.lon, end.lat, end.lon, &distance, &azimuth1, &azimuth2)
        }
        return GeodesicInverse(distanceMeters: distance, initialAzimuthDegrees: azimuth1, finalAzimuthDegrees: azimuth2)
    }

    /// The geodesic distance between two points, in metres.
    ///
    /// - Throws: ``GeometryError`` (`.invalidArgument`, operation `geod_inverse`) for a NaN or
    ///   infinite value or a latitude beyond ±90°.
    /// - Note: Thread-safe (a pure function). Wraps `geod_inverse`.
    public func distanceMeters(from start: Coordinate, to end: Coordinate) throws -> Double {
        try Self.check(start, "geod_inverse")
        try Self.check(end, "geod_inverse")
        var distance = 0.0
        withUnsafePointer(to: solver) {
            geod_inverse($0, start.lat, start.lon, end.lat, end.lon, &distance, nil, nil)
        }
        return distance
    }

    /// The point reached from `start` along azimuth `azimuthDegrees` (clockwise from north) after
    /// `distanceMeters` (any finite length, negative going backwards, past the antipode allowed).
    ///
    /// - Returns: the destination (longitude reduced to [−180°, 180°]) and the azimuth there.
    /// - Throws: ``GeometryError`` (`.invalidArgument`, operation `geod_direct`) for an invalid
    ///   start, or a NaN or infinite azimuth or distance.
    /// - Note: Thread-safe (a pure function). Wraps `geod_direct`.
    public func direct(from start: Coordinate, azimuthDegrees: Double, distanceMeters: Double) throws -> GeodesicDirect {
        try Self.check(start, "geod_direct")
        guard azimuthDegrees.isFinite, distanceMeters.isFinite else {
            throw GeometryError(source: .invalidArgument, operation: "geod_direct", message: "azimuth and distance must be finite")
        }
        var lat = 0.0, lon = 0.0, azimuth2 = 0.0
        withUnsafePointer(to: solver) {
            geod_direct($0, start.lat, start.lon, azimuthDegrees, distanceMeters, &lat, &lon, &azimuth2)
        }
        return GeodesicDirect(destination: Coordinate(lon: lon, lat: lat), finalAzimuthDegrees: azimuth2)
    }

    /// Area and perimeter of a ring given as lon/lat vertices in degrees (closing vertex
    /// optional), edges being geodesics. The area is positive whatever the ring's orientation (the
    /// smaller of the two regions the ring bounds); fewer than three vertices give zero.
    ///
    /// - Throws: ``GeometryError`` (`.invalidArgument`, operation `geod_polygonarea`) for a NaN or
    ///   infinite value or a latitude beyond ±90°.
    /// - Note: Thread-safe (a pure function). Wraps `geod_polygonarea`.
    public func ringAreaPerimeter(_ ring: [Coordinate]) throws -> GeodesicAreaPerimeter {
        var vertices = ring
        if vertices.count > 1, vertices.first == vertices.last { vertices.removeLast() }
        for vertex in vertices { try Self.check(vertex, "geod_polygonarea") }
        guard vertices.count >= 3 else { return GeodesicAreaPerimeter(areaSquareMeters: 0, perimeterMeters: 0) }
        var lats = vertices.map(\.lat), lons = vertices.map(\.lon)
        var area = 0.0, perimeter = 0.0
        withUnsafePointer(to: solver) {
            geod_polygonarea($0, &lats, &lons, Int32(vertices.count), &area, &perimeter)
        }
        return GeodesicAreaPerimeter(areaSquareMeters: abs(area), perimeterMeters: perimeter)
    }

    /// The geodesic area (exterior rings minus holes) and perimeter (all rings) of a polygonal
    /// geometry in lon/lat degrees; zero for points, lines and empty geometries.
    ///
    /// - Throws: ``GeometryError`` (`.invalidArgument`) for a coordinate that is not lon/lat.
    /// - Note: Thread-safe. Wraps `geod_polygonarea` per ring.
    public func areaPerimeter(of geometry: Geometry) throws -> GeodesicAreaPerimeter {
        var area = 0.0, perimeter = 0.0
        for polygon in geometry.polygons {
            guard let exterior = polygon.exteriorRing else { continue }
            let outer = try ringAreaPerimeter(exterior.coordinates)
            area += outer.areaSquareMeters
            perimeter += outer.perimeterMeters
            for hole in polygon.interiorRings {
                let inner = try ringAreaPerimeter(hole.coordinates)
                area -= inner.areaSquareMeters
                perimeter += inner.perimeterMeters
            }
        }
        return GeodesicAreaPerimeter(areaSquareMeters: area, perimeterMeters: perimeter)
    }

    static func check(_ coordinate: Coordinate, _ operation: String) throws {
        guard coordinate.isFinite, abs(coordinate.lat) <= 90 else {
            throw GeometryError(
                source: .invalidArgument, operation: operation,
                message: "\(coordinate) is not a longitude/latitude pair (finite, latitude within ±90°)")
        }
    }
}
