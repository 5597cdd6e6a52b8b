internal import CGDAL

/// A band's data type and nodata value as the file holds them.
struct BandFacts {
    let dataType: GDALDataType
    /// GDAL's name of the type ("Byte", "Float32", …).
    let dataTypeName: String
    /// The nodata value, converted to `Double` (exact but for 64-bit integers beyond 2⁵³).
    let nodata: Double?

    init(_ band: GDALRasterBandH) {
        dataType = GDALGetRasterDataType(band)
        dataTypeName = GDALGetDataTypeName(dataType).map { String(cString: $0) } ?? "Unknown"
        var has: Int32 = 0
        // GDAL keeps 64-bit integer nodata apart: the double accessor refuses those bands.
        let value: Double =
            switch dataType {
            case GDT_Int64: Double(GDALGetRasterNoDataValueAsInt64(band, &has))
            case GDT_UInt64: Double(GDALGetRasterNoDataValueAsUInt64(band, &has))
            default: GDALGetRasterNoDataValue(band, &has)
            }
        nodata = has != 0 ? value : nil
    }

    /// One real value a cell (not complex, not unknown).
    var isReal: Bool { dataType != GDT_Unknown && GDALDataTypeIsComplex(dataType) == 0 }

    /// The `Double` a nodata cell reads as (cells are read as `Double`, which holds every value of
    /// the 8- to 32-bit types and of Float32 exactly): the nodata value cast to the band's type,
    /// as GDAL compares it. Nil when no cell can hold it (a fraction or an out-of-range value
    /// for an integer band, or no nodata); NaN nodata matches NaN cells.
    var nodataCell: Double? {
        guard let nodata else { return nil }
        if nodata.isNaN { return .nan }
        let range: ClosedRange<Double>? =
            switch dataType {
            case GDT_Byte: 0...255
            case GDT_UInt16: 0...65_535
            case GDT_Int16: -32_768...32_767
            case GDT_UInt32: 0...4_294_967_295
            case GDT_Int32: -2_147_483_648...2_147_483_647
            case GDT_Int64: -0x1p63...0x1p63
            case GDT_UInt64: 0...0x1p64
            default: nil
            }
        if let range { return range.contains(nodata) && nodata.rounded() == nodata ? nodata : nil }
        return dataType == GDT_Float32 ? Double(Float(nodata)) : nodata
    }
}
