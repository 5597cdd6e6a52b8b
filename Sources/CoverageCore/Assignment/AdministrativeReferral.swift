import DistanceKernel
import GeometryKit

/// The administrative mode of assignment: which facility a village's own units refer it to.
/// A health centre of its district (the nearest of them), the district hospital of its district,
/// the provincial hospital of its province — the central hospital where the province has none,
/// as in Vientiane Capital — and the central hospital. Tier by tier: a facility counts at its own
/// tier only when it provides that tier's care package (a rehabilitation centre filed as a
/// provincial hospital is no province's provincial hospital). A district with no facility of the
/// tier is served by the lowest tier above in the district that provides the package: the
/// provincial hospital of a provincial capital with no district hospital serves as its district
/// hospital.
struct AdministrativeReferral {
    let facilities: [Facility]
    let standards: CoverageStandards
    private let byDistrict: [FacilityTier: [String: [Int]]]
    /// Every facility of a district, whatever its tier and packages (for the stand-ins).
    private let inDistrict: [String: [Int]]
    private let byProvince: [FacilityTier: [String: [Int]]]
    private let central: [Int]

    init(facilities: [Facility], standards: CoverageStandards) {
        self.facilities = facilities
        self.standards = standards
        var byDistrict: [FacilityTier: [String: [Int]]] = [:]
        var byProvince: [FacilityTier: [String: [Int]]] = [:]
        var inDistrict: [String: [Int]] = [:]
        for (index, facility) in facilities.enumerated() {
            if let district = facility.districtPcode { inDistrict[district, default: []].append(index) }
        }
        for (index, facility) in facilities.enumerated() where facility.provides(facility.tier) {
            if let district = facility.districtPcode { byDistrict[facility.tier, default: [:]][district, default: []].append(index) }
            if let province = facility.provincePcode { byProvince[facility.tier, default: [:]][province, default: []].append(index) }
        }
        self.byDistrict = byDistrict
        self.inDistrict = inDistrict
        self.byProvince = byProvince
        central = facilities.indices.filter { facilities[$0].tier == .centralHospital && facilities[$0].provides(.centralHospital) }
    }

    /// The facility of `tier` that the units of a point at `location` refer it to, measured from
    /// `location`.
    func assignment(of location: Coordinate, district: String, province: String, tier: FacilityTier) throws -> CareAssignment {
        try nearest(to: location, among: candidates(tier: tier, district: district, province: province).facilities, tier: tier)
    }

    /// The village's referral chain, each hop measured from the level below.
    func chain(of village: DemandPoint) throws -> ReferralChain {
        let healthCentre = try assignment(of: village.location, district: village.districtPcode, province: village.provincePcode, tier: .healthCentre)
        let fromHealthCentre = healthCentre.facility.map { facilities[$0].location } ?? village.location
        let districtHospital = try assignment(
            of: fromHealthCentre, district: village.districtPcode, province: village.provincePcode,
            tier: .districtHospital)
        let fromDistrictHospital = districtHospital.facility.map { facilities[$0].location } ?? fromHealthCentre
        let top = candidates(tier: .provincialHospital, district: village.districtPcode, province: village.provincePcode)
        let provincialHospital = try nearest(to: fromDistrictHospital, among: top.facilities, tier: .provincialHospital)
        return ReferralChain(
            healthCentre: healthCentre, districtHospital: districtHospital, provincialHospital: provincialHospital,
            referredToCentral: top.central && provincialHospital.facility != nil)
    }

    /// The facilities a point's units refer it to for `tier`, and whether they are the central
    /// hospitals standing in for a missing provincial hospital.
    func candidates(tier: FacilityTier, district: String, province: String) -> (facilities: [Int], central: Bool) {
        switch tier {
        case .healthCentre, .districtHospital:
            if let own = byDistrict[tier]?[district], !own.isEmpty { return (own, false) }
            let standIns = (inDistrict[district] ?? []).filter { facilities[$0].tier > tier && facilities[$0].provides(tier) }
            guard let lowest = standIns.map({ facilities[$0].tier }).min() else { return ([], false) }
            return (standIns.filter { facilities[$0].tier == lowest }, false)
        case .provincialHospital:
            if let own = byProvince[.provincialHospital]?[province], !own.isEmpty { return (own, false) }
            return (central, true)
        case .centralHospital:
            return (central, false)
        }
    }

    /// The nearest of `candidates` to `location` by geodesic distance (ties by lower index), with
    /// the distance and the straight-line model's time.
    func nearest(to location: Coordinate, among candidates: [Int], tier: FacilityTier) throws -> CareAssignment {
        var best: (facility: Int, meters: Double)?
        for candidate in candidates {
            let meters = try PairDistance.meters(from: location, to: facilities[candidate].location, metric: .geodesic)
            if best == nil || meters < best!.meters { best = (candidate, meters) }
        }
        guard let best else { return .unreachable }
        return CareAssignment(
            facility: best.facility, distanceMeters: best.meters,
            minutes: standards.minutes(distanceMeters: best.meters, to: .tier(tier)))
    }
}
