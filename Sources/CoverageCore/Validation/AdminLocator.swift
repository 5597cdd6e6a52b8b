import DistanceKernel
import Foundation
import GeometryKit
import Parallelism

/// Places points (villages, facilities) among the districts: the district each lies in, else the
/// nearest district within a tolerance (flagged), else "outside" with the nearest district; and
/// compares the result with the codes the records state.
///
/// Inside tests use a ``PointInPolygonIndex`` over the district polygons (GEOS `covers`
/// semantics: a point on a border belongs to the district listed first), in parallel. A point in
/// no district is measured against every district: the geodesic (WGS 84) distance from the point
/// to the district's nearest point, found by GEOS in the plane of the degrees — see
/// ``distanceMeters(from:toDistrictAt:)`` for the accuracy of that.
///
/// `Sendable` and immutable: build once, then call from any thread.
public struct AdminLocator: Sendable {
    /// The tolerance used when none is given: 1 km.
    public static let defaultToleranceMeters = 1_000.0

    /// The districts, in the order given; provinces come from each district's `provincePcode`.
    public let districts: [AdminUnit]
    /// How far outside every district a point may lie and still be placed in the nearest one, in metres.
    public let toleranceMeters: Double
    private let index: PointInPolygonIndex
    private let indexByPcode: [String: Int]

    /// Builds the locator over `districts` (Polygon or MultiPolygon boundaries in lon/lat).
    ///
    /// - Parameters:
    ///   - districts: the district units; where two share a border, a point on it goes to the
    ///     earlier one. Units with an empty geometry are never chosen.
    ///   - toleranceMeters: the largest geodesic distance, in metres, at which a point that lies
    ///     in no district is still placed in the nearest one (inclusive); finite and ≥ 0.
    /// - Throws: ``ParameterError`` for a negative or non-finite tolerance; ``KernelError`` for a
    ///   boundary that is not polygonal or has a non-finite coordinate.
    public init(districts: [AdminUnit], toleranceMeters: Double = defaultToleranceMeters) throws {
        guard toleranceMeters.isFinite, toleranceMeters >= 0 else {
            throw ParameterError(name: "tolerance", reason: "must be a finite number of metres ≥ 0, found \(toleranceMeters)")
        }
        self.districts = districts
        self.toleranceMeters = toleranceMeters
        index = try PointInPolygonIndex(districts.map(\.geometry.shape))
        var byPcode: [String: Int] = [:]
        for (position, district) in districts.enumerated() where byPcode[district.pcode] == nil {
            byPcode[district.pcode] = position
        }
        indexByPcode = byPcode
    }

    /// The position in ``districts`` of the first district with P-code `pcode`, if any.
    public func districtIndex(pcode: String) -> Int? { indexByPcode[pcode] }

    // MARK: - Placing points

    /// Places each point (longitude/latitude, WGS 84), in input order.
    ///
    /// - Parameters:
    ///   - points: the locations.
    ///   - threads: parallel parts for the inside test and for the nearest-district search of
    ///     points outside every district; nil for one per core. Results do not depend on it.
    /// - Returns: per point, the district it lies in (`inside`, distance 0); else the nearest
    ///   district, `nearestWithinTolerance` when at most ``toleranceMeters`` away, otherwise
    ///   `outside` (the point is then not in that district: the district only says where the
    ///   nearest is). With no district at all, `outside` with nil codes and an infinite distance.
    /// - Throws: ``GeometryError`` (invalid argument) naming the first point that is not a valid
    ///   longitude/latitude (finite, |lon| ≤ 180, |lat| ≤ 90); GEOS errors.
    /// - Complexity: a point inside a district costs a grid look-up; a point outside every
    ///   district one GEOS nearest-points call per district.
    public func locate(_ points: [Coordinate], threads: Int? = nil) throws -> [AdminPlacement] {
        if let bad = points.firstIndex(where: { !$0.isValidLonLat }) {
            throw GeometryError(
                source: .invalidArgument, operation: "AdminLocator.locate",
                message: "point \(bad) \(points[bad]) is not a longitude/latitude (finite, |lon| ≤ 180, |lat| ≤ 90)")
        }
        let inside = try index.locate(points, threads: threads)
        let outsideIndices = inside.indices.filter { inside[$0] == nil }
        let nearest = try nearestDistricts(to: outsideIndices.map { points[$0] }, threads: threads)
        var placements: [AdminPlacement] = inside.map { found in
            guard let found else { return AdminPlacement(districtPcode: nil, provincePcode: nil, method: .outside, distanceMeters: .infinity) }
            return placement(found, .inside, 0)
        }
        for (position, pointIndex) in outsideIndices.enumerated() {
            guard let (district, distance) = nearest[position] else { continue }
            placements[pointIndex] = placement(district, distance <= toleranceMeters ? .nearestWithinTolerance : .outside, distance)
        }
        return placements
    }

    /// Places one point; see ``locate(_:threads:)``.
    public func locate(_ point: Coordinate) throws -> AdminPlacement {
        try locate([point], threads: 1)[0]
    }

    /// Places each village by its location; see ``locate(_:threads:)``.
    public func locate(villages: [Village], threads: Int? = nil) throws -> [AdminPlacement] {
        try locate(villages.map(\.location), threads: threads)
    }

    /// Places each facility by its location; see ``locate(_:threads:)``.
    public func locate(facilities: [Facility], threads: Int? = nil) throws -> [AdminPlacement] {
        try locate(facilities.map(\.location), threads: threads)
    }

    /// The geodesic distance in metres from `point` to the boundary of the district at
    /// `districtIndex`, or 0 when the district covers the point.
    ///
    /// The nearest point of the district is found by GEOS (`GEOSNearestPoints_r`) in the plane of
    /// the degrees, and the distance is the WGS 84 geodesic from `point` to it. That point is on
    /// the district, so the result is never less than the true distance; and since a degree of
    /// longitude is locally cos φ times a degree of latitude, it is at most 1 / cos φ times the
    /// true distance (≤ 3.0 % more at Laos's southern tip, 13.9°N; ≤ 8.2 % at its northern tip,
    /// 22.5°N). In practice the error is far smaller: for the shipped data's misplaced villages it
    /// is below 0.1 % (at most 1.3 cm at 14–29 m, 3.9 m at 10.8 km), checked against distances in
    /// an azimuthal equidistant projection centred on each point.
    ///
    /// - Throws: ``GeometryError`` for an invalid point, an index out of range, or an empty district.
    public func distanceMeters(from point: Coordinate, toDistrictAt districtIndex: Int) throws -> Double {
        guard districts.indices.contains(districtIndex) else {
            throw GeometryError(
                source: .invalidArgument, operation: "AdminLocator.distanceMeters",
                message: "no district at index \(districtIndex) (there are \(districts.count))")
        }
        let (_, onDistrict) = try Geometry.point(point).nearestPoints(with: districts[districtIndex].geometry)
        if onDistrict == point { return 0 }
        return try Geodesic.wgs84.distanceMeters(from: point, to: onDistrict)
    }

    /// The nearest district to each point (lowest index among equals) and its distance in metres;
    /// nil when no district has a geometry.
    private func nearestDistricts(to points: [Coordinate], threads: Int?) throws -> [(Int, Double)?] {
        guard !points.isEmpty else { return [] }
        let candidates = districts.indices.filter { !districts[$0].geometry.isEmpty }
        return try Parallel.map(count: points.count, threads: threads) { [self] position in
            var best: (Int, Double)?
            for candidate in candidates {
                let distance = try distanceMeters(from: points[position], toDistrictAt: candidate)
                if best == nil || distance < best!.1 { best = (candidate, distance) }
            }
            return best
        }
    }

    private func placement(_ district: Int, _ method: AdminPlacement.Method, _ distance: Double) -> AdminPlacement {
        AdminPlacement(
            districtPcode: districts[district].pcode, provincePcode: districts[district].provincePcode,
            method: method, distanceMeters: distance)
    }

    // MARK: - Comparing with the stated codes

    /// Places the records and compares each with the codes it states; see
    /// ``disagreements(_:placements:)``.
    public func join(_ records: [StatedAdminCodes], threads: Int? = nil) throws -> AdminJoin {
        let placements = try locate(records.map(\.location), threads: threads)
        return AdminJoin(placements: placements, disagreements: try disagreements(records, placements: placements))
    }

    /// Places the villages and compares them with their stated district and province codes.
    public func join(villages: [Village], threads: Int? = nil) throws -> AdminJoin {
        try join(
            villages.map {
                StatedAdminCodes(id: $0.code, location: $0.location, districtPcode: $0.districtPcode, provincePcode: $0.provincePcode)
            }, threads: threads)
    }

    /// Places the facilities and compares them with their stated codes (where they state any).
    public func join(facilities: [Facility], threads: Int? = nil) throws -> AdminJoin {
        try join(
            facilities.map {
                StatedAdminCodes(id: $0.id, location: $0.location, districtPcode: $0.districtPcode, provincePcode: $0.provincePcode)
            }, threads: threads)
    }

    /// The records whose placement disagrees with the codes they state, in input order.
    ///
    /// A record disagrees when it lies in no district within the tolerance (`outsideDistricts`),
    /// when its stated district is not a district of the layer (`unknownDistrict`), when it is
    /// placed in another district than the stated one (`otherDistrict`, inside or within the
    /// tolerance), or, its district agreeing or unstated, when its stated province is not the
    /// province of the district it is placed in (`otherProvince`). A point placed by the
    /// tolerance in its own stated district is not a disagreement (its placement says
    /// `nearestWithinTolerance`). Blank stated codes are not compared.
    ///
    /// - Parameters:
    ///   - records: the records, with their locations and stated codes.
    ///   - placements: their placements, as ``locate(_:threads:)`` returned them.
    /// - Throws: ``GeometryError`` when the counts differ, or from the distance computation.
    public func disagreements(_ records: [StatedAdminCodes], placements: [AdminPlacement]) throws -> [AdminCodeDisagreement] {
        guard records.count == placements.count else {
            throw GeometryError(
                source: .invalidArgument, operation: "AdminLocator.disagreements",
                message: "\(records.count) records but \(placements.count) placements")
        }
        var found: [AdminCodeDisagreement] = []
        for (position, (record, placement)) in zip(records, placements).enumerated() {
            let statedDistrict = record.districtPcode.flatMap { $0.isEmpty ? nil : $0 }
            let statedProvince = record.provincePcode.flatMap { $0.isEmpty ? nil : $0 }
            let kind: AdminCodeDisagreement.Kind
            if placement.method == .outside {
                kind = .outsideDistricts
            } else if let statedDistrict, indexByPcode[statedDistrict] == nil {
                kind = .unknownDistrict
            } else if let statedDistrict, statedDistrict != placement.districtPcode {
                kind = .otherDistrict
            } else if let statedProvince, statedProvince != placement.provincePcode {
                kind = .otherProvince
            } else {
                continue
            }
            var distanceToStated: Double?
            if let statedDistrict, let stated = indexByPcode[statedDistrict] {
                distanceToStated =
                    statedDistrict == placement.districtPcode && placement.method == .inside
                    ? 0 : try distanceMeters(from: record.location, toDistrictAt: stated)
            }
            let placedName = placement.districtPcode.flatMap { indexByPcode[$0] }.map { districts[$0].nameEN }
            found.append(
                AdminCodeDisagreement(
                    kind: kind, recordIndex: position, recordId: record.id,
                    statedDistrictPcode: statedDistrict, statedProvincePcode: statedProvince,
                    placement: placement, placedDistrictName: placedName,
                    distanceToStatedDistrictMeters: distanceToStated))
        }
        return found
    }
}

/// A record's location and the admin codes it states, for ``AdminLocator/join(_:threads:)``.
public struct StatedAdminCodes: Sendable, Equatable {
    /// The record's identifier (village code, facility id).
    public let id: String
    /// Longitude/latitude, WGS 84.
    public let location: Coordinate
    /// The district P-code the record states, if any.
    public let districtPcode: String?
    /// The province P-code the record states, if any.
    public let provincePcode: String?

    /// A record `id` at `location` (lon/lat) stating `districtPcode` and `provincePcode` (nil or empty: not stated).
    public init(id: String, location: Coordinate, districtPcode: String?, provincePcode: String?) {
        self.id = id
        self.location = location
        self.districtPcode = districtPcode
        self.provincePcode = provincePcode
    }
}

/// The placements of a list of records and where they disagree with the records' stated codes.
public struct AdminJoin: Sendable {
    /// One per record, in input order.
    public let placements: [AdminPlacement]
    /// The records whose stated codes disagree with their placement, in input order.
    public let disagreements: [AdminCodeDisagreement]
}

/// A record whose stated admin codes disagree with where its point lies.
public struct AdminCodeDisagreement: Sendable, Equatable, CustomStringConvertible {
    /// What disagrees; the raw values are stable names for scripts and finding codes.
    public enum Kind: String, Sendable, Codable {
        /// Placed (inside, or within the tolerance) in another district than the stated one.
        case otherDistrict = "other_district"
        /// In no district, and none within the tolerance.
        case outsideDistricts = "outside_districts"
        /// The stated district P-code is not a district of the layer.
        case unknownDistrict = "unknown_district"
        /// The district agrees (or is not stated) but the stated province is not its province.
        case otherProvince = "other_province"
    }

    /// What disagrees.
    public let kind: Kind
    /// The record's position in the list given.
    public let recordIndex: Int
    /// The record's identifier (village code, facility id).
    public let recordId: String
    /// The district P-code the record states, nil when blank.
    public let statedDistrictPcode: String?
    /// The province P-code the record states, nil when blank.
    public let statedProvincePcode: String?
    /// Where the point was placed.
    public let placement: AdminPlacement
    /// The English name of the placement's district, when there is one.
    public let placedDistrictName: String?
    /// Geodesic distance from the point to its stated district's polygon, in metres (0 when the
    /// polygon covers it); nil when no known district is stated.
    public let distanceToStatedDistrictMeters: Double?

    /// One line, e.g. `lies in LA1805 Longsane, 36.5 km from its stated district LA1803`.
    public var description: String {
        let placed = [placement.districtPcode, placedDistrictName].compactMap { $0 }.joined(separator: " ")
        let placementText: String
        switch placement.method {
        case .inside: placementText = "lies in \(placed)"
        case .nearestWithinTolerance: placementText = "lies in no district, \(Self.format(placement.distanceMeters)) from the nearest, \(placed)"
        case .outside:
            placementText =
                placement.districtPcode == nil
                ? "lies in no district (there are none)"
                : "lies in no district, \(Self.format(placement.distanceMeters)) from the nearest, \(placed) (beyond the tolerance)"
        }
        switch kind {
        case .unknownDistrict:
            return "\(placementText); its stated district \(statedDistrictPcode ?? "") is not in the district layer"
        case .otherProvince:
            return "\(placementText), in province \(placement.provincePcode ?? "?"), not its stated province \(statedProvincePcode ?? "")"
        case .otherDistrict, .outsideDistricts:
            guard let statedDistrictPcode else { return placementText }
            if statedDistrictPcode == placement.districtPcode { return "\(placementText), its stated district" }
            guard let distance = distanceToStatedDistrictMeters else {
                return "\(placementText); its stated district \(statedDistrictPcode) is not in the district layer"
            }
            return "\(placementText), \(Self.format(distance)) from its stated district \(statedDistrictPcode)"
        }
    }

    /// Metres below 1 km (`28.9 m`), kilometres above (`36.5 km`, `11,294.3 km`).
    static func format(_ meters: Double) -> String {
        guard meters >= 1_000 else { return String(format: "%.1f m", meters) }
        let tenths = (meters / 100).rounded()
        guard tenths < 1e15 else { return String(format: "%.1f km", meters / 1_000) }
        return "\((Int(tenths) / 10).grouped).\(Int(tenths) % 10) km"
    }
}
