import GeoIO
import GeometryKit
import Parallelism
import RasterIO
import TravelTime

/// Demand points allocated to facilities by travel time over the friction rasters: for a set of
/// facilities and a friction kind, each point's nearest facility by minutes and those minutes,
/// read at the cell the point lies in from one exact search started from all the facilities at
/// once (``TravelTimeSearch``; a cell's ties go to the lower facility).
///
/// The searches asked for are made together, several at once on one thread each (on a grid the
/// size of Laos at 500 m a search gains little from a second thread, two searches nearly twice),
/// and once per kind and set of facilities however many targets share them.
///
/// A facility outside the raster or on an impassable cell starts no search; a point outside it or
/// on such a cell has no minutes (unreachable, never covered). Both are counted for the notes.
struct RasterAllocation {
    /// One search: from the facilities at `among` (positions in the facilities) over the `kind`
    /// raster; `keepingMinutes` keeps the minutes of every cell (for isochrones).
    struct Request: Sendable {
        let among: [Int]
        let kind: FrictionKind
        let keepingMinutes: Bool

        fileprivate var key: SearchKey { SearchKey(among: among, kind: kind) }
    }

    fileprivate struct SearchKey: Hashable, Sendable {
        let among: [Int]
        let kind: FrictionKind
    }

    /// A search's answer: per point its nearest facility, the same for every facility as an origin
    /// (a referral's next hop starts there), and the minutes of every cell when kept (nil too when
    /// no facility starts a search).
    struct Allocated: Sendable {
        let assignments: [CareAssignment]
        let atFacilities: [CareAssignment]
        let minutes: TravelMinutes?
    }

    /// Where a referral hop starts: a demand point, or a facility (the level below's).
    enum Origin: Sendable {
        case point(Int)
        case facility(Int)
    }

    /// Where the points and facilities lie on one kind's grid.
    private struct Placement: Sendable {
        let grid: RasterGrid
        let costGrid: CostGrid
        /// The cell of each point, nil outside the raster or on an impassable cell.
        let pointCells: [(row: Int, column: Int)?]
        let facilityCells: [(row: Int, column: Int)?]
    }

    private let placements: [FrictionKind: Placement]
    private let found: [SearchKey: Allocated]
    private let points: [Coordinate]
    private let facilities: [Coordinate]
    private let threads: Int?

    /// Makes the searches of `requests` over the friction rasters of `standards` (the same
    /// facilities and kind asked twice are searched once, keeping the minutes when either asks).
    /// - Throws: ``InputError`` when a kind's raster names no file or a bad one; PROJ and search errors.
    init(requests: [Request], points: [Coordinate], facilities: [Coordinate], standards: CoverageStandards, threads: Int?) throws {
        var placed: [FrictionKind: Placement] = [:]
        for kind in Set(requests.map(\.kind)).sorted() {
            placed[kind] = try Self.place(points: points, facilities: facilities, on: standards.frictionSurface(kind))
        }
        let placements = placed
        var keeping: [SearchKey: Bool] = [:]
        for request in requests { keeping[request.key] = (keeping[request.key] ?? false) || request.keepingMinutes }
        // Each answer is the same whatever the order the searches run in.
        let distinct = keeping.map { Request(among: $0.key.among, kind: $0.key.kind, keepingMinutes: $0.value) }
        let perSearch = distinct.count >= Parallel.threadCount(threads) ? 1 : threads
        let answers = try Parallel.map(count: distinct.count, threads: threads) { index in
            try Self.allocate(distinct[index], placement: placements[distinct[index].kind]!, points: points, facilities: facilities, threads: perSearch)
        }
        self.placements = placements
        self.points = points
        self.facilities = facilities
        self.threads = threads
        found = Dictionary(uniqueKeysWithValues: zip(distinct.map(\.key), answers))
    }

    /// The answer to `request`, which must have been among those searched.
    func allocated(_ request: Request) -> Allocated { found[request.key]! }

    /// The facilities (positions) that start no search on the `kind` raster, and the points that
    /// lie on no passable cell of it; nil when that raster was not used.
    func unplaced(_ kind: FrictionKind) -> (facilities: [Int], points: [Int])? {
        guard let placement = placements[kind] else { return nil }
        return (
            placement.facilityCells.indices.filter { placement.facilityCells[$0] == nil },
            placement.pointCells.indices.filter { placement.pointCells[$0] == nil }
        )
    }

    private static func allocate(
        _ request: Request, placement: Placement, points: [Coordinate], facilities: [Coordinate], threads: Int?
    ) throws -> Allocated {
        let usable = request.among.filter { placement.facilityCells[$0] != nil }
        guard !usable.isEmpty else {
            return Allocated(
                assignments: Array(repeating: .unreachable, count: points.count), atFacilities: Array(repeating: .unreachable, count: facilities.count),
                minutes: nil)
        }
        let search = try TravelTimeSearch(grid: placement.costGrid, sources: usable.map { placement.facilityCells[$0]! }, threads: threads)
        func nearest(at cell: (row: Int, column: Int)?, from location: Coordinate) throws -> CareAssignment {
            guard let cell else { return .unreachable }
            let seconds = search.seconds(row: cell.row, column: cell.column)
            guard seconds.isFinite else { return .unreachable }
            let facility = usable[Int(search.source(row: cell.row, column: cell.column))]
            let meters = try Geodesic.wgs84.inverse(from: location, to: facilities[facility]).distanceMeters
            return CareAssignment(facility: facility, distanceMeters: meters, minutes: seconds / 60)
        }
        let assignments = try placement.pointCells.indices.map { try nearest(at: placement.pointCells[$0], from: points[$0]) }
        let atFacilities = try placement.facilityCells.indices.map { try nearest(at: placement.facilityCells[$0], from: facilities[$0]) }
        let rows = 0..<placement.costGrid.rows
        let minutes =
            request.keepingMinutes
            ? TravelMinutes(
                grid: placement.grid, minutes: search.minutes(rows: rows),
                nearestFacility: search.sources(rows: rows).map { $0 < 0 ? -1 : Int32(usable[Int($0)]) }) : nil
        return Allocated(assignments: assignments, atFacilities: atFacilities, minutes: minutes)
    }

    /// For each query (an origin; the facilities its administrative units refer it to), the
    /// candidate nearest by travel time over the `kind` raster, with the geodesic distance to it:
    /// read from `national` (a search from facilities that include every candidate) when the
    /// facility it found is a candidate, else found by a search among the candidates alone
    /// (``RestrictedNearest``), made once for every query with the same candidates.
    func nearest(among queries: [(origin: Origin, candidates: [Int])], kind: FrictionKind, national: Request) throws -> [CareAssignment] {
        let placement = placements[kind]!
        let known = allocated(national)
        var answers = Array(repeating: CareAssignment.unreachable, count: queries.count)
        var pending: [[Int]: [Int]] = [:]
        // The national minutes of each query left, to start the guess of how far its candidates lie.
        var nationalMinutes = Array(repeating: 0.0, count: queries.count)
        for (index, query) in queries.enumerated() {
            let found: CareAssignment
            switch query.origin {
            case .point(let position): found = known.assignments[position]
            case .facility(let position): found = known.atFacilities[position]
            }
            if let facility = found.facility, query.candidates.contains(facility) {
                answers[index] = found
            } else if cell(of: query.origin, placement) != nil, !query.candidates.isEmpty {
                pending[query.candidates, default: []].append(index)
                nationalMinutes[index] = found.minutes ?? .infinity
            }
        }
        let least = Double(placement.costGrid.leastFriction ?? 1)
        let groups = pending.sorted { $0.value[0] < $1.value[0] }
        // Twice the national minutes of a group's farthest origin, at least 10: most answers lie
        // within (a guess: any gives the same answer).
        let guesses = groups.map { group -> Double? in
            let farthest = group.value.map { nationalMinutes[$0] }.max()!
            return farthest.isFinite ? max(2 * farthest, 10) : nil
        }
        let origins = groups.map { $0.value.map { cell(of: queries[$0].origin, placement)! } }
        // Each group's search on a thread of its own.
        let found = try Parallel.map(count: groups.count, threads: threads) { group in
            let usable = groups[group].key.filter { placement.facilityCells[$0] != nil }
            let answers = try RestrictedNearest.search(
                candidates: usable.map { placement.facilityCells[$0]! }, origins: origins[group], grid: placement.costGrid, leastFriction: least,
                minutesGuess: guesses[group])
            return answers.map { $0.map { (facility: usable[$0.candidate], seconds: $0.seconds) } }
        }
        for (group, groupAnswers) in zip(groups, found) {
            for (index, answer) in zip(group.value, groupAnswers) {
                guard let answer else { continue }
                let meters = try Geodesic.wgs84.inverse(from: location(of: queries[index].origin), to: facilities[answer.facility]).distanceMeters
                answers[index] = CareAssignment(facility: answer.facility, distanceMeters: meters, minutes: answer.seconds / 60)
            }
        }
        return answers
    }

    private func cell(of origin: Origin, _ placement: Placement) -> (row: Int, column: Int)? {
        switch origin {
        case .point(let position): placement.pointCells[position]
        case .facility(let position): placement.facilityCells[position]
        }
    }

    /// Where `origin` lies, lon/lat.
    func location(of origin: Origin) -> Coordinate {
        switch origin {
        case .point(let position): points[position]
        case .facility(let position): facilities[position]
        }
    }

    private static func place(points: [Coordinate], facilities: [Coordinate], on surface: TravelSurface) throws -> Placement {
        Placement(
            grid: surface.grid, costGrid: try surface.costGrid(), pointCells: try surface.passableCells(of: points),
            facilityCells: try surface.passableCells(of: facilities))
    }
}
