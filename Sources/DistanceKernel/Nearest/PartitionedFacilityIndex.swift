import GeometryKit

/// Facility indexes partitioned by a key (a tier, a service), so that one call answers a query
/// for every partition: the nearest health centre, district hospital and provincial hospital of
/// every village at once.
///
/// `Sendable` when the key is. Facility indices in results refer to the positions in the
/// original, unpartitioned list.
public struct PartitionedFacilityIndex<Key: Hashable & Sendable>: Sendable {
    /// The partitions, in first-seen order of their keys.
    public let keys: [Key]
    private let indexes: [Key: FacilityIndex]
    private let originalPositions: [Key: [Int32]]

    /// Indexes facilities at `coordinates[i]` under `keys[i]`. A facility may belong to several
    /// partitions: give it several `(coordinate, key)` entries via ``init(entries:)``.
    public init(coordinates: [Coordinate], keys: [Key]) throws {
        guard coordinates.count == keys.count else {
            throw KernelError(input: "keys", reason: "\(coordinates.count) coordinates but \(keys.count) keys")
        }
        try self.init(entries: zip(keys, coordinates.indices).map { ($0, $1) }, coordinates: coordinates)
    }

    /// Indexes the facilities named by `entries` (key, position in `coordinates`); a position may
    /// appear under several keys.
    public init(entries: [(key: Key, facility: Int)], coordinates: [Coordinate]) throws {
        var order: [Key] = []
        var positions: [Key: [Int32]] = [:]
        for (key, facility) in entries {
            guard coordinates.indices.contains(facility) else {
                throw KernelError(input: "facility", index: facility, reason: "no such facility (there are \(coordinates.count))")
            }
            if positions[key] == nil { order.append(key) }
            positions[key, default: []].append(Int32(facility))
        }
        // The facilities used, checked once in original order, so that an error names the
        // original position (and the same one whatever the partitions).
        for facility in Set(entries.map(\.facility)).sorted() where !coordinates[facility].isValidLonLat {
            throw KernelError(
                input: "facility", index: facility,
                reason: "\(coordinates[facility]) is not a longitude/latitude (finite, longitude within ±180°, latitude within ±90°)")
        }
        var indexes: [Key: FacilityIndex] = [:]
        for key in order {
            // Ascending original positions, so that ties go to the lowest original position.
            let members = Array(Set(positions[key]!)).sorted()
            positions[key] = members
            indexes[key] = try FacilityIndex(members.map { coordinates[Int($0)] })
        }
        self.keys = order
        self.indexes = indexes
        self.originalPositions = positions
    }

    /// The nearest facility of each partition for each query; a partition's result holds original
    /// facility positions. Keys with no facilities are absent.
    public func nearest(longitudes: [Double], latitudes: [Double], options: QueryOptions = QueryOptions()) throws -> [Key: NearestResult] {
        try longitudes.withUnsafeBufferPointer { lons in
            try latitudes.withUnsafeBufferPointer { lats in
                try KernelError.validate(longitudes: lons, latitudes: lats, input: "query")
            }
        }
        var results: [Key: NearestResult] = [:]
        for key in keys {
            guard let index = indexes[key], let positions = originalPositions[key] else { continue }
            let local = try index.nearest(longitudes: longitudes, latitudes: latitudes, options: options)
            results[key] = NearestResult(
                facilityIndices: local.facilityIndices.map { $0 < 0 ? -1 : positions[Int($0)] },
                distancesMeters: local.distancesMeters)
        }
        return results
    }

    /// The index of one partition (positions local to it), nil for an unknown key.
    public func index(for key: Key) -> FacilityIndex? { indexes[key] }

    /// The original position of the partition's `local`-th facility.
    public func originalPosition(of local: Int, in key: Key) -> Int? {
        originalPositions[key].map { Int($0[local]) }
    }
}
