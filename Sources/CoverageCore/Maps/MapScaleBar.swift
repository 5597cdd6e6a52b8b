import Foundation

/// A map's scale bar: a round length on the ground (1, 2 or 5 × 10ⁿ km) and its length on the
/// map, the longest such bar that fits in the room given.
public struct MapScaleBar: Sendable, Equatable {
    /// The length on the ground, kilometres.
    public let kilometers: Double
    /// The length on the map, pixels.
    public let pixels: Double

    /// The longest bar of 1, 2 or 5 × 10ⁿ km at most `maxPixels` long, at `metersPerPixel`
    /// (see ``MapProjection/metersPerPixel``).
    public init(metersPerPixel: Double, maxPixels: Double) {
        precondition(metersPerPixel > 0 && maxPixels > 0, "a scale bar needs a positive scale and room")
        let maxKilometers = maxPixels * metersPerPixel / 1_000
        var power = pow(10, (log10(maxKilometers)).rounded(.down))
        var best = power
        // The leading digit 1, 2 or 5 at this power of ten; a rounding error in log10 is absorbed
        // by trying the power below too.
        power /= 10
        for _ in 0..<2 {
            for digit in [1.0, 2.0, 5.0] where digit * power <= maxKilometers * (1 + 1e-12) {
                best = max(best, digit * power)
            }
            power *= 10
        }
        if best > maxKilometers * (1 + 1e-12) { best /= 10 }
        kilometers = best
        pixels = best * 1_000 / metersPerPixel
    }
}
