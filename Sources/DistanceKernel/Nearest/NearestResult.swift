/// The nearest facility of every query point, in input order.
public struct NearestResult: Sendable {
    /// The nearest facility's index per query, −1 when the index is empty.
    public let facilityIndices: [Int32]
    /// The distance to it per query, metres (+∞ when there is none).
    public let distancesMeters: [Double]

    public var count: Int { facilityIndices.count }

    /// The nearest facility of query `query` and its distance, nil when there is none.
    public subscript(query: Int) -> (facility: Int, distanceMeters: Double)? {
        let facility = facilityIndices[query]
        return facility < 0 ? nil : (Int(facility), distancesMeters[query])
    }
}

/// The k nearest facilities of every query point, nearest first, in input order.
public struct KNearestResult: Sendable {
    public let k: Int
    /// k entries per query (query i at i·k ..< (i+1)·k); −1 pads when fewer than k facilities exist.
    public let facilityIndices: [Int32]
    /// Distances in metres, matching ``facilityIndices`` (+∞ for padding).
    public let distancesMeters: [Double]

    public var count: Int { k == 0 ? 0 : facilityIndices.count / k }

    /// The neighbours of query `query`, nearest first.
    public func neighbours(of query: Int) -> [(facility: Int, distanceMeters: Double)] {
        (query * k..<(query + 1) * k).compactMap { position in
            facilityIndices[position] < 0 ? nil : (Int(facilityIndices[position]), distancesMeters[position])
        }
    }
}

/// The facilities within a radius of every query point, in input order.
public struct WithinRadiusResult: Sendable {
    /// How many facilities lie within the radius of each query (inclusive).
    public let counts: [Int32]
    /// When lists were asked for: query i's facilities are at offsets[i] ..< offsets[i + 1] of
    /// ``facilityIndices`` and ``distancesMeters``, nearest first (ties by index).
    public let offsets: [Int]?
    public let facilityIndices: [Int32]?
    public let distancesMeters: [Double]?

    /// The facilities within the radius of query `query`, nearest first (empty when lists were not asked for).
    public func facilities(of query: Int) -> [(facility: Int, distanceMeters: Double)] {
        guard let offsets, let facilityIndices, let distancesMeters else { return [] }
        return (offsets[query]..<offsets[query + 1]).map { (Int(facilityIndices[$0]), distancesMeters[$0]) }
    }
}
