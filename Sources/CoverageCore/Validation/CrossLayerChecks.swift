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

/// The checks that need more than one layer: unique identifiers, codes that exist (a unit's name
/// where its code belongs is answered with the code), provinces that agree with districts, and
/// points that lie where their codes say — a point farther than the tolerance from every district
/// is an error. Run only over admin layers without errors (see ``LayerSet``): a broken districts
/// layer would otherwise blame every village of its missing districts.
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
    /// The provinces and districts by name, to answer names written for codes.
    private let names: AdminNames

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
        names = AdminNames(provinces + districts)
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

        // The codes: unknown ones are errors (both fields' when both are unknown, as a layer of
        // names has them); a province that disagrees with the district is a warning.
        var resolved: [ResolvedCodes?] = []
        for (draft, placement) in zip(drafts, join.placements) {
            let unknown = [
                draft.statedDistrict.flatMap {
                    districtByPcode[$0] == nil ? unknownCode($0, level: .district, draft: draft, field: mapping.field(.district)) : nil
                },
                draft.statedProvince.flatMap {
                    provincePcodes.contains($0) ? nil : unknownCode($0, level: .province, draft: draft, field: mapping.field(.province))
                },
            ].compactMap { $0 }
            guard unknown.isEmpty else {
                for finding in unknown { report.add(finding) }
                resolved.append(nil)
                continue
            }
            if placement.method == .outside {
                report.add(beyondTolerance(draft, placement))
                resolved.append(nil)
                continue
            }
            guard let district = draft.statedDistrict else {
                guard let located = placement.districtPcode, let province = placement.provincePcode else {
                    resolved.append(nil)  // no district at all: the empty layer is the error
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
            guard let unit = districtByPcode[district] else {  // reported above
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
            report.warning(
                code, recordId: draft.recordId, magnitude: disagreement.distanceToStatedDistrictMeters ?? disagreement.placement.distanceMeters,
                draft.record.problem("geometry", "the \(noun) \(disagreement)"))
            warned.insert(disagreement.recordIndex)
        }
        for (index, (draft, placement)) in zip(drafts, join.placements).enumerated()
        where placement.method == .nearestWithinTolerance && resolved[index] != nil && !warned.contains(index) {
            report.warning(
                "outside_all_districts", recordId: draft.recordId, magnitude: placement.distanceMeters,
                draft.record.problem(
                    "geometry",
                    "the \(noun) lies in no district polygon, \(AdminCodeDisagreement.format(placement.distanceMeters)) from \(placement.districtPcode ?? "?"), which is taken as where it lies"
                ))
        }
        return (resolved, join.placements)
    }

    /// The error for a stated code the admin layer lacks: the code of the unit it names when it
    /// is a name (`expected a P-code; "Thakhek" is the name of LA1201 (Thakhek)`), else the
    /// closest code.
    private func unknownCode<Draft: PlaceableDraft>(_ code: String, level: AdminLevel, draft: Draft, field: String) -> Finding {
        if let answer = names.answer(for: code, expected: level) {
            return Finding(.error, "name_for_pcode", recordId: draft.recordId, draft.record.problem(field, answer))
        }
        let known = level == .province ? Array(provincePcodes) : Array(districtByPcode.keys)
        return Finding(
            .error, "unknown_\(level.rawValue)_code", recordId: draft.recordId,
            draft.record.problem(
                field, "\(level.rawValue) \(code) is not in the \(level.rawValue)s layer",
                suggestion: ClosestName.suggestion(for: code, among: known.sorted()).map { "did you mean \($0)?" }))
    }

    /// The error for a point farther than the tolerance from every district: it names the
    /// distance, the nearest district, and the options that would accept it.
    private func beyondTolerance<Draft: PlaceableDraft>(_ draft: Draft, _ placement: AdminPlacement) -> Finding {
        let kind = Draft.kind
        var reason = "the \(kind.noun) lies in no district"
        if let nearest = placement.districtPcode {
            let name = districtByPcode[nearest].map { " \($0.nameEN)" } ?? ""
            // The tolerance is less than the distance, so at most half the Earth's circumference.
            let tolerance = locator.toleranceMeters
            let metres = tolerance == tolerance.rounded() ? Int(tolerance).grouped : String(format: "%.1f", tolerance)
            reason +=
                ": \(AdminCodeDisagreement.format(placement.distanceMeters)) from the nearest, \(nearest)\(name), "
                + "beyond the tolerance of \(metres) m"
        }
        return Finding(
            .error, "beyond_tolerance", recordId: draft.recordId, magnitude: placement.distanceMeters,
            draft.record.problem(
                "geometry", reason,
                suggestion: "if the point is right, raise --tolerance-m to place it in the nearest district; if the layer's "
                    + "coordinates are in another system, name it with --crs \(kind.rawValue)=EPSG:…"))
    }

}
