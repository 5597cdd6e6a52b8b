import GeometryKit

/// A point in Earth-centred Cartesian coordinates, metres.
struct Vector3 {
    var x: Double
    var y: Double
    var z: Double

    @inline(__always)
    func squaredDistance(to other: Vector3) -> Double {
        let dx = x - other.x, dy = y - other.y, dz = z - other.z
        return dx * dx + dy * dy + dz * dz
    }
}

/// The two Earth models of ``DistanceMetric`` as 3-D point sets, so that one Euclidean search
/// serves both: for `haversine`, points on a sphere of radius R, where the chord grows with the
/// great-circle distance; for `geodesic`, WGS 84 Earth-centred (ECEF) points, where the chord
/// never exceeds the geodesic (a straight line is the shortest path), so a chord search with the
/// geodesic as radius finds every facility that could be nearer.
public enum EarthModel {
    /// The sphere of the `haversine` metric: the mean radius R₁ of WGS 84, in metres.
    public static let sphereRadiusMeters = 6_371_008.8
    static let equatorialRadius = 6_378_137.0
    static let flattening = 1 / 298.257223563
    static let eccentricitySquared = flattening * (2 - flattening)
    static let polarRadius = equatorialRadius * (1 - flattening)
    /// Up to this chord the short-line geodesic formula is within 0.01 mm of GeographicLib;
    /// longer lines use Karney's algorithm (PROJ's geodesic.c).
    static let shortLineChordMeters = 150_000.0

    @inline(__always)
    static func spherePoint(lon: Double, lat: Double) -> Vector3 {
        let (sinLat, cosLat) = DegreeTrigonometry.sinCos(lat)
        let (sinLon, cosLon) = DegreeTrigonometry.sinCos(lon)
        let r = sphereRadiusMeters
        return Vector3(x: r * cosLat * cosLon, y: r * cosLat * sinLon, z: r * sinLat)
    }

    @inline(__always)
    static func ecefPoint(lon: Double, lat: Double) -> Vector3 {
        let (sinLat, cosLat) = DegreeTrigonometry.sinCos(lat)
        let (sinLon, cosLon) = DegreeTrigonometry.sinCos(lon)
        let n = equatorialRadius / (1 - eccentricitySquared * sinLat * sinLat).squareRoot()
        return Vector3(x: n * cosLat * cosLon, y: n * cosLat * sinLon, z: n * (1 - eccentricitySquared) * sinLat)
    }

    @inline(__always)
    static func point(lon: Double, lat: Double, metric: DistanceMetric) -> Vector3 {
        metric == .haversine ? spherePoint(lon: lon, lat: lat) : ecefPoint(lon: lon, lat: lat)
    }

    /// Great-circle distance between two sphere points whose squared chord is given, in metres.
    /// Up to a quarter circle the arc comes from the chord; beyond, from the chord to the antipode
    /// (|p + q|), because asin near 1 would lose up to 8 cm near the antipode.
    @inline(__always)
    static func sphereDistance(_ p: Vector3, _ q: Vector3, chordSquared: Double) -> Double {
        let r = sphereRadiusMeters
        if chordSquared <= 2 * r * r {
            return 2 * r * asinClamped(chordSquared.squareRoot() / (2 * r))
        }
        let sx = p.x + q.x, sy = p.y + q.y, sz = p.z + q.z
        let antipodalChord = (sx * sx + sy * sy + sz * sz).squareRoot()
        return r * (Double.pi - 2 * asinClamped(antipodalChord / (2 * r)))
    }

    /// The WGS 84 geodesic distance between two points given both as ECEF vectors (for the
    /// short-line formula) and as lon/lat (for Karney's algorithm on long lines), in metres.
    ///
    /// Short lines: the arc of the normal section through the chord's midpoint, whose radius of
    /// curvature follows Euler's formula 1/ρ = cos²α/M + sin²α/N at that midpoint's latitude and the
    /// chord's azimuth α; s = 2ρ·asin(c / 2ρ). Checked against GeographicLib: under 1e-8 m up to
    /// 30 km and under 1e-5 m up to 150 km.
    static func geodesicDistance(
        _ p: Vector3, _ q: Vector3, chordSquared: Double,
        pLonLat: (Double, Double), qLonLat: (Double, Double)
    ) -> Double {
        let chord = chordSquared.squareRoot()
        if chord == 0 { return 0 }
        guard chord <= shortLineChordMeters else {
            // Karney's inverse problem; the coordinates were validated on the way in.
            return
                (try? Geodesic.wgs84.distanceMeters(
                    from: Coordinate(lon: pLonLat.0, lat: pLonLat.1),
                    to: Coordinate(lon: qLonLat.0, lat: qLonLat.1))) ?? .nan
        }
        let a2 = equatorialRadius * equatorialRadius, b2 = polarRadius * polarRadius
        let mx = (p.x + q.x) / 2, my = (p.y + q.y) / 2, mz = (p.z + q.z) / 2
        // The ellipsoid normal at the midpoint: the gradient of x²/a² + y²/a² + z²/b².
        var nx = mx / a2, ny = my / a2, nz = mz / b2
        let length = (nx * nx + ny * ny + nz * nz).squareRoot()
        nx /= length
        ny /= length
        nz /= length
        let sinLat2 = nz * nz
        let w2 = 1 - eccentricitySquared * sinLat2
        let meridianRadius = equatorialRadius * (1 - eccentricitySquared) / (w2 * w2.squareRoot())
        let primeVerticalRadius = equatorialRadius / w2.squareRoot()
        let dx = q.x - p.x, dy = q.y - p.y, dz = q.z - p.z
        let horizontal = (nx * nx + ny * ny).squareRoot()
        var cos2Azimuth = 0.0
        if horizontal > 1e-12 {
            // North at the midpoint, perpendicular to the normal in the meridian plane.
            let northX = -nz * nx / horizontal, northY = -nz * ny / horizontal, northZ = horizontal
            let alongNorth = dx * northX + dy * northY + dz * northZ
            let alongNormal = dx * nx + dy * ny + dz * nz
            let horizontalSquared = chordSquared - alongNormal * alongNormal
            if horizontalSquared > 0 { cos2Azimuth = min(1, alongNorth * alongNorth / horizontalSquared) }
        }
        // At a pole M = N, so the azimuth does not matter there.
        let curvature = cos2Azimuth / meridianRadius + (1 - cos2Azimuth) / primeVerticalRadius
        let rho = 1 / curvature
        // A path is never shorter than the straight line; rounding must not say otherwise, or a
        // search that bounds the chord by the geodesic would drop the facility itself.
        return max(chord, 2 * rho * asinClamped(chord / (2 * rho)))
    }

    @inline(__always)
    private static func asinClamped(_ value: Double) -> Double {
        _asin(min(1, value))
    }
}

#if canImport(Glibc)
    import Glibc
    @inline(__always) private func _asin(_ value: Double) -> Double { Glibc.asin(value) }
#elseif canImport(Darwin)
    import Darwin
    @inline(__always) private func _asin(_ value: Double) -> Double { Darwin.asin(value) }
#endif
