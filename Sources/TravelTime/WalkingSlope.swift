#if canImport(Glibc)
    import Glibc  // libm's functions without Foundation: the kernels' C library links no Foundation (ICU alone is 47 MB)
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tobler's hiking function: walking is fastest slightly downhill, 6 km/h × e^(−3.5 |S + 0.05|) on
/// a slope S (rise over run, in the direction of travel), about 5 km/h on the flat.
///
/// The search uses it as a factor on a move's isotropic cost: the friction raster says how fast
/// one walks on the flat there, the slope how much faster or slower one goes, so the factor is
/// speed(0) / speed(S) = e^(3.5 (|S + 0.05| − 0.05)). The time is that of a walk **towards the
/// source** (the facility): the search spreads out from the sources, and the walk it prices runs
/// the other way, from the cell being reached to the cell it is reached from (as AccessMod's
/// walking to a facility and GRASS `r.walk` with the start points as destinations).
public enum WalkingSlope {
    /// speed(0) / speed(S), S = rise / run in the direction of travel.
    @inline(__always) public static func costFactor(slope: Double) -> Double {
        exp(3.5 * (abs(slope + 0.05) - 0.05))
    }

    /// Tobler's walking speed on slope S, km/h.
    public static func speedKilometresPerHour(slope: Double) -> Double {
        6 * exp(-3.5 * abs(slope + 0.05))
    }
}
