import Foundation
import GeoIO
import GeometryKit

/// Reads the JSON that DHIS2's
/// `api/organisationUnits?fields=id,name,code,level,parent[id,name],geometry,organisationUnitGroups[id,name]&paging=false`
/// returns (`{"organisationUnits": [...]}`), a bare array of such units, metadata exports
/// whose `organisationUnitGroups` list their member units, and exports from DHIS2 before 2.32
/// whose units carry `featureType` and their `coordinates` as a string.
///
/// Groups map to tiers through a ``DHIS2TierMapping``; a unit in groups of several tiers takes
/// the highest. A polygon geometry becomes its point on surface. Fields of the wrong type and
/// malformed geometries are reported as ``DHIS2Import/problems``; units that are not facilities
/// or have no coordinates are listed. Thread-safe (no shared state).
public enum DHIS2LayerReader {
    /// The bytes read from the start of a file to tell a DHIS2 export from a GeoJSON layer.
    static let sniffLength = 65_536

    /// True when the file looks like a DHIS2 organisation-unit export: from its first 64 KiB, a
    /// JSON object with an `organisationUnits` member, or an array of objects with DHIS2 unit
    /// members (`organisationUnitGroups`, `level`, `parent`, `featureType`). Cheap: reads no more.
    /// False for a file that cannot be read (the layer reader then says why).
    public static func isOrganisationUnitExport(path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: sniffLength) else { return false }
        return isOrganisationUnitExport(prefix: Array(data))
    }

    /// The sniffing rule of ``isOrganisationUnitExport(path:)`` applied to a file's first bytes.
    static func isOrganisationUnitExport(prefix bytes: [UInt8]) -> Bool {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return false }
        func contains(_ text: String) -> Bool {
            let needle = Array(text.utf8)
            guard bytes.count >= needle.count else { return false }
            return (index...(bytes.count - needle.count)).contains { bytes[$0] == needle[0] && Array(bytes[$0..<$0 + needle.count]) == needle }
        }
        if contains("\"FeatureCollection\"") { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"): return contains("\"organisationUnits\"")
        case UInt8(ascii: "["): return ["\"organisationUnitGroups\"", "\"level\"", "\"parent\"", "\"featureType\""].contains(where: contains)
        default: return false
        }
    }

    /// Reads the DHIS2 export at `path`.
    /// - Parameters:
    ///   - tierMapping: how groups map to tiers (``DHIS2TierMapping/standard`` unless a file says otherwise).
    /// - Throws: ``InputError`` when the file cannot be read, is not JSON, or is not an
    ///   organisation-unit export (located by line and column, or by unit index).
    public static func records(path: String, tierMapping: DHIS2TierMapping) throws -> DHIS2Import {
        try parse(InputFile.read(path: path), tierMapping: tierMapping)
    }

    /// Reads the export at `path` for `coverage import dhis2`: as ``records(path:tierMapping:)``,
    /// but with every problem an error and at least one facility with coordinates required.
    /// - Throws: ``InputError`` as ``records(path:tierMapping:)``, and when no unit is a facility
    ///   with coordinates; ``ValidationFailure`` listing every problem of every unit.
    public static func importFacilities(path: String, tierMapping: DHIS2TierMapping = .standard) throws -> DHIS2Import {
        let imported = try records(path: path, tierMapping: tierMapping)
        if !imported.problems.isEmpty {
            throw ValidationFailure(report: ValidationReport(findings: imported.problems))
        }
        if imported.records.isEmpty {
            var groups: [String] = []
            for unit in imported.notFacilities { for group in unit.groups where !groups.contains(group) { groups.append(group) } }
            throw InputError(
                file: path,
                reason: "none of the \(imported.unitCount) organisation units is in a group that maps to a facility tier (groups in the export: "
                    + (groups.isEmpty ? "none" : groups.prefix(20).joined(separator: ", ") + (groups.count > 20 ? ", …" : "")) + ")",
                suggestion: "map the export's facility groups to tiers with a tier-mapping file")
        }
        guard imported.records.contains(where: { $0.geometry != nil }) else {
            throw InputError(file: path, reason: "none of the \(imported.records.count) facility units has coordinates")
        }
        return imported
    }

    /// Reads a DHIS2 export held in memory; `file` names it in messages.
    public static func parse(_ bytes: [UInt8], file: String, tierMapping: DHIS2TierMapping = .standard) throws -> DHIS2Import {
        try parse(InputFile(path: file, bytes: bytes), tierMapping: tierMapping)
    }

    /// Reads the DHIS2 export of `input`.
    public static func parse(_ input: InputFile, tierMapping: DHIS2TierMapping = .standard) throws -> DHIS2Import {
        let file = input.path, bytes = input.bytes
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw InputError(file: file, location: .position(line: error.line, column: error.column), reason: "not valid JSON: \(error.reason)")
        }
        let units: [JSONValue]
        var membership: [String: [String]] = [:]
        var groupNames: [String: String] = [:]
        switch document {
        case .array(let list):
            units = list
        case .object(let root):
            guard let list = root["organisationUnits"] else {
                let isGeoJSON = ["FeatureCollection", "Feature"].contains(root["type"]?.stringValue ?? "")
                throw InputError(
                    file: file,
                    reason: isGeoJSON
                        ? "this is a GeoJSON layer, not a DHIS2 organisation-unit export"
                        : "expected a DHIS2 organisation-unit export, an object with an \"organisationUnits\" array, found an object with "
                            + (root.keys.isEmpty ? "no members" : "members " + root.keys.prefix(8).joined(separator: ", ")),
                    suggestion: isGeoJSON ? "a GeoJSON layer needs no import; check it with coverage inspect" : nil)
            }
            guard let array = list.arrayValue else {
                throw InputError(file: file, field: "organisationUnits", reason: "expected an array of organisation units, found \(list.typeName)")
            }
            units = array
            (membership, groupNames) = try groupMembership(root["organisationUnitGroups"], file: file)
        default:
            throw InputError(
                file: file,
                reason: "expected a DHIS2 organisation-unit export (an object with \"organisationUnits\", or an array of units), found \(document.typeName)")
        }
        guard !units.isEmpty else {
            throw InputError(file: file, field: "organisationUnits", reason: "the export has no organisation units")
        }

        var reader = UnitReader(file: file, tierMapping: tierMapping, membership: membership, groupNames: groupNames)
        for (index, value) in units.enumerated() {
            guard let unit = value.objectValue else {
                throw InputError(file: file, location: .feature(index), reason: "expected an organisation unit object, found \(value.typeName)")
            }
            reader.read(unit, index: index)
        }
        return DHIS2Import(
            file: file, checksum: input.checksum, unitCount: units.count, records: reader.records, withoutCoordinates: reader.withoutCoordinates,
            notFacilities: reader.notFacilities, severalTiers: reader.severalTiers,
            surfacePoints: reader.surfacePoints, problems: reader.problems)
    }

    /// From a metadata export's `organisationUnitGroups`: unit id → names of the groups that
    /// list it, and group id → group name (for units that name their groups by id only).
    private static func groupMembership(_ value: JSONValue?, file: String) throws -> (membership: [String: [String]], names: [String: String]) {
        guard let groups = value?.arrayValue else { return ([:], [:]) }
        var membership: [String: [String]] = [:]
        var names: [String: String] = [:]
        for (index, group) in groups.enumerated() {
            guard let object = group.objectValue, let label = object["name"]?.stringValue ?? object["id"]?.stringValue else {
                throw InputError(file: file, field: "organisationUnitGroups[\(index)]", reason: "expected a group object with a name or id")
            }
            if let id = object["id"]?.stringValue, let name = object["name"]?.stringValue { names[id] = name }
            for member in object["organisationUnits"]?.arrayValue ?? [] {
                if let id = member.objectValue?["id"]?.stringValue { membership[id, default: []].append(label) }
            }
        }
        return (membership, names)
    }
}

/// Reads the organisation units one by one, collecting records, lists and problems.
private struct UnitReader {
    let file: String
    let tierMapping: DHIS2TierMapping
    let membership: [String: [String]]
    let groupNames: [String: String]

    var records: [LayerRecord] = []
    var withoutCoordinates: [DHIS2Unit] = []
    var notFacilities: [DHIS2Unit] = []
    var severalTiers: [DHIS2Import.TierChoice] = []
    var surfacePoints: [DHIS2Import.SurfacePoint] = []
    var problems: [Finding] = []
    /// Unit id → index of the first unit with it.
    var firstIndexOf: [String: Int] = [:]

    init(file: String, tierMapping: DHIS2TierMapping, membership: [String: [String]], groupNames: [String: String]) {
        self.file = file
        self.tierMapping = tierMapping
        self.membership = membership
        self.groupNames = groupNames
    }

    mutating func read(_ unit: JSONObject, index: Int) {
        func problem(_ code: String, _ field: String?, _ reason: String, id: String? = nil, suggestion: String? = nil) {
            problems.append(
                Finding(
                    .error, code, recordId: id,
                    InputError(file: file, location: .feature(index), field: field, reason: reason, suggestion: suggestion)))
        }
        func text(_ value: JSONValue?, _ field: String) -> String? {
            switch value {
            case nil, .null?: return nil
            case .string(let text)?:
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            case let other?:
                problem("invalid_field", field, "expected text, found \(other.typeName) \(other.brief)")
                return nil
            }
        }

        /// True when the member is absent, null or blank text (not when it has the wrong type).
        func isBlank(_ key: String) -> Bool {
            switch unit[key] {
            case nil, .null?, .string?: true
            default: false
            }
        }
        let id = text(unit["id"], "id")
        if id == nil && isBlank("id") {
            problem("missing_id", "id", "every organisation unit needs an id")
        }
        if let id {
            if let first = firstIndexOf[id] {
                problem("duplicate_id", "id", "duplicate id \"\(id)\" (also organisation unit \(first))", id: id)
            } else {
                firstIndexOf[id] = index
            }
        }
        let name = text(unit["name"], "name")
        if name == nil && isBlank("name") { problem("missing_name", "name", "the unit has no name", id: id) }
        let code = text(unit["code"], "code")
        var level: Int?
        switch unit["level"] {
        case nil, .null?: level = nil
        case .number(let value)? where value == value.rounded() && value >= 0 && value < 100: level = Int(value)
        case let other?: problem("invalid_field", "level", "expected a whole number, found \(other.typeName) \(other.brief)", id: id)
        }
        var parentId: String?, parentName: String?
        switch unit["parent"] {
        case nil, .null?: break
        case .object(let parent)?:
            parentId = text(parent["id"], "parent.id")
            parentName = text(parent["name"], "parent.name")
        case let other?: problem("invalid_field", "parent", "expected an object {id, name}, found \(other.typeName)", id: id)
        }

        // Groups: the unit's own list, else the membership a metadata export gives.
        var groups: [(id: String?, name: String?)] = []
        switch unit["organisationUnitGroups"] {
        case nil, .null?:
            groups = (id.flatMap { membership[$0] } ?? []).map { (nil, $0) }
        case .array(let values)?:
            for (position, value) in values.enumerated() {
                guard let group = value.objectValue else {
                    problem("invalid_field", "organisationUnitGroups[\(position)]", "expected a group object {id, name}, found \(value.typeName)", id: id)
                    continue
                }
                let groupId = text(group["id"], "organisationUnitGroups[\(position)].id")
                let groupName = text(group["name"], "organisationUnitGroups[\(position)].name") ?? groupId.flatMap { groupNames[$0] }
                if groupId != nil || groupName != nil { groups.append((groupId, groupName)) }
            }
        case let other?:
            problem("invalid_field", "organisationUnitGroups", "expected an array of groups, found \(other.typeName)", id: id)
        }
        let groupLabels = groups.map { $0.name ?? $0.id ?? "" }
        let reference = DHIS2Unit(index: index, id: id, name: name, level: level, groups: groupLabels)

        // Tier: the highest of the groups that map to one.
        let entries: [(label: String, entry: DHIS2TierMapping.Entry)] = groups.compactMap { group in
            let entry = group.name.flatMap { tierMapping.entry(forGroup: $0) } ?? group.id.flatMap { tierMapping.entry(forGroup: $0) }
            return entry.map { (group.name ?? group.id ?? "", $0) }
        }
        // Highest tier first; for one tier, subtype A before B before none.
        let tierEntries = entries.filter { $0.entry.tier != nil }.sorted { a, b in
            let levelA = a.entry.tier?.level ?? 0, levelB = b.entry.tier?.level ?? 0
            if levelA != levelB { return levelA > levelB }
            return (a.entry.subtype?.rawValue ?? "Z") < (b.entry.subtype?.rawValue ?? "Z")
        }
        guard let chosen = tierEntries.first?.entry, let tier = chosen.tier else {
            notFacilities.append(reference)
            return
        }
        let distinct = Set(tierEntries.map { "\($0.entry.tier?.rawValue ?? "")/\($0.entry.subtype?.rawValue ?? "")" })
        if distinct.count > 1 {
            severalTiers.append(DHIS2Import.TierChoice(unit: reference, tier: tier, subtype: chosen.subtype, tierGroups: tierEntries.map(\.label)))
        }
        // No service group: the export says nothing of services (the tier's defaults apply when read).
        let listed = Set(entries.flatMap(\.entry.services)).sorted()
        let services = listed.isEmpty ? nil : listed

        // Geometry: a point, or a polygon's point on surface.
        var geometry: Shape?
        var geometryProblem: InputError?
        do {
            if let built = try unitGeometry(unit), !built.geometry.isEmpty {
                geometry = try point(of: built.geometry, path: built.path, unit: reference)
            } else {
                withoutCoordinates.append(reference)
                // No field: an absence, which the loaders report as missing_geometry (not malformed).
                geometryProblem = InputError(
                    file: file, location: .feature(index), reason: "no coordinates in the DHIS2 export",
                    suggestion: "a facility without a location cannot be counted; coverage import dhis2 writes the units that have "
                        + "coordinates and lists the others")
            }
        } catch let failure as UnitGeometryProblem {
            geometryProblem = InputError(file: file, location: .feature(index), field: failure.path, reason: failure.reason, suggestion: failure.suggestion)
            problem(failure.code, failure.path, failure.reason, id: id, suggestion: failure.suggestion)
        } catch {
            geometryProblem = InputError(file: file, location: .feature(index), field: "geometry", reason: "\(error)")
            problem("malformed_geometry", "geometry", "\(error)", id: id)
        }

        let record = LayerSchema.FacilityRecord(
            id: id, name: name, tier: tier, subtype: tier == .districtHospital ? chosen.subtype : nil, services: services, source: "dhis2")
        let fields =
            LayerSchema.properties(record) + [
                ("dhis2_level", level.map { .number(Double($0)) } ?? .null),
                ("dhis2_parent_id", parentId.map(JSONValue.string) ?? .null),
                ("dhis2_parent_name", parentName.map(JSONValue.string) ?? .null),
                ("dhis2_code", code.map(JSONValue.string) ?? .null),
            ]
        records.append(
            LayerRecord(
                file: file, location: .feature(index), fields: JSONObject(fields),
                geometry: geometry, geometryProblem: geometryProblem))
    }

    /// The unit's geometry as built from `geometry` (DHIS2 2.32 and later) or from
    /// `featureType` and a `coordinates` string (earlier versions); nil when it has none.
    private func unitGeometry(_ unit: JSONObject) throws -> (geometry: Shape, path: String)? {
        if let value = unit["geometry"], value != .null {
            do {
                return (try GeoJSONShapeBuilder.build(value, path: "geometry"), "geometry")
            } catch let problem as GeoJSONGeometryProblem {
                throw UnitGeometryProblem(code: "malformed_geometry", path: problem.path, reason: problem.reason)
            }
        }
        guard let raw = unit["coordinates"], raw != .null else { return nil }
        if unit["featureType"]?.stringValue?.uppercased() == "NONE" { return nil }
        let coordinates: JSONValue
        switch raw {
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed == "[]" { return nil }
            do {
                coordinates = try JSONParser.parse(trimmed)
            } catch {
                throw UnitGeometryProblem(
                    code: "malformed_geometry", path: "coordinates",
                    reason: "the coordinates string is not valid JSON: \(error.reason) at character \(error.column)")
            }
        case .array:
            coordinates = raw
        default:
            throw UnitGeometryProblem(
                code: "malformed_geometry", path: "coordinates", reason: "expected coordinates as a string or an array, found \(raw.typeName)")
        }
        if coordinates.arrayValue?.isEmpty == true { return nil }
        // DHIS2 before 2.32 wrote polygons as multipolygons whatever the featureType said: go by the nesting.
        let type: String
        switch Self.depth(coordinates) {
        case 1: type = "Point"
        case 3: type = "Polygon"
        case 4: type = "MultiPolygon"
        default:
            throw UnitGeometryProblem(
                code: "malformed_geometry", path: "coordinates",
                reason: "expected a position [longitude, latitude] or polygon rings, found arrays nested \(Self.depth(coordinates)) deep")
        }
        do {
            return (
                try GeoJSONShapeBuilder.build(.object(JSONObject([("type", .string(type)), ("coordinates", coordinates)])), path: "geometry"), "coordinates"
            )
        } catch let problem as GeoJSONGeometryProblem {
            throw UnitGeometryProblem(
                code: "malformed_geometry", path: "coordinates" + problem.path.dropFirst("geometry.coordinates".count), reason: problem.reason)
        }
    }

    /// How deeply arrays nest down the first elements: 1 for `[x, y]`, 3 for polygon rings.
    private static func depth(_ value: JSONValue) -> Int {
        var depth = 0
        var current = value
        while case .array(let values) = current {
            depth += 1
            guard let first = values.first else { break }
            current = first
        }
        return depth
    }

    /// The point that stands for the unit: the point itself, or a polygon's point on surface.
    private mutating func point(of geometry: Shape, path: String, unit: DHIS2Unit) throws -> Shape {
        if let bad = geometry.allCoordinates.first(where: { !$0.isValidLonLat }) {
            var suggestion: String?
            if abs(bad.y) > 90 && abs(bad.x) <= 90 {
                suggestion = "longitude and latitude look swapped: DHIS2 and GeoJSON positions are [longitude, latitude]"
            }
            throw UnitGeometryProblem(
                code: "coordinate_out_of_range", path: path,
                reason:
                    "(\(JSONValue.number(bad.x).brief), \(JSONValue.number(bad.y).brief)) is not a longitude/latitude (longitude within ±180°, latitude within ±90°)",
                suggestion: suggestion)
        }
        switch geometry {
        case .point:
            return geometry
        case .multiPoint(let positions) where positions.count == 1:
            return .point(positions[0])
        case .polygon, .multiPolygon:
            var surface = try Geometry(geometry)
            var repaired = false
            if try !surface.isValid() {
                surface = try surface.makeValid()
                repaired = true
            }
            let point = try surface.pointOnSurface()
            guard let coordinate = point.coordinates.first else {
                throw UnitGeometryProblem(code: "malformed_geometry", path: path, reason: "the \(geometry.kind.rawValue) has no area to place a point in")
            }
            surfacePoints.append(DHIS2Import.SurfacePoint(unit: unit, geometryType: geometry.kind.rawValue, point: coordinate, repaired: repaired))
            return .point(coordinate)
        default:
            throw UnitGeometryProblem(
                code: "unsupported_geometry", path: path,
                reason: "expected a Point, Polygon or MultiPolygon for a facility, found a \(geometry.kind.rawValue)")
        }
    }
}

/// Why a unit's geometry cannot give a point.
private struct UnitGeometryProblem: Error {
    let code: String
    let path: String
    let reason: String
    var suggestion: String?
}
