import GeoIO

/// The leading columns of every per-zone table (`gaps.csv`, `capacity_zones.csv`,
/// `comparison.csv`): which zone, which care, which threshold. One definition, so that the
/// tables join on the same keys.
enum ZoneKeyColumns {
    /// `zone_level`, `zone_pcode`, `zone_name`, `target`, `threshold`.
    static func members(level: String, code: String, name: String, target: String, threshold: String) -> [(key: String, value: JSONValue)] {
        [
            ("zone_level", .string(level)), ("zone_pcode", .string(code)), ("zone_name", .string(name)),
            ("target", .string(target)), ("threshold", .string(threshold)),
        ]
    }
}
