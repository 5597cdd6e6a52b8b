import Foundation
import GeoIO
import GeometryKit
import RasterIO

/// The difference between two runs (`coverage run` or `coverage gaps` output folders, A the base
/// and B the alternative) of the same villages and region: per zone, target and threshold, the
/// people newly covered in B, the people B loses, and the net change; and the villages that
/// changed.
///
/// Read from each folder's `gaps.csv` (the zone figures), `uncovered_villages.geojson` (which
/// village is uncovered for which target and threshold; a village not listed is covered for all)
/// and `manifest.json` (the village layer's checksum and the region, which must agree), and B's
/// `zones_districts.geojson` for the district polygons. Every zone's change counted from the
/// villages must equal the change of its covered population in the two tables, or the folders
/// do not belong together and comparing them is refused.
public struct ScenarioComparison: Sendable {
    /// A target at a threshold, as the tables name them (`health_centre`, `5km`).
    public struct Analysis: Hashable, Sendable {
        public let target: String
        public let threshold: String
        /// `<target>_<threshold>` for wide column names.
        public var prefix: String { "\(target)_\(CoverageThreshold.columnName(label: threshold))" }
        /// `uncovered_<target>_<threshold>` in the uncovered-villages layer.
        var column: String { "uncovered_" + prefix }
    }

    public struct Row: Sendable {
        public let zoneLevel: String
        public let zoneCode: String
        public let zoneName: String
        public let analysis: Analysis
        public let population: Int
        public let coveredA: Int
        public let coveredB: Int
        public let newlyCovered: Int
        public let lost: Int
        public let villagesNewlyCovered: Int
        public let villagesLost: Int

        public var netChange: Int { coveredB - coveredA }
    }

    /// A village whose coverage differs between the runs.
    public struct ChangedVillage: Sendable {
        public let code: String
        public let name: String
        public let districtPcode: String
        public let provincePcode: String
        public let population: Int
        public let location: Coordinate
        /// Per analysis: true newly covered, false lost; absent when unchanged.
        public let changes: [Analysis: Bool]
    }

    public let labelA: String
    public let labelB: String
    public let region: String
    public let analyses: [Analysis]
    public let rows: [Row]
    public let changedVillages: [ChangedVillage]
    /// B's district polygons by P-code.
    public let districtGeometries: [String: Shape]
    /// B's province polygons and names (for the map's borders), when its folder has them.
    public let provinces: [(name: String, shape: Shape)]
    /// The facilities B adds, closes or changes the tier of against A, when both folders hold
    /// the facility layer of a scenario run.
    public let facilityChanges: [FacilityDifference]
    /// B's facilities in the compared region by source (`osm`, `proxy`, …), when its folder has them: for the map's caveat.
    public let facilitySources: [String: Int]

    /// A facility that differs between the runs.
    public struct FacilityDifference: Sendable, Equatable {
        /// What B does to it.
        public enum Kind: String, Sendable {
            case added, closed, retiered
        }
        public let kind: Kind
        public let id: String
        public let name: String
        /// Its tier in B (in A for a closed one).
        public let tier: FacilityTier
        public let location: Coordinate
    }
    /// The files read, with the checksums of the bytes parsed, for the manifest.
    public let inputs: [(role: String, checksum: FileChecksum)]

    public init(a folderA: URL, b folderB: URL) throws {
        let runA = try RunFolder(folderA), runB = try RunFolder(folderB)
        guard runA.villagesChecksum == runB.villagesChecksum else {
            throw InputError(
                file: runB.manifestPath, field: "inputs.villages",
                reason: "the runs read different village layers (\(runA.villagesPath) and \(runB.villagesPath)); "
                    + "a comparison needs the same villages")
        }
        guard runA.region == runB.region else {
            throw InputError(
                file: runB.manifestPath, field: "parameters.region",
                reason: "the runs report different regions (\(runA.region) and \(runB.region))")
        }
        guard runA.keys == runB.keys else {
            let missing = runA.keys.first { !runB.keys.contains($0) } ?? runB.keys.first { !runA.keys.contains($0) }
            throw InputError(
                file: runB.gapsPath,
                reason: "the runs evaluate different zones, targets or thresholds: "
                    + (missing.map { "\($0.joined(separator: " ")) is in one gaps.csv only" } ?? "the two gaps.csv list their rows in another order"))
        }
        labelA = runA.label
        labelB = runB.label
        region = runA.region
        analyses = runA.analyses

        // Village by village.
        let codes = Array(Set(runA.uncovered.keys).union(runB.uncovered.keys)).sorted()
        var changed: [ChangedVillage] = []
        for code in codes {
            let before = runA.uncovered[code], after = runB.uncovered[code]
            var changes: [Analysis: Bool] = [:]
            for analysis in analyses {
                let wasUncovered = before?.uncovered.contains(analysis) ?? false, isUncovered = after?.uncovered.contains(analysis) ?? false
                if wasUncovered != isUncovered { changes[analysis] = wasUncovered }
            }
            guard !changes.isEmpty, let village = after ?? before else { continue }
            changed.append(
                ChangedVillage(
                    code: code, name: village.name, districtPcode: village.districtPcode, provincePcode: village.provincePcode,
                    population: village.population, location: village.location, changes: changes))
        }
        changedVillages = changed

        // Zone by zone, checked against the tables.
        var rows: [Row] = []
        for (rowA, rowB) in zip(runA.rows, runB.rows) {  // the same keys in the same order, checked above
            let analysis = Analysis(target: rowA["target"]!, threshold: rowA["threshold"]!)
            let level = rowA["zone_level"]!, code = rowA["zone_pcode"]!
            let inZone = changed.filter {
                switch level {
                case "district": $0.districtPcode == code
                case "province": $0.provincePcode == code
                default: true
                }
            }
            let newly = inZone.filter { $0.changes[analysis] == true }, lost = inZone.filter { $0.changes[analysis] == false }
            let row = Row(
                zoneLevel: level, zoneCode: code, zoneName: rowA["zone_name"]!, analysis: analysis,
                population: try runA.count(rowA, "population_total"), coveredA: try runA.count(rowA, "population_covered"),
                coveredB: try runB.count(rowB, "population_covered"), newlyCovered: newly.reduce(0) { $0 + $1.population },
                lost: lost.reduce(0) { $0 + $1.population }, villagesNewlyCovered: newly.count, villagesLost: lost.count)
            guard row.newlyCovered - row.lost == row.netChange else {
                throw InputError(
                    file: runB.gapsPath, field: "population_covered",
                    reason: "\(level) \(code) \(analysis.target) \(analysis.threshold): the covered population changes by "
                        + "\(row.netChange) in the tables but by \(row.newlyCovered - row.lost) village by village; "
                        + "the two folders do not come from the same data")
            }
            rows.append(row)
        }
        self.rows = rows
        districtGeometries = runB.districtGeometries
        provinces = runB.provinces
        // The caveat counts the facilities in the compared region only, not the whole layer the scenario loaded.
        // The region's provinces and districts are its zones (a region of districts has no province zone).
        let regionProvinces = Set(runB.rows.filter { $0["zone_level"] == "province" }.compactMap { $0["zone_pcode"] })
        let regionDistricts = Set(runB.rows.filter { $0["zone_level"] == "district" }.compactMap { $0["zone_pcode"] })
        let regionFacilities = runB.facilities.values.filter { facility in
            guard !regionProvinces.isEmpty || !regionDistricts.isEmpty, facility.provincePcode != nil || facility.districtPcode != nil else { return true }
            return facility.provincePcode.map(regionProvinces.contains) == true || facility.districtPcode.map(regionDistricts.contains) == true
        }
        facilitySources = Dictionary(grouping: regionFacilities, by: \.source).mapValues(\.count)
        var differences: [FacilityDifference] = []
        if !runA.facilities.isEmpty && !runB.facilities.isEmpty {
            for (id, facility) in runB.facilities.sorted(by: { $0.key < $1.key }) {
                guard let before = runA.facilities[id] else {
                    differences.append(FacilityDifference(kind: .added, id: id, name: facility.name, tier: facility.tier, location: facility.location))
                    continue
                }
                if before.tier != facility.tier {
                    differences.append(FacilityDifference(kind: .retiered, id: id, name: facility.name, tier: facility.tier, location: facility.location))
                }
            }
            for (id, facility) in runA.facilities.sorted(by: { $0.key < $1.key }) where runB.facilities[id] == nil {
                differences.append(FacilityDifference(kind: .closed, id: id, name: facility.name, tier: facility.tier, location: facility.location))
            }
        }
        facilityChanges = differences
        inputs = runA.files.map { ("a_" + $0.role, $0.checksum) } + runB.files.map { ("b_" + $0.role, $0.checksum) }
    }
}

/// What a comparison reads from one run's output folder.
private struct RunFolder {
    struct Village {
        let name: String
        let districtPcode: String
        let provincePcode: String
        let population: Int
        let location: Coordinate
        let uncovered: Set<ScenarioComparison.Analysis>
    }

    let label: String
    let region: String
    let manifestPath: String
    let gapsPath: String
    let villagesPath: String
    let villagesChecksum: String
    /// gaps.csv, row by row, and each row's key (zone level, zone code, target, threshold).
    let rows: [[String: String]]
    let keys: [[String]]
    let analyses: [ScenarioComparison.Analysis]
    let uncovered: [String: Village]
    let districtGeometries: [String: Shape]
    /// The province zones' names and polygons, when the folder has them.
    let provinces: [(name: String, shape: Shape)]
    /// The facility layer of a scenario run, by id, when the folder has one.
    let facilities: [String: (name: String, tier: FacilityTier, location: Coordinate, source: String, districtPcode: String?, provincePcode: String?)]
    let files: [(role: String, checksum: FileChecksum)]

    init(_ folder: URL) throws {
        func path(_ name: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw InputError(
                    file: path,
                    reason: "missing: compare reads the gaps.csv, uncovered_villages.geojson, zones_districts.geojson "
                        + "and manifest.json of a `coverage run` (with the gaps output) or `coverage gaps` folder", category: .unreadable)
            }
            return path
        }
        // A layer of the folder: its GeoJSON file, else its table in coverage.gpkg (a run written
        // with --format gpkg); nil when the folder has neither.
        let geoPackage = folder.appendingPathComponent(GeoPackageOutput.fileName).path
        let tables = FileManager.default.fileExists(atPath: geoPackage) ? try VectorLayerReader.layerNames(path: geoPackage) : []
        func readLayer(_ file: String) throws -> (path: String, layer: GeoJSONLayer)? {
            let geoJSON = folder.appendingPathComponent(file).path
            if FileManager.default.fileExists(atPath: geoJSON) { return (geoJSON, try GeoJSONLayer.read(path: geoJSON)) }
            let table = GeoPackageOutput.tableName(file)
            guard tables.contains(table) else { return nil }
            let source = "\(geoPackage):\(table)"
            return (source, try LayerReader.features(path: source, sourceCRS: nil))
        }
        func requiredLayer(_ file: String) throws -> (path: String, layer: GeoJSONLayer) {
            if let found = try readLayer(file) { return found }
            _ = try path(file)  // the error that names it
            preconditionFailure("\(file) is both missing and there")
        }
        manifestPath = try path("manifest.json")
        let manifestFile = try InputFile.read(path: manifestPath)
        let manifest: JSONValue
        do {
            manifest = try JSONParser.parse(manifestFile.bytes)
        } catch {
            throw InputError(file: manifestPath, location: .position(line: error.line, column: error.column), reason: "not valid JSON: \(error.reason)")
        }
        let parameters = manifest.objectValue?["parameters"]?.objectValue
        guard let region = parameters?["region"]?.stringValue else {
            throw InputError(file: manifestPath, field: "parameters.region", reason: "expected the region the run reported")
        }
        let villageInput = manifest.objectValue?["inputs"]?.arrayValue?.first { $0.objectValue?["role"]?.stringValue == "villages" }?.objectValue
        guard let checksum = villageInput?["sha256"]?.stringValue, let villagesPath = villageInput?["path"]?.stringValue else {
            throw InputError(file: manifestPath, field: "inputs", reason: "expected the village layer among the inputs, with its sha256")
        }
        self.region = region
        villagesChecksum = checksum
        self.villagesPath = villagesPath
        label = parameters?["scenario"]?.stringValue ?? folder.lastPathComponent

        gapsPath = try path(CoverageGaps.tableFile)
        let table = try CSVTable.read(path: gapsPath)
        for column in ["zone_level", "zone_pcode", "zone_name", "target", "threshold", "population_total", "population_covered"]
        where !table.header.contains(column) {
            throw InputError(file: gapsPath, location: .line(1), field: column, reason: "expected a \(column) column (a gaps.csv of coverage)")
        }
        rows = table.rows.map { Dictionary(zip(table.header, $0.fields), uniquingKeysWith: { a, _ in a }) }
        keys = rows.map { [$0["zone_level"]!, $0["zone_pcode"]!, $0["target"]!, $0["threshold"]!] }
        var analyses: [ScenarioComparison.Analysis] = []
        for row in rows {
            let analysis = ScenarioComparison.Analysis(target: row["target"]!, threshold: row["threshold"]!)
            if !analyses.contains(analysis) { analyses.append(analysis) }
        }
        self.analyses = analyses

        let (uncoveredPath, layer) = try requiredLayer(CoverageGaps.uncoveredVillagesFile)
        if let problem = layer.problems.first { throw problem }
        var uncovered: [String: Village] = [:]
        for feature in layer.features {
            func text(_ key: String) throws -> String {
                guard let value = feature.properties[key]?.stringValue else {
                    throw InputError(file: uncoveredPath, location: .feature(feature.index), field: key, reason: "expected a text")
                }
                return value
            }
            guard let population = feature.properties["population"]?.numberValue, let location = feature.geometry?.pointCoordinate else {
                throw InputError(
                    file: uncoveredPath, location: .feature(feature.index), field: "population",
                    reason: "expected a village point with its population")
            }
            uncovered[try text("village_code")] = Village(
                name: try text("name"), districtPcode: try text("district_pcode"), provincePcode: try text("province_pcode"),
                population: Int(population), location: location,
                uncovered: Set(analyses.filter { feature.properties[$0.column]?.boolValue == true }))
        }
        self.uncovered = uncovered

        let zones = try requiredLayer(CoverageGaps.districtZonesFile).layer
        var geometries: [String: Shape] = [:]
        for feature in zones.features {
            if let code = feature.properties["pcode"]?.stringValue, let geometry = feature.geometry { geometries[code] = geometry }
        }
        districtGeometries = geometries
        var files: [(role: String, checksum: FileChecksum)] = [
            ("manifest", manifestFile.checksum), ("gaps", table.checksum), ("uncovered_villages", layer.checksum),
            ("zones_districts", zones.checksum),
        ]

        // What the map draws besides the districts, when the folder has it.
        if let read = try readLayer(CoverageGaps.provinceZonesFile)?.layer {
            provinces = read.features.compactMap { feature in
                feature.geometry.map { (feature.properties["name_en"]?.stringValue ?? "", $0) }
            }
            files.append(("zones_provinces", read.checksum))
        } else {
            provinces = []
        }
        var facilities: [String: (name: String, tier: FacilityTier, location: Coordinate, source: String, districtPcode: String?, provincePcode: String?)] = [:]
        if let (facilitiesPath, read) = try readLayer(ScenarioRun.facilitiesFile) {
            for feature in read.features {
                guard let id = feature.properties["facility_id"]?.stringValue, let location = feature.geometry?.pointCoordinate,
                    let tier = feature.properties["tier"]?.stringValue.flatMap(FacilityTier.init(rawValue:))
                else {
                    throw InputError(
                        file: facilitiesPath, location: .feature(feature.index), field: "facility_id",
                        reason: "expected a facility with an id, a tier and a point (a scenario run's facility layer)")
                }
                facilities[id] = (
                    feature.properties["name"]?.stringValue ?? id, tier, location, feature.properties["source"]?.stringValue ?? "unknown",
                    feature.properties["district_pcode"]?.stringValue, feature.properties["province_pcode"]?.stringValue
                )
            }
            files.append(("scenario_facilities", read.checksum))
        }
        self.facilities = facilities
        self.files = files
    }

    func count(_ row: [String: String], _ column: String) throws -> Int {
        guard let value = row[column].flatMap({ Int($0) }) else {
            throw InputError(file: gapsPath, field: column, reason: "expected a whole number, found \(row[column] ?? "nothing")")
        }
        return value
    }
}
