// PLACEHOLDER — helper replaces this file with the real DHIS2 reader.
struct DHIS2TierMapping: Sendable {
    static let standard = DHIS2TierMapping()
}

struct DHIS2Import: Sendable {
    let records: [LayerRecord]
}

enum DHIS2LayerReader {
    static func isOrganisationUnitExport(path: String) throws -> Bool { false }

    static func records(path: String, tierMapping: DHIS2TierMapping) throws -> DHIS2Import {
        throw InputError(file: path, reason: "DHIS2 exports are not supported yet")
    }
}
