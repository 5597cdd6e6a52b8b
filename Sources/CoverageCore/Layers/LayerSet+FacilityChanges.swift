import GeoIO
import GeometryKit

extension LayerSet {
    /// The layer set with `changes` made to its facilities, in order (a later change sees the
    /// earlier ones: a facility added can be upgraded). New facilities are placed in the district
    /// of their village, or the district their point lies in (or the nearest within
    /// `toleranceMeters`), as the loader places facilities.
    ///
    /// - Throws: ``InputError`` at the change's line in `file`: an unknown facility id (with the
    ///   closest known) or village code, an id added twice, an upgrade that does not raise the
    ///   tier, a point outside every district.
    public func applying(
        _ changes: [FacilityChange], file: String,
        toleranceMeters: Double = AdminLocator.defaultToleranceMeters
    ) throws -> LayerSet {
        var facilities = facilities, placements = facilityPlacements
        var locator: AdminLocator?
        for change in changes {
            func problem(_ reason: String, suggestion: String? = nil) -> InputError {
                InputError(file: file, location: .position(line: change.line, column: change.column), reason: reason, suggestion: suggestion)
            }
            func position(of id: String) throws -> Int {
                if let found = facilities.firstIndex(where: { $0.id == id }) { return found }
                throw problem(
                    "no facility \"\(id)\" in the facility layer" + (facilities.isEmpty ? "" : " (or it was closed above)"),
                    suggestion: ClosestName.suggestion(for: id, among: facilities.map(\.id)).map { "did you mean \($0)?" })
            }
            switch change.action {
            case .add(let id, let name, let tier, let services, let capacity, let place):
                guard !facilities.contains(where: { $0.id == id }) else { throw problem("a facility \"\(id)\" exists already") }
                let location: Coordinate, placement: AdminPlacement
                switch place {
                case .village(let code):
                    guard let village = villages.firstIndex(where: { $0.code == code }) else {
                        throw problem(
                            "no village \"\(code)\" in the village layer",
                            suggestion: ClosestName.suggestion(for: code, among: villages.map(\.code)).map { "did you mean \($0)?" })
                    }
                    location = villages[village].location
                    placement = AdminPlacement(
                        districtPcode: villages[village].districtPcode, provincePcode: villages[village].provincePcode,
                        method: villagePlacements.indices.contains(village) ? villagePlacements[village].method : .inside,
                        distanceMeters: villagePlacements.indices.contains(village) ? villagePlacements[village].distanceMeters : 0)
                case .point(let point):
                    if locator == nil { locator = try AdminLocator(districts: districts, toleranceMeters: toleranceMeters) }
                    placement = try locator!.locate(point)
                    guard placement.method != .outside else {
                        throw problem(
                            "the point \(point.lon), \(point.lat) lies outside every district"
                                + (placement.districtPcode.map { " (the nearest, \($0), is \(Int(placement.distanceMeters)) m away)" } ?? ""))
                    }
                    location = point
                }
                // Services not listed: the tier's defaults, as the loader gives a layer that lists none.
                facilities.append(
                    Facility(
                        id: id, name: name ?? id, tier: tier, subtype: nil, services: services.isEmpty ? careModel.services(of: tier) : services,
                        servicesAssumed: services.isEmpty, carePackages: careModel.packages(of: tier), capacity: capacity,
                        districtPcode: placement.districtPcode, provincePcode: placement.provincePcode,
                        location: location, source: "scenario"))
                placements.append(placement)
            case .close(let id):
                let found = try position(of: id)
                facilities.remove(at: found)
                if placements.indices.contains(found) { placements.remove(at: found) }
            case .upgrade(let id, let tier, let services, let capacity):
                let found = try position(of: id), old = facilities[found]
                guard tier > old.tier else {
                    throw problem("\(id) is a \(old.tier.rawValue): upgrade_facility raises the tier (to \(tier.rawValue) it would not)")
                }
                // An upgrade takes the new tier's packages, and its default services where the old ones were assumed.
                let kept = old.servicesAssumed ? careModel.services(of: tier) : old.services
                facilities[found] = old.changing(
                    tier: tier, services: kept + services, servicesAssumed: old.servicesAssumed && services.isEmpty,
                    carePackages: careModel.packages(of: tier), capacity: capacity)
            case .addService(let id, let service):
                let found = try position(of: id), old = facilities[found]
                facilities[found] = old.changing(
                    tier: old.tier, services: old.services + [service], servicesAssumed: false, carePackages: old.carePackages,
                    capacity: old.capacity)
            case .setCapacity(let id, let capacity):
                let found = try position(of: id), old = facilities[found]
                facilities[found] = old.changing(
                    tier: old.tier, services: old.services, servicesAssumed: old.servicesAssumed, carePackages: old.carePackages, capacity: capacity)
            }
        }
        return LayerSet(
            provinces: provinces, districts: districts, villages: villages, facilities: facilities, regions: regions,
            inputs: inputs, villagePlacements: villagePlacements, facilityPlacements: placements, report: report, careModel: careModel)
    }
}

extension Facility {
    /// The facility with another tier (subtype dropped when it changes), services, packages and capacity.
    fileprivate func changing(
        tier: FacilityTier, services: [HealthService], servicesAssumed: Bool, carePackages: [FacilityTier], capacity: Int?
    ) -> Facility {
        Facility(
            id: id, name: name, tier: tier, subtype: tier == self.tier ? subtype : nil, services: services, servicesAssumed: servicesAssumed,
            carePackages: carePackages, capacity: capacity, districtPcode: districtPcode, provincePcode: provincePcode,
            location: location, source: source, provenance: provenance)
    }
}
