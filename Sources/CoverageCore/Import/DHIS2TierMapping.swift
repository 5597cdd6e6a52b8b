import Foundation
import GeoIO
import GeometryKit

/// How DHIS2 organisation-unit groups map to facility tiers (and optionally to subtypes and
/// services). Group names match ignoring case and white space ("Health Center" = "health
/// center" = "HealthCenter"); a mapping may also name a group by its DHIS2 id.
public struct DHIS2TierMapping: Sendable, Equatable {
    /// What membership of one group says about a unit.
    public struct Entry: Sendable, Equatable {
        /// The tier the group stands for; nil for a group that only adds services.
        public let tier: FacilityTier?
        /// District hospital type A/B, when the group says.
        public let subtype: DistrictHospitalSubtype?
        /// Services every member of the group offers.
        public let services: [HealthService]

        /// An entry giving `tier` (nil for a group that only adds services), `subtype` and `services`.
        public init(tier: FacilityTier?, subtype: DistrictHospitalSubtype? = nil, services: [HealthService] = []) {
            self.tier = tier
            self.subtype = subtype
            self.services = services
        }
    }

    private struct Group: Sendable, Equatable {
        let name: String
        let entry: Entry
    }

    /// Normalised group name → the group as written and its entry.
    private var groupsByKey: [String: Group]

    /// A mapping from group names (as written) to entries.
    public init(groups: [String: Entry]) {
        groupsByKey = [:]
        for (name, entry) in groups { groupsByKey[Self.key(name)] = Group(name: name, entry: entry) }
    }

    /// The groups of the Lao DHIS2: "Health Center" → health centre, "District hospital type A"
    /// and "type B" → district hospital A and B, "Province Hospitals" → provincial hospital,
    /// "Central Hospital" → central hospital.
    public static let standard = DHIS2TierMapping(groups: [
        "Health Center": Entry(tier: .healthCentre),
        "District hospital type A": Entry(tier: .districtHospital, subtype: .a),
        "District hospital type B": Entry(tier: .districtHospital, subtype: .b),
        "Province Hospitals": Entry(tier: .provincialHospital),
        "Central Hospital": Entry(tier: .centralHospital),
    ])

    /// The groups, as written, with their entries, sorted by name.
    public var groups: [(name: String, entry: Entry)] {
        groupsByKey.values.sorted { $0.name < $1.name }.map { ($0.name, $0.entry) }
    }

    /// The entry of the group named `name` (ignoring case and white space), if it has one.
    public func entry(forGroup name: String) -> Entry? {
        groupsByKey[Self.key(name)]?.entry
    }

    /// This mapping with `name` mapped to `entry` (replacing a group of the same normalised
    /// name), or with the group removed when `entry` is nil.
    public func setting(_ name: String, to entry: Entry?) -> DHIS2TierMapping {
        var copy = self
        copy.groupsByKey[Self.key(name)] = entry.map { Group(name: name, entry: $0) }
        return copy
    }

    /// A group name normalised for matching: lower case, white space removed.
    static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) })
    }

    /// Reads a tier-mapping file: a JSON object from group name (or id) to a tier name, to an
    /// object `{"tier": …, "subtype": "A"|"B", "services": […]}`, or to null to drop a group:
    ///
    /// ```json
    /// {"Health Center": "health_centre",
    ///  "District hospital type A": {"tier": "district_hospital", "subtype": "A"},
    ///  "Rehabilitation": {"services": ["rehabilitation"]}}
    /// ```
    ///
    /// The file's groups are laid over `base` (the standard mapping by default): they add groups
    /// and replace those of the same name.
    /// - Throws: ``InputError`` naming the line of the group and, for an unknown tier, subtype
    ///   or service, the closest known name.
    public static func read(path: String, over base: DHIS2TierMapping = .standard) throws -> DHIS2TierMapping {
        let bytes = try InputFile.read(path: path).bytes
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw InputError(file: path, location: .position(line: error.line, column: error.column), reason: "not valid JSON: \(error.reason)")
        }
        guard let root = document.objectValue else {
            throw InputError(
                file: path,
                reason: "expected a JSON object from DHIS2 group names to tiers, e.g. {\"Health Center\": \"health_centre\"}, found \(document.typeName)")
        }
        var mapping = base
        for (name, value) in root.members {
            let location = keyPosition(name, in: bytes).map { InputError.Location.position(line: $0.line, column: $0.column) } ?? .file
            func problem(_ field: String, _ reason: String, suggestion: String? = nil) -> InputError {
                InputError(file: path, location: location, field: field, reason: reason, suggestion: suggestion)
            }
            let quoted = "\"\(name)\""
            guard !name.trimmingBlanks.isEmpty else { throw problem(quoted, "a group name cannot be empty") }
            switch value {
            case .null:
                mapping = mapping.setting(name, to: nil)
            case .string(let tierName):
                mapping = mapping.setting(name, to: Entry(tier: try tier(tierName, problem: { problem(quoted, $0, suggestion: $1) })))
            case .object(let object):
                for key in object.keys where !["tier", "subtype", "services"].contains(key) {
                    throw problem(
                        "\(quoted).\(key)", "unknown member \"\(key)\" (expected tier, subtype, services)",
                        suggestion: ClosestName.suggestion(for: key, among: ["tier", "subtype", "services"]).map { "did you mean \($0)?" })
                }
                var tierValue: FacilityTier?
                switch object["tier"] {
                case nil, .null?: tierValue = nil
                case .string(let text)?: tierValue = try tier(text, problem: { problem("\(quoted).tier", $0, suggestion: $1) })
                case let other?: throw problem("\(quoted).tier", "expected a tier name, found \(other.typeName)")
                }
                var subtype: DistrictHospitalSubtype?
                switch object["subtype"] {
                case nil, .null?: subtype = nil
                case .string(let text)?:
                    guard let value = DistrictHospitalSubtype(rawValue: text.uppercased()) else {
                        throw problem("\(quoted).subtype", "unknown district hospital subtype \"\(text)\" (expected A or B)")
                    }
                    guard tierValue == .districtHospital else {
                        throw problem("\(quoted).subtype", "a subtype (A/B) applies to district_hospital only")
                    }
                    subtype = value
                case let other?: throw problem("\(quoted).subtype", "expected \"A\" or \"B\", found \(other.typeName)")
                }
                var services: [HealthService] = []
                switch object["services"] {
                case nil, .null?: break
                case .array(let values)?:
                    for (index, value) in values.enumerated() {
                        guard let text = value.stringValue else {
                            throw problem("\(quoted).services[\(index)]", "expected a service name, found \(value.typeName)")
                        }
                        let service = HealthService(rawValue: text.lowercased().replacingOccurrences(of: " ", with: "_"))
                        guard HealthService.known.contains(service) else {
                            let known = HealthService.known.map(\.rawValue)
                            throw problem(
                                "\(quoted).services[\(index)]", "unknown service \"\(text)\" (expected \(known.joined(separator: ", ")))",
                                suggestion: ClosestName.suggestion(for: service.rawValue, among: known).map { "did you mean \($0)?" })
                        }
                        if !services.contains(service) { services.append(service) }
                    }
                case let other?: throw problem("\(quoted).services", "expected an array of service names, found \(other.typeName)")
                }
                guard tierValue != nil || !services.isEmpty else {
                    throw problem(quoted, "a group needs a tier or services (or null to drop it)")
                }
                mapping = mapping.setting(name, to: Entry(tier: tierValue, subtype: subtype, services: services.sorted()))
            default:
                throw problem(quoted, "expected a tier name, an object {\"tier\", \"subtype\", \"services\"} or null, found \(value.typeName)")
            }
        }
        return mapping
    }

    /// A tier from its name, written exactly or loosely ("District hospital" for district_hospital).
    private static func tier(_ text: String, problem: (String, String?) -> InputError) throws -> FacilityTier {
        let normalized = text.lowercased().trimmingBlanks
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if let tier = FacilityTier(rawValue: normalized) { return tier }
        let known = FacilityTier.allCases.map(\.rawValue)
        throw problem(
            "unknown tier \"\(text)\" (expected \(known.joined(separator: ", ")))",
            ClosestName.nearest(to: normalized, among: known, limit: 1).first.map { "did you mean \($0)?" })
    }

    /// The line and column of member name `key` in a JSON text (the first `"key"` followed by a colon).
    private static func keyPosition(_ key: String, in bytes: [UInt8]) -> (line: Int, column: Int)? {
        var encoded: [UInt8] = []
        JSONValue.appendString(key, to: &encoded)
        guard bytes.count >= encoded.count else { return nil }
        var index = 0
        while index + encoded.count <= bytes.count {
            if bytes[index] == encoded[0], Array(bytes[index..<index + encoded.count]) == encoded {
                var after = index + encoded.count
                while after < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[after]) { after += 1 }
                if after < bytes.count, bytes[after] == UInt8(ascii: ":") {
                    var line = 1, lineStart = 0
                    for offset in 0..<index where bytes[offset] == 0x0A {
                        line += 1
                        lineStart = offset + 1
                    }
                    return (line, index - lineStart + 1)
                }
            }
            index += 1
        }
        return nil
    }
}
