/// The levels of the Lao public health system, from the health centre up to the central hospitals.
public enum FacilityTier: String, Sendable, CaseIterable, Codable, Comparable {
    case healthCentre = "health_centre"
    case districtHospital = "district_hospital"
    case provincialHospital = "provincial_hospital"
    case centralHospital = "central_hospital"

    /// 1 for health centres up to 4 for central hospitals: the referral order.
    public var level: Int {
        switch self {
        case .healthCentre: 1
        case .districtHospital: 2
        case .provincialHospital: 3
        case .centralHospital: 4
        }
    }

    /// A label for tables: "health centre", "district hospital", ….
    public var label: String {
        switch self {
        case .healthCentre: "health centre"
        case .districtHospital: "district hospital"
        case .provincialHospital: "provincial hospital"
        case .centralHospital: "central hospital"
        }
    }

    public static func < (lhs: FacilityTier, rhs: FacilityTier) -> Bool { lhs.level < rhs.level }
}

/// District hospital type: A (larger, with surgery in the national standard) or B.
public enum DistrictHospitalSubtype: String, Sendable, CaseIterable, Codable {
    case a = "A"
    case b = "B"
}
