import GeoIO

/// The catchments of one care target: for every facility providing it, the points (villages)
/// whose nearest such facility it is — the geographic mode of ``CoverageAssignment`` — with their
/// count and population by target group.
///
/// Membership comes straight from the assignment, so a catchment always agrees with
/// `villages_assigned` and with the queries: there is no second distance computation. Every
/// facility providing the target is listed, in layer order, those nearest to no point with zeros.
/// The polygons are a separate, costlier step: ``CatchmentPolygons``.
public struct Catchments: Sendable {
    /// The care the catchments are for.
    public let target: CareTarget
    /// The kind of demand the points are (villages for population figures).
    public let demand: DemandKind
    /// One per facility providing ``target``, in the order of ``LayerSet/facilities``.
    public let catchments: [Catchment]
    /// The positions of the points no facility serves (none provides the target), ascending.
    public let unserved: [Int]
    /// The assignment the catchments were read from.
    public let assignment: CoverageAssignment

    /// The catchments of `target` in `assignment`.
    ///
    /// - Parameters:
    ///   - assignment: an assignment that includes `target` (its geographic mode is used).
    ///   - target: the tier or service.
    ///   - facilities: the facilities the assignment was made with (``LayerSet/facilities``).
    /// - Throws: ``InputError`` when `assignment` did not assign `target`.
    public init(assignment: CoverageAssignment, target: CareTarget, facilities: [Facility]) throws {
        guard assignment.targets.contains(target) else {
            throw InputError(
                file: "assignment", field: target.name,
                reason: "the assignment does not include \(target.name) (it has "
                    + assignment.targets.map(\.name).joined(separator: ", ") + ")")
        }
        let providers = facilities.indices.filter { target.isProvided(by: facilities[$0]) }
        var slot = [Int: Int](minimumCapacity: providers.count)
        for (position, facility) in providers.enumerated() { slot[facility] = position }
        var members = Array(repeating: [Int](), count: providers.count)
        var figures = Array(repeating: PopulationFigures.zero, count: providers.count)
        var unserved: [Int] = []
        for (position, care) in assignment.nearest(target).enumerated() {
            guard let facility = care.facility, let index = slot[facility] else {
                unserved.append(position)
                continue
            }
            members[index].append(position)
            figures[index] += assignment.points[position].figures
        }
        self.target = target
        demand = assignment.demand
        catchments = providers.indices.map { Catchment(facility: providers[$0], points: members[$0], figures: figures[$0]) }
        self.unserved = unserved
        self.assignment = assignment
    }

    /// Assigns every village of `layers` to `target` and reads the catchments from that.
    ///
    /// - Parameter threads: worker threads for the distance kernel (default: all cores); the
    ///   result does not depend on it.
    /// - Throws: ``InputError`` when `standards` has no standard for `target`.
    public init(layers: LayerSet, standards: CoverageStandards, target: CareTarget, threads: Int? = nil) throws {
        let assignment = try CoverageAssignment(layers: layers, standards: standards, targets: [target], threads: threads)
        try self.init(assignment: assignment, target: target, facilities: layers.facilities)
    }

    /// The catchment of the facility at `facility` (its position in ``LayerSet/facilities``); nil
    /// when it does not provide the target.
    public func catchment(ofFacility facility: Int) -> Catchment? {
        catchments.first { $0.facility == facility }
    }

    /// The figures of all points served, group by group.
    public var servedFigures: PopulationFigures {
        catchments.reduce(PopulationFigures.zero) { $0 + $1.figures }
    }

    /// How many points are served (all but ``unserved``).
    public var servedPointCount: Int { assignment.points.count - unserved.count }
}
