internal import CGDAL

/// A raster's coordinate reference system, as GDAL describes it.
public struct RasterCRS: Sendable, Equatable {
    /// The CRS in WKT2 (2019), as GDAL exports it.
    public let wkt: String
    /// Longitude and latitude in degrees, not a projection.
    public let isGeographic: Bool
    /// The EPSG code, when the CRS carries one or GDAL recognises it as a well-known one (WGS 84,
    /// the UTM zones); nil otherwise.
    public let epsg: Int?
    /// For a projected CRS, the metres in one of its linear units (1 for metres); nil for a
    /// geographic one.
    public let linearUnitMeters: Double?

    /// The CRS as PROJ takes it (`proj_create`, GeometryKit's `CoordinateTransform`): "EPSG:code"
    /// when the code is known, else the WKT. The axis order is the authority's (latitude first
    /// for EPSG:4326); `CoordinateTransform` normalises it to x = easting/longitude.
    public var definition: String { epsg.map { "EPSG:\($0)" } ?? wkt }

    /// The CRS of an EPSG code, from GDAL's (PROJ's) database.
    ///
    /// - Throws: ``RasterError/badCRS(definition:message:)`` when the code is unknown.
    public init(epsg code: Int) throws(RasterError) {
        let reference = try SpatialReference(epsg: code)
        self = withExtendedLifetime(reference) { RasterCRS(reading: reference.handle) }
    }

    /// The CRS of a WKT text (WKT1 or WKT2); ``wkt`` holds GDAL's WKT2 of it, not the text given.
    ///
    /// - Throws: ``RasterError/badCRS(definition:message:)`` when GDAL cannot read it.
    public init(wkt text: String) throws(RasterError) {
        let reference = try SpatialReference(wkt: text)
        self = withExtendedLifetime(reference) { RasterCRS(reading: reference.handle) }
    }

    /// The description of a spatial reference GDAL holds (a dataset's, or one just made): its
    /// owner must outlive the call.
    init(reading handle: OGRSpatialReferenceH) {
        var text: UnsafeMutablePointer<CChar>?
        let status = withCStringList(["FORMAT=WKT2_2019", "MULTILINE=NO"]) { options in
            OSRExportToWktEx(handle, &text, options.const)
        }
        wkt = status == OGRERR_NONE ? text.map { String(cString: $0) } ?? "" : ""
        VSIFree(text)
        isGeographic = OSRIsGeographic(handle) != 0
        linearUnitMeters = OSRIsProjected(handle) != 0 ? OSRGetLinearUnits(handle, nil) : nil
        epsg = Self.epsgCode(handle)
    }

    /// The root's EPSG code, or the one GDAL identifies on a copy (it recognises WGS 84 and the
    /// UTM zones whatever their WKT spelling).
    private static func epsgCode(_ handle: OGRSpatialReferenceH) -> Int? {
        if let code = authorityCode(handle) { return code }
        guard let copy = OSRClone(handle) else { return nil }
        defer { OSRRelease(copy) }
        guard OSRAutoIdentifyEPSG(copy) == OGRERR_NONE else { return nil }
        return authorityCode(copy)
    }

    private static func authorityCode(_ handle: OGRSpatialReferenceH) -> Int? {
        guard let name = OSRGetAuthorityName(handle, nil), String(cString: name).uppercased() == "EPSG",
            let code = OSRGetAuthorityCode(handle, nil)
        else { return nil }
        return Int(String(cString: code))
    }

    /// A new GDAL spatial reference of this CRS, for a dataset being written: from the EPSG
    /// code when there is one (GeoTIFF then stores the code itself), else from the WKT.
    func spatialReference() throws(RasterError) -> SpatialReference {
        if let epsg { try SpatialReference(epsg: epsg) } else { try SpatialReference(wkt: wkt) }
    }
}
