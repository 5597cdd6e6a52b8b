/// Friction in seconds per metre, made from what a planner has: a speed raster, or a land-cover
/// raster and a table of walking speeds by class, with roads and barriers laid over it.
///
/// The layers go down in one order, each over the one before:
/// 1. the land cover's walking speed (or the speed raster);
/// 2. barrier classes of the land cover (water, say) become impassable;
/// 3. roads, the fastest of those crossing a cell winning, and over land and barrier classes
///    alike (a road over a river is a bridge); a road is faster only where it is faster;
/// 4. barrier shapes (a closed border, a reservoir) are impassable whatever lies under them.
///
/// Speeds are km/h; friction = 3.6 / speed s/m. NaN is nodata (outside the data: impassable);
/// infinity a barrier.
public enum FrictionSurface {
    /// Seconds per metre at `kilometresPerHour`.
    @inline(__always) public static func friction(kilometresPerHour: Double) -> Float {
        Float(3.6 / kilometresPerHour)
    }

    /// Friction from a raster of speeds in km/h, NaN where the raster has no data.
    /// - Throws: ``TravelTimeError/badRaster(_:)`` naming the first cells whose speed is not a
    ///   finite number above 0, and how many there are.
    public static func fromSpeeds(_ kilometresPerHour: [Float], columns: Int, name: String) throws(TravelTimeError) -> [Float] {
        try requirePositive(kilometresPerHour, columns: columns, name: name, quantity: "speed (km/h)")
        return kilometresPerHour.map { $0.isNaN ? .nan : friction(kilometresPerHour: Double($0)) }
    }

    /// Checks a friction raster: each cell NaN (nodata), infinity (a barrier) or a number above 0.
    public static func checkFriction(_ secondsPerMeter: [Float], columns: Int, name: String) throws(TravelTimeError) {
        try requirePositive(secondsPerMeter, columns: columns, name: name, quantity: "friction (s/m)", allowInfinity: true)
    }

    /// Friction from land-cover classes: each class's walking speed from `speeds`, barrier classes
    /// impassable, NaN cells (nodata) staying NaN.
    /// - Throws: ``TravelTimeError/badRaster(_:)`` naming every class in the raster the table does
    ///   not know, with the number of its cells and the first of them.
    public static func fromLandCover(
        _ classes: [Float], columns: Int, name: String, speeds: [Int: Double], barrierClasses: Set<Int>
    ) throws(TravelTimeError) -> [Float] {
        var unknown: [Int: (count: Int, first: Int)] = [:]
        var frictionOf: [Int: Float] = [:]
        for (code, speed) in speeds { frictionOf[code] = friction(kilometresPerHour: speed) }
        for code in barrierClasses { frictionOf[code] = .infinity }
        let result = classes.enumerated().map { (cell, value) -> Float in
            guard !value.isNaN else { return .nan }
            if let code = Int(exactly: value), let known = frictionOf[code] { return known }
            unknown[Int(exactly: value) ?? Int.min, default: (0, cell)].count += 1
            return .nan
        }
        guard unknown.isEmpty else {
            let listed = unknown.sorted { $0.key < $1.key }.map { code, seen in
                "class \(code == Int.min ? "not an integer" : String(code)) (\(seen.count) cells, the first at \(position(seen.first, columns: columns)))"
            }
            throw .badRaster("\(name): the speed table has no walking speed for " + listed.joined(separator: "; "))
        }
        return result
    }

    /// Lays roads over `friction`: where `roadKilometresPerHour` has a speed (not NaN) and it is
    /// faster than the ground's, the cell takes the road's friction.
    public static func layRoads(_ roadKilometresPerHour: [Float], over friction: inout [Float]) {
        for cell in friction.indices where !roadKilometresPerHour[cell].isNaN {
            let road = FrictionSurface.friction(kilometresPerHour: Double(roadKilometresPerHour[cell]))
            let ground = friction[cell]
            if ground.isNaN || ground.isInfinite || road < ground { friction[cell] = road }
        }
    }

    /// Makes the cells of `mask` that are set (not NaN, not 0) impassable.
    public static func layBarriers(_ mask: [Float], over friction: inout [Float]) {
        for cell in friction.indices where !mask[cell].isNaN && mask[cell] != 0 { friction[cell] = .infinity }
    }

    private static func requirePositive(
        _ values: [Float], columns: Int, name: String, quantity: String, allowInfinity: Bool = false
    ) throws(TravelTimeError) {
        var bad = 0
        var first: [Int] = []
        for (cell, value) in values.enumerated() where !value.isNaN && !(value > 0 && (allowInfinity || value.isFinite)) {
            bad += 1
            if first.count < 3 { first.append(cell) }
        }
        guard bad > 0 else { return }
        let cells = first.map { "\(position($0, columns: columns)) = \(values[$0])" }.joined(separator: ", ")
        throw .badRaster(
            "\(name): \(bad) cell(s) have a \(quantity) that is not a number above 0 and are not nodata: \(cells)\(bad > 3 ? ", …" : "")"
                + " (mark cells that cannot be crossed as nodata\(allowInfinity ? " or infinity" : ""))")
    }

    private static func position(_ cell: Int, columns: Int) -> String {
        "row \(cell / columns), column \(cell % columns)"
    }
}
