import Foundation
import GeoIO

/// Reads a field-mapping file: YAML (or JSON, which is YAML too) with one section per layer kind,
/// each mapping roles to the layer's field names, and for facilities the tier vocabulary:
///
/// ```yaml
/// villages:
///   id: vcode
///   population: pop_2023
/// facilities:
///   id: fid
///   tier: type
///   tier_values:
///     HC: health_centre
///     DH-A: district_hospital
/// ```
public enum MappingFile {
    /// The mappings the file sets, by layer kind (kinds it does not mention are absent).
    /// Throws an ``InputError`` naming the line and the key for anything it does not understand.
    public static func read(path: String) throws -> [LayerKind: FieldMapping] {
        try read(InputFile.read(path: path))
    }

    /// The mappings of a file already read.
    public static func read(_ file: InputFile) throws -> [LayerKind: FieldMapping] {
        let path = file.path
        let node = try YAMLDocument.read(file)
        guard let root = node?.mapping else {
            throw InputError(file: path, reason: "expected a mapping of layer names (villages, facilities, districts, provinces) to field mappings")
        }
        var result: [LayerKind: FieldMapping] = [:]
        for (keyNode, section) in root {
            let key = keyNode.string ?? ""
            guard let kind = LayerKind(rawValue: key) else {
                throw located(
                    keyNode, path, "unknown layer \"\(key)\" (expected \(LayerKind.allCases.map(\.rawValue).joined(separator: ", ")))",
                    suggestion: ClosestName.suggestion(for: key, among: LayerKind.allCases.map(\.rawValue)).map { "did you mean \($0)?" })
            }
            result[kind] = try mapping(kind, section, path)
        }
        return result
    }

    private static func mapping(_ kind: LayerKind, _ section: YAMLNode, _ path: String) throws -> FieldMapping {
        guard let members = section.mapping else {
            throw located(section, path, "the \(kind.rawValue) section must map field roles to field names")
        }
        var mapping = FieldMapping(defaultsFor: kind)
        let roles = FieldRole.roles(for: kind).map(\.rawValue)
        for (keyNode, value) in members {
            let key = keyNode.string ?? ""
            if key == "tier_values" && kind == .facilities {
                guard let values = value.mapping else { throw located(value, path, "tier_values must map source values to tiers") }
                for (sourceValue, tierNode) in values {
                    let tierName = tierNode.string ?? ""
                    guard let tier = FacilityTier(rawValue: tierName) else {
                        throw located(
                            tierNode, path, "unknown tier \"\(tierName)\" (expected \(FacilityTier.allCases.map(\.rawValue).joined(separator: ", ")))",
                            suggestion: ClosestName.suggestion(for: tierName, among: FacilityTier.allCases.map(\.rawValue)).map { "did you mean \($0)?" })
                    }
                    mapping.mapTierValue(sourceValue.string ?? "", to: tier)
                }
                continue
            }
            guard let role = FieldRole(rawValue: key), roles.contains(key) else {
                let known = roles + (kind == .facilities ? ["tier_values"] : [])
                throw located(
                    keyNode, path, "unknown field role \"\(key)\" for \(kind.rawValue) (expected one of \(known.joined(separator: ", ")))",
                    suggestion: ClosestName.suggestion(for: key, among: known).map { "did you mean \($0)?" })
            }
            guard let field = value.string, !field.isEmpty else {
                throw located(value, path, "the field name for \(key) must be a non-empty string")
            }
            try mapping.set(role, to: field)
        }
        return mapping
    }

    private static func located(_ node: YAMLNode, _ path: String, _ reason: String, suggestion: String? = nil) -> InputError {
        let location: InputError.Location = node.line.map { .position(line: $0, column: node.column ?? 0) } ?? .file
        return InputError(file: path, location: location, reason: reason, suggestion: suggestion)
    }
}
