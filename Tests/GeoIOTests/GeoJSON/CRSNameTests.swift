import TestSupport
import Testing

@testable import GeoIO

@Suite("CRSName")
struct CRSNameTests {
    @Test(arguments: [
        "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "OGC:CRS84", "CRS:84",
        "EPSG:4326", "epsg:4326", "urn:ogc:def:crs:EPSG::4326", " EPSG:4326 ", "urn:ogc:def:crs:EPSG:6.6:4326",
    ])
    func wgs84LonLatNeedsNoTransformation(name: String) {
        #expect(CRSName.normalized(name) == nil)
    }

    @Test(arguments: [
        ("urn:ogc:def:crs:EPSG::32648", "EPSG:32648"),
        ("urn:ogc:def:crs:EPSG:6.6:32648", "EPSG:32648"),  // versioned URN: the version is not part of the code
        ("EPSG:32647", "EPSG:32647"),
        ("epsg:32648", "EPSG:32648"),
        ("  EPSG:32648\t", "EPSG:32648"),
    ])
    func epsgSpellings(name: String, expected: String) {
        #expect(CRSName.normalized(name) == expected)
    }

    @Test(arguments: [
        "+proj=utm +zone=48 +datum=WGS84", "ESRI:102025", "EPSG:32648+5773", "EPSG:", "urn:ogc:def:crs:EPSG::",
    ])
    func otherNamesAreLeftToPROJ(name: String) {
        #expect(CRSName.normalized(name) == name)
    }
}
