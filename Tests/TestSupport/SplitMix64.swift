import Foundation

/// The one seeded generator of the test suites (Steele, Lea & Flood's SplitMix64): the same seed
/// gives the same sequence on every platform and toolchain, unlike the standard library's
/// `Double.random(in:using:)`, whose algorithm may change; so property tests are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// Uniform integer in 0..<count.
    public mutating func index(_ count: Int) -> Int {
        Int(next() % UInt64(count))
    }

    /// A latitude whose sine is uniform: with a uniform longitude, points uniform on the sphere.
    public mutating func latitudeOnSphere() -> Double {
        asin(uniform(-1, 1)) * 180 / .pi
    }

    /// A point uniform over the sphere (longitude in [−180, 180), latitude by area).
    public mutating func globalPoint() -> (lon: Double, lat: Double) {
        (uniform(-180, 180), max(-90, min(90, latitudeOnSphere())))
    }
}
