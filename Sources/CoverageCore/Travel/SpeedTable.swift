import GeoIO

/// How fast one travels over each kind of ground, for a friction surface built from a land-cover
/// raster and road lines (`coverage traveltime --land-cover … --roads … --speed-table FILE`):
///
/// ```yaml
/// land_cover:              # raster class: walking speed off road, or a barrier
///   0: {name: water, barrier: true}
///   2: {name: evergreen broadleaf forest, speed_kmh: 1.5}
///   12: {name: croplands, speed_kmh: 4}
/// roads:
///   field: highway         # the road lines' property that holds their class
///   speeds_kmh: {primary: 60, secondary: 40}
/// ```
///
/// Every problem is an ``InputError`` at the line and column of the offending value.
public struct SpeedTable: Sendable, Equatable {
    public struct LandCoverClass: Sendable, Equatable {
        public let name: String
        /// Walking speed, km/h; nil for a barrier.
        public let speedKmh: Double?
    }

    /// Land-cover classes by raster value.
    public let landCover: [Int: LandCoverClass]
    /// The road lines' property holding their class, and each class's speed (km/h).
    public let roadField: String?
    public let roadSpeedsKmh: [String: Double]
    /// The file read, with the checksum of its bytes.
    public let source: FileChecksum

    /// The walking speed of each class that is not a barrier.
    public var walkingSpeedsKmh: [Int: Double] { landCover.compactMapValues(\.speedKmh) }
    /// The classes that cannot be crossed.
    public var barrierClasses: Set<Int> { Set(landCover.filter { $0.value.speedKmh == nil }.keys) }

    /// Reads the speed table at `path`.
    public static func read(path: String) throws -> SpeedTable {
        try read(InputFile.read(path: path))
    }

    /// Reads the speed table held in `file`.
    public static func read(_ file: InputFile) throws -> SpeedTable {
        let node = try YAMLDocument.read(file)
        let reader = YAMLFieldReader(file: file.path)
        guard let root = node?.mapping else { throw reader.problem(node, "expected a mapping with land_cover and/or roads") }
        try reader.onlyKeys(root, ["land_cover", "roads"])
        var landCover: [Int: LandCoverClass] = [:]
        if let classes = root["land_cover"] {
            for (key, value) in try reader.mapping(classes, "land_cover") {
                guard let code = key.int else { throw reader.problem(key, "a land-cover class must be a whole number (the raster's value), found \(key)") }
                let entry = try reader.mapping(value, "land-cover class \(code)")
                try reader.onlyKeys(entry, ["name", "speed_kmh", "barrier"])
                let name = try entry["name"].map { try reader.text($0, "the name of class \(code)") } ?? "class \(code)"
                let barrier = entry["barrier"]?.bool ?? false
                switch (entry["speed_kmh"], barrier) {
                case (let speed?, false): landCover[code] = LandCoverClass(name: name, speedKmh: try reader.positive(speed, "speed_kmh of class \(code)"))
                case (nil, true): landCover[code] = LandCoverClass(name: name, speedKmh: nil)
                case (.some, true): throw reader.problem(value, "class \(code) is a barrier and has a speed: give one or the other")
                case (nil, false): throw reader.problem(value, "class \(code) needs speed_kmh (a walking speed) or barrier: true")
                }
            }
        }
        var roadField: String?
        var roadSpeeds: [String: Double] = [:]
        if let roads = root["roads"] {
            let entry = try reader.mapping(roads, "roads")
            try reader.onlyKeys(entry, ["field", "speeds_kmh"])
            guard let field = entry["field"], let speeds = entry["speeds_kmh"] else {
                throw reader.problem(roads, "roads needs field (the lines' property holding their class) and speeds_kmh")
            }
            roadField = try reader.text(field, "roads.field")
            for (key, value) in try reader.mapping(speeds, "roads.speeds_kmh") {
                let name = try reader.text(key, "a road class")
                roadSpeeds[name] = try reader.positive(value, "the speed of road class \(name)")
            }
        }
        return SpeedTable(landCover: landCover, roadField: roadField, roadSpeedsKmh: roadSpeeds, source: file.checksum)
    }
}
