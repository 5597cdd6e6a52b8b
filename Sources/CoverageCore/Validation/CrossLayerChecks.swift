import GeoIO
import GeometryKit

/// A village or facility draft as the cross-layer checks see it.
protocol PlaceableDraft {
    var record: LayerRecord { get }
    var recordId: String { get }
    var statedDistrict: String? { get }
    var statedProvince: String? { get }
    var location: Coordinate { get }
    static var kind: LayerKind { get }
}

extension VillageLoader.Draft: PlaceableDraft {
    var recordId: String { code }
    static var kind: LayerKind { .villages }
}

extension FacilityLoader.Draft: PlaceableDraft {
    var recordId: String { id }
    static var kind: LayerKind { .facilities }
}

/// The checks that need more than one layer: unique identifiers, codes that exist, provinces
/// that agree with districts, and points that lie where their codes say.
struct CrossLayerChecks {
    let provinces: [AdminUnit]
    let districts: [AdminUnit]
    let regions: [Region]
    private let locator: AdminLocator
    private let districtByPcode: [String: AdminUnit]
    private let provincePcodes: Set<String>
    /// The layers' field mappings, so that messages name the fields as the files do.
    private let mappings: [LayerKind: FieldMapping]
    /// The packages and default services of facilities whose layer gives none.
    private let careModel: CareModel

    init(
        provinces: [AdminUnit], districts: [AdminUnit], regions: [Region], toleranceMeters: Double,
        mappings: [LayerKind: FieldMapping] = [:], careModel: CareModel = .hierarchy
    ) throws {
        self.provinces = provinces
        self.districts = districts
        self.regions = regions
        self.mappings = mappings
        self.careModel = careModel
        locator = try AdminLocator(districts: districts, toleranceMeters: toleranceMeters)
        districtByPcode = Dictionary(districts.map { ($0.pcode, $0) }, uniquingKeysWith: { first, _ in first })
        provincePcodes = Set(provinces.map(\.pcode))
    }

    /// The villages with their codes resolved, and where each lies.
    func resolve(_ drafts: [VillageLoader.Draft], into report: inout ValidationReport) throws -> ([Village], [AdminPlacement]) {
        let (codes, placements) = try resolveCodes(drafts, into: &report)
        let villages = zip(drafts, codes).compactMap { draft, code -> Village? in
            guard let code else { return nil }
            return Village(
                code: draft.code, name: draft.name ?? draft.code, districtPcode: code.district, provincePcode: code.province,
                location: draft.location, figures: draft.figures, populationEstimated: draft.estimated ?? false)
        }
        return (villages, zip(codes, placements).compactMap { $0 == nil ? nil : $1 })
    }

    /// The facilities with their codes resolved, and where each lies.
    func resolve(_ drafts: [FacilityLoader.Draft], into report: inout ValidationReport) throws -> ([Facility], [AdminPlacement]) {
        let (codes, placements) = try resolveCodes(drafts, into: &report)
        let facilities = zip(drafts, codes).compactMap { draft, code -> Facility? in
            guard let code else { return nil }
            return Facility(
                id: draft.id, name: draft.name ?? draft.id, tier: draft.tier, subtype: draft.subtype,
                services: draft.services ?? careModel.services(of: draft.tier), servicesAssumed: draft.services == nil,
                carePackages: draft.carePackages ?? careModel.packages(of: draft.tier), capacity: draft.capacity,
                districtPcode: code.district, provincePcode: code.province, location: draft.location, source: draft.source,
                provenance: draft.provenance)
        }
        return (facilities, zip(codes, placements).compactMap { $0 == nil ? nil : $1 })
    }

    private struct ResolvedCodes {
        let district: String
        let province: String
    }

    /// Per draft: the district and province codes to use (stated, else where the point lies), or
    /// nil when the draft has an error; and where each point lies.
    private func resolveCodes<Draft: PlaceableDraft>(_ drafts: [Draft], into report: inout ValidationReport) throws -> ([ResolvedCodes?], [AdminPlacement]) {
        let join = try locator.join(
            drafts.map {
                StatedAdminCodes(id: $0.recordId, location: $0.location, districtPcode: $0.statedDistrict, provincePcode: $0.statedProvince)
            })
        let noun = Draft.kind.noun
        let mapping = mappings[Draft.kind] ?? FieldMapping(defaultsFor: Draft.kind)

        // The codes: unknown ones are errors; a province that disagrees with the district is a warning.
        var resolved: [ResolvedCodes?] = []
        for (draft, placement) in zip(drafts, join.placements) {
            if let stated = draft.statedProvince, !provincePcodes.contains(stated) {
                report.error(
                    "unknown_province_code", recordId: draft.recordId,
                    draft.record.problem(
                        mapping.field(.province),
                        "province \(stated) is not in the provinces layer", suggestion: suggestion(stated, among: Array(provincePcodes))))
                resolved.append(nil)
                continue
            }
            guard let district = draft.statedDistrict else {
                guard let located = placement.districtPcode, let province = placement.provincePcode, placement.method != .outside else {
                    report.error(
                        "missing_district", recordId: draft.recordId,
                        draft.record.problem(
                            mapping.field(.district),
                            "the \(noun) states no district and its point lies in none" + Self.nearest(placement)))
                    resolved.append(nil)
                    continue
                }
                if let stated = draft.statedProvince, stated != province {
                    report.warning(
                        "province_mismatch", recordId: draft.recordId,
                        draft.record.problem(
                            mapping.field(.province),
                            "states province \(stated), but its point lies in \(located) of \(province)"))
                }
                resolved.append(ResolvedCodes(district: located, province: province))
                continue
            }
            guard let unit = districtByPcode[district] else {
                report.error(
                    "unknown_district_code", recordId: draft.recordId,
                    draft.record.problem(
                        mapping.field(.district),
                        "district \(district) is not in the districts layer", suggestion: suggestion(district, among: Array(districtByPcode.keys))))
                resolved.append(nil)
                continue
            }
            if let stated = draft.statedProvince, stated != unit.provincePcode {
                report.warning(
                    "province_mismatch", recordId: draft.recordId,
                    draft.record.problem(
                        mapping.field(.province),
                        "states province \(stated), but its district \(district) belongs to \(unit.provincePcode)"))
            }
            resolved.append(ResolvedCodes(district: district, province: unit.provincePcode))
        }

        // Where the point lies versus what the record states: warnings, since real data has such
        // flaws (the shipped villages do). One warning per record, none for records in error.
        var warned = Set<Int>()
        for disagreement in join.disagreements
        where [.otherDistrict, .outsideDistricts].contains(disagreement.kind)
            && resolved[disagreement.recordIndex] != nil
        {
            let draft = drafts[disagreement.recordIndex]
            let code = disagreement.kind == .otherDistrict ? "outside_stated_district" : "outside_all_districts"
            report.warning(code, recordId: draft.recordId, draft.record.problem("geometry", "the \(noun) \(disagreement)"))
            warned.insert(disagreement.recordIndex)
        }
        for (index, (draft, placement)) in zip(drafts, join.placements).enumerated()
        where placement.method == .nearestWithinTolerance && resolved[index] != nil && !warned.contains(index) {
            report.warning(
                "outside_all_districts", recordId: draft.recordId,
                draft.record.problem(
                    "geometry",
                    "the \(noun) lies in no district polygon, \(AdminCodeDisagreement.format(placement.distanceMeters)) from \(placement.districtPcode ?? "?"), which is taken as where it lies"
                ))
        }
        return (resolved, join.placements)
    }

    /// `" (the nearest, LA1101, is 4.1 km away)"`, or nothing when there are no districts.
    private static func nearest(_ placement: AdminPlacement) -> String {
        placement.districtPcode.map { " (the nearest, \($0), is \(AdminCodeDisagreement.format(placement.distanceMeters)) away)" } ?? ""
    }

    private func suggestion(_ code: String, among known: [String]) -> String? {
        ClosestName.suggestion(for: code, among: known.sorted()).map { "did you mean \($0)?" }
    }

}
