import Foundation

/// Reads the CRS names found in GeoJSON files and on command lines.
package enum CRSName {
    /// "EPSG:xxxx" for the usual spellings of an EPSG code (`urn:ogc:def:crs:EPSG::32648`,
    /// `urn:ogc:def:crs:EPSG:6.6:32648`, `EPSG:32648`, `epsg:32648`), nil for WGS 84 longitude/latitude (CRS84, EPSG:4326),
    /// and the name unchanged otherwise (PROJ will judge it).
    package static func normalized(_ name: String) -> String? {
        let trimmed = name.trimmingBlanks
        let upper = trimmed.uppercased()
        if upper.hasSuffix("CRS84") || upper.hasSuffix("CRS:84") { return nil }
        if upper.contains("EPSG:") {
            // The code is the last colon-separated part: `EPSG:32648`, `urn:ogc:def:crs:EPSG::32648`,
            // and the versioned `urn:ogc:def:crs:EPSG:6.6:32648` alike.
            let code = upper.split(separator: ":", omittingEmptySubsequences: false).last ?? ""
            guard !code.isEmpty, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return trimmed }
            return code == "4326" ? nil : "EPSG:\(code)"
        }
        return trimmed
    }
}
