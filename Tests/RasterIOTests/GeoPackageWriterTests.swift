import Foundation
import GeoIO
import GeometryKit
import RasterIO
import TestSupport
import Testing

/// GeoPackages written by GeoPackageWriter, read back by programs that are not RasterIO: SQLite
/// itself (Python's sqlite3: the tables, column types, values, the spatial index and the styles)
/// and `ogr2ogr` (the geometries, as GeoJSON).
@Suite("GeoPackageWriter")
struct GeoPackageWriterTests {
    static let layers = [
        GeoPackageWriter.Layer(
            name: "villages", geometry: .point,
            fields: [("code", .text), ("population", .integer), ("minutes", .real), ("estimated", .boolean), ("services", .json)],
            rows: [
                ([.string("0101"), .number(2700), .number(12.5), .bool(true), .array([.string("epi")])], .point(Coordinate(x: 102.6, y: 17.96))),
                ([.string("ບ້ານ"), .null, .null, .bool(false), .null], .point(Coordinate(x: 103, y: 18))),
            ],
            style: GeoPackageWriter.Style(name: "Test style", qml: "<qgis/>")),
        GeoPackageWriter.Layer(
            name: "areas", geometry: .multiPolygon, fields: [("name", .text)],
            rows: [
                (
                    [.string("square")],
                    .multiPolygon([
                        Shape.Polygon(rings: [[[102, 17], [103, 17], [103, 18], [102, 18], [102, 17]].map { Coordinate(x: $0[0], y: $0[1]) }])
                    ])
                )
            ]),
        GeoPackageWriter.Layer(name: "gaps", geometry: nil, fields: [("zone", .text), ("share", .real)], rows: [([.string("LA11"), .number(0.25)], nil)]),
    ]

    /// Runs a Python script on the GeoPackage with sqlite3; its stdout.
    private func sqlite(_ script: String, _ file: URL) throws -> String {
        let run = try CoverageProcess.run(
            ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n" + script, file.path], in: file.deletingLastPathComponent(),
            executable: URL(fileURLWithPath: "/usr/bin/python3"))
        try #require(run.status == 0, "\(run)")
        return run.stdout
    }

    @Test func tablesColumnTypesValuesIndexAndStylesAreWhatSQLiteReads() throws {
        let folder = try temporaryDirectory(prefix: "GeoPackageWriterTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("out.gpkg")
        let bytes = try GeoPackageWriter.bytes(layers: Self.layers, name: "out.gpkg")
        try Data(bytes).write(to: file)
        #expect(try GeoPackageWriter.bytes(layers: Self.layers, name: "out.gpkg") == bytes, "the same layers give the same bytes")

        let contents = try sqlite(
            "for r in c.execute('select table_name, data_type, srs_id, last_change from gpkg_contents order by table_name'): print(*r)", file)
        #expect(
            contents.split(separator: "\n") == [
                "areas features 4326 2000-01-01T00:00:00.000Z", "gaps attributes 0 2000-01-01T00:00:00.000Z",
                "layer_styles attributes 0 2000-01-01T00:00:00.000Z", "villages features 4326 2000-01-01T00:00:00.000Z",
            ], "\(contents)")
        let columns = try sqlite("for r in c.execute('pragma table_info(villages)'): print(r[1], r[2])", file)
        #expect(
            columns.split(separator: "\n") == [
                "fid INTEGER", "geom POINT", "code TEXT", "population INTEGER", "minutes REAL", "estimated BOOLEAN", "services TEXT",
            ])
        let rows = try sqlite("for r in c.execute('select code, population, minutes, estimated, services from villages order by fid'): print(repr(r))", file)
        #expect(rows.split(separator: "\n") == ["('0101', 2700, 12.5, 1, '[\"epi\"]')", "('ບ້ານ', None, None, 0, None)"], "\(rows)")
        let index = try sqlite(
            "for r in c.execute(\"select table_name, extension_name from gpkg_extensions where extension_name = 'gpkg_rtree_index' order by table_name\"): print(*r)",
            file)
        #expect(index.split(separator: "\n") == ["areas gpkg_rtree_index", "villages gpkg_rtree_index"])
        let styles = try sqlite(
            "for r in c.execute('select f_table_name, f_geometry_column, styleName, styleQML, useAsDefault from layer_styles'): print(*r)", file)
        #expect(styles == "villages geom Test style <qgis/> 1\n")
        let table = try sqlite("print(*c.execute('select zone, share from gaps').fetchone())", file)
        #expect(table == "LA11 0.25\n")
    }

    @Test func geometriesReadBackByOgr2ogrAreTheOnesWritten() throws {
        let folder = try temporaryDirectory(prefix: "GeoPackageWriterTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(try GeoPackageWriter.bytes(layers: Self.layers, name: "out.gpkg")).write(to: folder.appendingPathComponent("out.gpkg"))
        for (layer, expected) in [
            ("villages", [Self.layers[0].rows[0].geometry, Self.layers[0].rows[1].geometry]), ("areas", [Self.layers[1].rows[0].geometry]),
        ] {
            try GDALTools.run("ogr2ogr", ["-f", "GeoJSON", "\(layer).geojson", "out.gpkg", layer], in: folder)
            let read = try GeoJSONLayer.read(path: folder.appendingPathComponent("\(layer).geojson").path)
            #expect(read.features.map(\.geometry) == expected, "\(layer)")
        }
    }

    @Test func aValueThatDoesNotFitItsFieldIsNamed() {
        let layer = GeoPackageWriter.Layer(name: "bad", geometry: nil, fields: [("population", .integer)], rows: [([.number(2.5)], nil)])
        #expect {
            try GeoPackageWriter.bytes(layers: [layer], name: "out.gpkg")
        } throws: { error in
            "\(error)" == "out.gpkg: cannot be written (layer bad: row 0: field population: expected a whole number, found 2.5)"
        }
    }
}
