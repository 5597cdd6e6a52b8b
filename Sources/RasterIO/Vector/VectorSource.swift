/// A vector layer as a command line names it: a file that GDAL's vector drivers read (Shapefile,
/// a `.zip` holding one, GeoPackage, FlatGeobuf, KML, newline-delimited GeoJSON) and, for a file
/// of several layers, the layer: `facilities.gpkg:health_posts`.
public struct VectorSource: Sendable, Equatable {
    /// The file.
    public let path: String
    /// The layer chosen after the last `:`, nil for the file's only layer.
    public let layer: String?

    /// The file extensions read through GDAL, lower case: Shapefile, a zip of one, GeoPackage,
    /// FlatGeobuf, KML and the GeoJSON sequence extensions GDAL knows.
    public static let extensions: Set<String> = ["shp", "zip", "gpkg", "fgb", "kml", "geojsonl", "geojsons", "geojsonseq"]

    /// GDAL's short names of the drivers that may open them, and no others.
    static let drivers = ["ESRI Shapefile", "GPKG", "FlatGeobuf", "KML", "LIBKML", "GeoJSONSeq"]

    /// The source `argument` names, or nil when its extension is not one of ``extensions`` (a
    /// GeoJSON or CSV file, read by GeoIO's own readers).
    public init?(argument: String) {
        if Self.extensions.contains(Self.fileExtension(argument)) {
            (path, layer) = (argument, nil)
            return
        }
        guard let colon = argument.lastIndex(of: ":") else { return nil }
        let file = String(argument[..<colon]), name = String(argument[argument.index(after: colon)...])
        guard Self.extensions.contains(Self.fileExtension(file)), !name.isEmpty else { return nil }
        (path, layer) = (file, name)
    }

    /// The extension of the last path component, lower case ("" for none).
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
