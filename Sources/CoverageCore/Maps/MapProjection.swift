import Foundation
import GeometryKit

/// The projection of a coverage map: equirectangular with longitudes scaled by the cosine of the
/// centre latitude (x = (lon − lon₀) · cos φ₀, y = lat), fitted into a frame of pixels with north
/// up. Distances along the centre parallel are true to scale; along the meridians they differ by
/// M/N (under 1 % in Laos), and east–west scale drifts by cos φ / cos φ₀ away from φ₀.
///
/// A value type, `Sendable`.
public struct MapProjection: Sendable, Equatable {
    /// The latitude whose parallel is true to scale, degrees: the middle of the fitted extent.
    public let centreLatitude: Double
    /// The longitude at the middle of the fitted extent, degrees.
    public let centreLongitude: Double
    /// Pixels per degree of latitude (and per degree of longitude × cos φ₀).
    public let pixelsPerDegree: Double
    /// The pixel where (``centreLongitude``, ``centreLatitude``) falls: its x…
    public let centreX: Double
    /// …and its y (downwards).
    public let centreY: Double
    /// cos φ₀, the scale of longitudes, computed once rather than per point.
    private let cosine: Double

    /// The WGS 84 ellipsoid: equatorial radius (metres) and first eccentricity squared.
    static let equatorialRadiusMeters = 6_378_137.0
    static let eccentricitySquared: Double = {
        let flattening = 1 / 298.257223563
        return flattening * (2 - flattening)
    }()

    /// Fits `extent` (longitude/latitude degrees) into the pixel rectangle `frame`, as large as it
    /// fits and centred in it, keeping `paddingFraction` of the extent free on each side.
    ///
    /// An extent with no width or height (a single point) is shown 0.1° across.
    public init(fitting extent: Envelope, into frame: Envelope, paddingFraction: Double = 0.03) {
        var extent = extent
        if extent.width < 1e-9 { extent = Envelope(minX: extent.minX - 0.05, minY: extent.minY, maxX: extent.maxX + 0.05, maxY: extent.maxY) }
        if extent.height < 1e-9 { extent = Envelope(minX: extent.minX, minY: extent.minY - 0.05, maxX: extent.maxX, maxY: extent.maxY + 0.05) }
        let centreLatitude = (extent.minY + extent.maxY) / 2
        cosine = cos(centreLatitude * .pi / 180)
        let projectedWidth = extent.width * cosine * (1 + 2 * paddingFraction)
        let projectedHeight = extent.height * (1 + 2 * paddingFraction)
        self.centreLatitude = centreLatitude
        centreLongitude = (extent.minX + extent.maxX) / 2
        pixelsPerDegree = min(frame.width / projectedWidth, frame.height / projectedHeight)
        centreX = frame.minX + frame.width / 2
        centreY = frame.minY + frame.height / 2
    }

    /// The pixel of a longitude/latitude point.
    public func pixel(_ coordinate: Coordinate) -> (x: Double, y: Double) {
        (
            centreX + (coordinate.lon - centreLongitude) * cosine * pixelsPerDegree,
            centreY - (coordinate.lat - centreLatitude) * pixelsPerDegree
        )
    }

    /// The longitude/latitude point at a pixel: the inverse of ``pixel(_:)``.
    public func coordinate(x: Double, y: Double) -> Coordinate {
        Coordinate(x: centreLongitude + (x - centreX) / (cosine * pixelsPerDegree), y: centreLatitude - (y - centreY) / pixelsPerDegree)
    }

    /// The width in pixels of the projected extent `extent`, and its height.
    public func pixelSize(of extent: Envelope) -> (width: Double, height: Double) {
        (extent.width * cosine * pixelsPerDegree, extent.height * pixelsPerDegree)
    }

    /// Metres on the ground per pixel along the centre parallel (east–west at φ₀), on the WGS 84
    /// ellipsoid: a degree of longitude there is (π/180)·N(φ₀)·cos φ₀ metres and
    /// `pixelsPerDegree`·cos φ₀ pixels, N being the prime-vertical radius of curvature.
    public var metersPerPixel: Double {
        let sine = sin(centreLatitude * .pi / 180)
        let primeVertical = Self.equatorialRadiusMeters / (1 - Self.eccentricitySquared * sine * sine).squareRoot()
        return Double.pi / 180 * primeVertical / pixelsPerDegree
    }

    /// The tolerance for simplifying lon/lat geometry so that no vertex moves more than `pixels`
    /// on the map, degrees (conservative: a degree of longitude is shorter on the map than one of
    /// latitude).
    public func toleranceDegrees(pixels: Double) -> Double { pixels / pixelsPerDegree }
}
