import Foundation

/// A tiny deterministic pseudo-random generator (Steele, Lea & Flood's SplitMix64) for the
/// property tests: the same seed gives the same sequence on every platform and toolchain, unlike
/// the standard library's `Double.random(in:using:)`, whose algorithm may change.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [lower, upper).
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// Uniform integer in 0..<count.
    mutating func index(_ count: Int) -> Int {
        Int(next() % UInt64(count))
    }

    /// A latitude whose sine is uniform: points uniform on the sphere.
    mutating func latitudeOnSphere() -> Double {
        asinDegrees(uniform(-1, 1))
    }
}

func asinDegrees(_ value: Double) -> Double {
    asin(value) * 180 / .pi
}
