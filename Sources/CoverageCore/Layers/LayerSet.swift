import DistanceKernel
import Foundation
import GeoIO
import GeometryKit
import Parallelism

/// The validated input of a coverage analysis: admin units, regions, villages and facilities,
/// with every village and facility placed in the district its point lies in.
///
/// Built by ``load(_:)``, which reads every layer, checks each record and the layers against each
/// other, and stops with a ``ValidationFailure`` listing every error when there is one; warnings
/// (real data has real flaws) are kept in ``report``.
public struct LayerSet: Sendable {
    public let provinces: [AdminUnit]
    public let districts: [AdminUnit]
    public let villages: [Village]
    public let facilities: [Facility]
    public let regions: [Region]
    /// What was read: one entry per layer file.
    public let inputs: [InputLayer]
    /// Where each village's point lies (same order as ``villages``).
    public let villagePlacements: [AdminPlacement]
    /// Where each facility's point lies (same order as ``facilities``).
    public let facilityPlacements: [AdminPlacement]
    /// The warnings of the load (there are no errors in a loaded set).
    public let report: ValidationReport
    /// The care model the facilities were resolved with (packages and default services per
    /// tier); changes made to the set (``applying(_:file:toleranceMeters:)``) follow it too.
    public let careModel: CareModel

    /// A layer file that was read: its kind, path, record count, and the size and SHA-256 of
    /// the bytes parsed.
    public struct InputLayer: Sendable, Codable, Equatable {
        public let kind: String
        public let path: String
        public let records: Int
        public let checksum: FileChecksum
    }

    /// Reads and validates every layer of `sources`. Throws an ``InputError`` when a file cannot
    /// be read at all, and a ``ValidationFailure`` when any record or cross-check fails.
    public static func load(_ sources: LayerSources) throws -> LayerSet {
        let (set, report) = try assemble(sources)
        // The records and the document they were parsed from are gone.
        FreedMemory.release()
        guard let set, !report.hasErrors else { throw ValidationFailure(report: report) }
        return set
    }

    /// Every finding for `sources`, errors included, without stopping at the first. Throws only
    /// when a file cannot be read at all.
    public static func validate(_ sources: LayerSources) throws -> ValidationReport {
        try assemble(sources).1
    }

    /// Reads and checks only the districts of `sources` (for commands that place points without
    /// a whole layer set). Throws ``ValidationFailure`` listing every error.
    public static func loadDistricts(_ sources: LayerSources) throws -> [AdminUnit] {
        guard let path = sources.paths[.districts] else {
            throw InputError(file: LayerKind.districts.defaultFileName, reason: "no districts layer was given")
        }
        var report = ValidationReport()
        let records = try LayerReader.read(path: path, kind: .districts, sources: sources).records
        guard !records.isEmpty else {
            throw InputError(file: path, reason: "the districts layer has no districts: every analysis needs at least one district")
        }
        DuplicateIdentifiers.check(records, mapping: sources.mapping(for: .districts), into: &report)
        let districts = AdminUnitLoader.load(
            records, kind: .districts, mapping: sources.mapping(for: .districts),
            repair: sources.repairInvalidPolygons, into: &report)
        if report.hasErrors { throw ValidationFailure(report: report) }
        return districts
    }

    /// Reads and checks only the facilities of `sources` (for commands that need no admin layers,
    /// such as `coverage traveltime`): their tiers, services and locations, not their districts
    /// (codes are kept as stated). Throws ``ValidationFailure`` listing every error.
    public static func loadFacilities(_ sources: LayerSources) throws -> (facilities: [Facility], input: InputLayer) {
        guard let path = sources.paths[.facilities] else {
            throw InputError(file: LayerKind.facilities.defaultFileName, reason: "no facilities layer was given")
        }
        var report = ValidationReport()
        let file = try LayerReader.read(path: path, kind: .facilities, sources: sources)
        guard !file.records.isEmpty else {
            throw InputError(file: path, reason: "the facilities layer has no facilities")
        }
        let mapping = sources.mapping(for: .facilities)
        DuplicateIdentifiers.check(file.records, mapping: mapping, into: &report)
        let drafts = FacilityLoader.load(file.records, mapping: mapping, into: &report)
        if report.hasErrors { throw ValidationFailure(report: report) }
        let model = sources.careModel
        let facilities = drafts.map { draft in
            Facility(
                id: draft.id, name: draft.name ?? draft.id, tier: draft.tier, subtype: draft.subtype,
                services: draft.services ?? model.services(of: draft.tier), servicesAssumed: draft.services == nil,
                carePackages: draft.carePackages ?? model.packages(of: draft.tier), capacity: draft.capacity,
                districtPcode: draft.statedDistrict, provincePcode: draft.statedProvince, location: draft.location, source: draft.source,
                provenance: draft.provenance)
        }
        return (facilities, InputLayer(kind: LayerKind.facilities.rawValue, path: path, records: file.records.count, checksum: file.checksum))
    }

    /// Reads and checks only the villages of `sources` (for `coverage traveltime --villages`): their
    /// codes, names, populations and locations, their district and province codes as stated.
    /// Throws ``ValidationFailure`` listing every error.
    public static func loadVillages(_ sources: LayerSources) throws -> (villages: [Village], input: InputLayer) {
        guard let path = sources.paths[.villages] else {
            throw InputError(file: LayerKind.villages.defaultFileName, reason: "no villages layer was given")
        }
        var report = ValidationReport()
        let file = try LayerReader.read(path: path, kind: .villages, sources: sources)
        guard !file.records.isEmpty else { throw InputError(file: path, reason: "the villages layer has no villages") }
        let mapping = sources.mapping(for: .villages)
        DuplicateIdentifiers.check(file.records, mapping: mapping, into: &report)
        let drafts = VillageLoader.load(file.records, mapping: mapping, into: &report)
        if report.hasErrors { throw ValidationFailure(report: report) }
        let villages = drafts.map { draft in
            Village(
                code: draft.code, name: draft.name ?? draft.code, districtPcode: draft.statedDistrict ?? "", provincePcode: draft.statedProvince ?? "",
                location: draft.location, figures: draft.figures, populationEstimated: draft.estimated ?? false)
        }
        return (villages, InputLayer(kind: LayerKind.villages.rawValue, path: path, records: file.records.count, checksum: file.checksum))
    }

    // MARK: lookups

    /// The district with `pcode`.
    public func district(_ pcode: String) -> AdminUnit? { districts.first { $0.pcode == pcode } }

    /// The province with `pcode`.
    public func province(_ pcode: String) -> AdminUnit? { provinces.first { $0.pcode == pcode } }

    /// The region with `id`.
    public func region(_ id: String) -> Region? { regions.first { $0.id == id } }

    /// The region with `id`, or an error listing the known regions (closest first).
    public func requireRegion(_ id: String) throws -> Region {
        if let region = region(id) { return region }
        let ids = regions.map(\.id)
        throw InputError(
            file: "regions", field: "region", reason: "unknown region \"\(id)\" (known: \(ids.joined(separator: ", ")))",
            suggestion: ClosestName.suggestion(for: id, among: ids).map { "did you mean \($0)?" })
    }

    // MARK: assembly

    static func assemble(_ sources: LayerSources) throws -> (LayerSet?, ValidationReport) {
        var report = ValidationReport()
        var inputs: [InputLayer] = []
        // Per file, the fields no record has: reported once for the file, so the records' own
        // findings about them are dropped.
        var absentFields: [String: Set<String>] = [:]
        func path(_ kind: LayerKind) throws -> String {
            guard let path = sources.paths[kind] else {
                throw InputError(file: kind.defaultFileName, reason: "no \(kind.rawValue) layer was given")
            }
            return path
        }
        /// The records of a layer's files, after the checks made once per file: not empty, and
        /// every field that the mapping names or the layer needs present in some record.
        func checked(_ read: LayerFile?, _ kind: LayerKind, more: [(path: String, file: LayerFile)] = []) throws -> [LayerRecord] {
            let path = try path(kind)
            guard let read else { return [] }
            for (file, layer) in [(path, read)] + more.map({ ($0.path, $0.file) }) {
                inputs.append(InputLayer(kind: kind.rawValue, path: file, records: layer.records.count, checksum: layer.checksum))
                guard !layer.records.isEmpty else {
                    report.error(
                        "empty_layer",
                        InputError(
                            file: file, reason: "the \(kind.rawValue) layer has no \(kind.rawValue): every analysis needs at least one \(kind.noun)"))
                    continue
                }
                absentFields[file, default: []].formUnion(LayerFields.checkPresent(layer.records, kind: kind, sources: sources, into: &report))
            }
            let all = read.records + more.flatMap(\.file.records)
            DuplicateIdentifiers.check(all, mapping: sources.mapping(for: kind), into: &report)
            return all
        }
        func records(_ kind: LayerKind) throws -> [LayerRecord] {
            try checked(try LayerReader.read(path: try path(kind), kind: kind, sources: sources), kind)
        }
        /// Runs a loader, keeping its findings but those about fields no record has.
        func loading<Result>(_ body: (inout ValidationReport) -> Result) -> Result {
            var found = ValidationReport()
            let result = body(&found)
            report.add(contentsOf: found.dropping(absentFields))
            return result
        }
        // The point layers (most of the bytes to parse) are read on a thread of their own while
        // the admin layers are read and checked here; their findings are still reported in the
        // layers' order, and a missing or unreadable admin layer is still the first error.
        let pointRecords = BackgroundTask {
            let layers = try [LayerKind.villages, .facilities].map { kind in
                try sources.paths[kind].map { try LayerReader.read(path: $0, kind: kind, sources: sources) }
            }
            let more = try sources.additionalFacilityPaths.map { (path: $0, file: try LayerReader.read(path: $0, kind: .facilities, sources: sources)) }
            return (layers, more)
        }

        let provinceRecords = try records(.provinces)
        let provinces = loading {
            AdminUnitLoader.load(provinceRecords, kind: .provinces, mapping: sources.mapping(for: .provinces), repair: sources.repairInvalidPolygons, into: &$0)
        }
        let provincesBroken = report.hasErrors
        let districtRecords = try records(.districts)
        let districts = loading {
            AdminUnitLoader.load(
                districtRecords, kind: .districts, mapping: sources.mapping(for: .districts),
                repair: sources.repairInvalidPolygons, provinces: provincesBroken ? nil : provinces, into: &$0)
        }
        // A layer with an error is reported first and alone: the checks of the other layers
        // against it would blame them for what it lacks (every village of a district that failed
        // to load would be "in no district").
        let brokenAdmin = report.hasErrors
        let extent = districts.compactMap(\.geometry.envelope).reduce(nil) { (box: Envelope?, next) in
            guard var box else { return next }
            box.expand(toInclude: next)
            return box
        }
        let (pointsRead, moreFacilities) = try pointRecords.result()
        let villageRecords = try checked(pointsRead[0], .villages)
        let facilityRecords = try checked(pointsRead[1], .facilities, more: moreFacilities)
        let villageDrafts =
            !brokenAdmin && AxisOrder.isSwapped(villageRecords, extent: extent, kind: .villages, into: &report)
            ? []
            : loading { VillageLoader.load(villageRecords, mapping: sources.mapping(for: .villages), into: &$0) }
        let facilityDrafts =
            !brokenAdmin && AxisOrder.isSwapped(facilityRecords, extent: extent, kind: .facilities, into: &report)
            ? []
            : loading { FacilityLoader.load(facilityRecords, mapping: sources.mapping(for: .facilities), into: &$0) }

        var regions = [Region(id: "national", name: "National", provincePcodes: provinces.map(\.pcode))]
        if let path = sources.regionsPath {
            let (read, checksum) = try RegionsFile.read(path: path)
            inputs.append(InputLayer(kind: "regions", path: path, records: read.count, checksum: checksum))
            // Against the admin layers that loaded (a broken one is reported alone).
            if !brokenAdmin { RegionsFile.checkCodes(read, provinces: provinces, districts: districts, file: path, into: &report) }
            regions = read.contains { $0.id == "national" } ? read : regions + read
        }
        if brokenAdmin {
            report.skippedChecks.append(
                provincesBroken
                    ? "the other layers against the provinces (the districts' and regions' provinces, the villages' and facilities' "
                        + "codes and where their points lie), since \(try path(.provinces)) has errors: fix them first"
                    : "the villages and facilities against the districts (their codes and where their points lie), since "
                        + "\(try path(.districts)) has errors: fix them first")
            return (nil, report)
        }

        let checks = try CrossLayerChecks(
            provinces: provinces, districts: districts, regions: regions,
            toleranceMeters: sources.nearestDistrictToleranceMeters, mappings: sources.mappings, careModel: sources.careModel)
        let (villages, villagePlacements) = try checks.resolve(villageDrafts, into: &report)
        let (facilities, facilityPlacements) = try checks.resolve(facilityDrafts, into: &report)
        // Only over a village layer without errors: the villages left out for theirs would
        // make every district's sum short.
        if let file = sources.paths[.villages], !report.hasErrors {
            PopulationTotals.check(
                villages, districts: districts, file: file, field: sources.mapping(for: .villages).field(.population), into: &report)
        }
        FacilityServiceCheck.assumedServices(facilities, model: sources.careModel, file: sources.paths[.facilities], into: &report)
        let set = LayerSet(
            provinces: provinces, districts: districts, villages: villages, facilities: facilities,
            regions: regions, inputs: inputs, villagePlacements: villagePlacements,
            facilityPlacements: facilityPlacements, report: report, careModel: sources.careModel)
        return (set, report)
    }
}
