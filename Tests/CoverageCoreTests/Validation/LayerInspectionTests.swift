import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// A feature text with the given id member (none when nil), properties and geometry.
private func feature(id: String? = nil, properties: String = "{}", geometry: String) -> String {
    let idMember = id.map { #""id": \#($0), "# } ?? ""
    return #"{"type": "Feature", \#(idMember)"properties": \#(properties), "geometry": \#(geometry)}"#
}

private func point(_ x: Double, _ y: Double) -> String {
    #"{"type": "Point", "coordinates": [\#(x), \#(y)]}"#
}

/// The coordinates of an axis-aligned rectangle polygon, counter-clockwise.
private func rectangle(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> String {
    "[[[\(minX), \(minY)], [\(maxX), \(minY)], [\(maxX), \(maxY)], [\(minX), \(maxY)], [\(minX), \(minY)]]]"
}

/// An axis-aligned rectangle polygon, counter-clockwise.
private func box(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> String {
    #"{"type": "Polygon", "coordinates": \#(rectangle(minX, minY, maxX, maxY))}"#
}

private func inspect(_ features: [String], idField: String? = nil) throws -> LayerInspection {
    try LayerInspection(layer(collection(features: features)), idField: idField)
}

private func relativeDifference(_ value: Double, _ reference: Double) -> Double {
    abs(value - reference) / abs(reference)
}

@Suite("LayerInspection: counts and extent")
struct LayerInspectionCountTests {
    @Test func geometryTypesAreCounted() throws {
        let report = try inspect([
            feature(geometry: point(102, 18)),
            feature(geometry: point(103, 19)),
            feature(geometry: #"{"type": "Point", "coordinates": []}"#),
            feature(geometry: box(103, 19, 103.5, 19.5)),
            feature(geometry: #"{"type": "MultiPolygon", "coordinates": [[[[104, 17.5], [104.5, 17.5], [104.5, 18], [104, 17.5]]]]}"#),
            feature(geometry: #"{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [103, 18]}]}"#),
            feature(geometry: "null"),
            feature(geometry: #"{"type": "Point", "coordinates": [1]}"#),
        ])
        #expect(report.file == "layer.geojson")
        #expect(report.featureCount == 8)
        #expect(report.geometryTypes == ["Point": 3, "Polygon": 1, "MultiPolygon": 1, "GeometryCollection": 1, "null": 1, "malformed": 1])
        // Null, empty and malformed geometries do not extend the box.
        let box = try #require(report.boundingBox)
        #expect(box.count == 4)
        #expect(zip(box, [102, 17.5, 104.5, 19.5]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(box)")
        #expect(report.sourceCRS == nil)
        #expect(!report.isPolygonLayer)
        #expect(report.geodesicAreaKm2 == nil)
        #expect(report.featureAreasKm2 == nil)
    }

    @Test func emptyLayer() throws {
        let report = try inspect([])
        #expect(report.featureCount == 0)
        #expect(report.geometryTypes.isEmpty)
        #expect(report.boundingBox == nil)
        #expect(report.propertyNames.isEmpty)
        #expect(report.idField == nil)
        #expect(report.distinctIds == 0)
        #expect(!report.isPolygonLayer)
        #expect(report.geodesicAreaKm2 == nil)
        #expect(report.isClean)
    }

    @Test func propertyNamesInFirstSeenOrder() throws {
        let report = try inspect([
            feature(properties: #"{"name": "a", "pop": 1}"#, geometry: "null"),
            feature(properties: #"{"tier": "hc", "name": "b"}"#, geometry: "null"),
            feature(properties: "null", geometry: "null"),
            feature(properties: #"{"beds": 2}"#, geometry: "null"),
        ])
        #expect(report.propertyNames == ["name", "pop", "tier", "beds"])
    }

    @Test func reprojectedLayerNamesItsSourceCRS() throws {
        let text = #"""
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32648"}},
             "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [500000, 2000000]}}]}
            """#
        let report = try LayerInspection(layer(text))
        #expect(report.sourceCRS == "EPSG:32648")
        // Longitude 105° exactly (zone 48's central meridian); latitude from pyproj, see GeoJSONLayerTests.
        let box = try #require(report.boundingBox)
        #expect(abs(box[0] - 105) < 1e-9 && abs(box[1] - 18.0887089431) < 1e-9)
        #expect(report.outOfRangeCoordinateCount == 0)
    }
}

@Suite("LayerInspection: identifiers")
struct LayerInspectionIdentifierTests {
    @Test func latitudeFirstPointsAreFlaggedAsSwapped() throws {
        // Vientiane and Pakse written [lat, lon]: latitudes of 102–105 are out of range, swapped they fit.
        let swapped = try inspect([feature(geometry: point(17.97, 102.6)), feature(geometry: point(15.12, 105.8))])
        #expect(swapped.outOfRangeCoordinateCount == 2)
        #expect(swapped.axesLookSwapped)
        let projected = try inspect([feature(geometry: point(360_000, 2_030_000))])
        #expect(projected.outOfRangeCoordinateCount == 1)
        #expect(!projected.axesLookSwapped)
        let fine = try inspect([feature(geometry: point(102.6, 17.97))])
        #expect(!fine.axesLookSwapped)
    }

    @Test func idFieldThatNoFeatureCarriesIsReported() throws {
        let report = try inspect([feature(properties: #"{"pcode": "LA1101"}"#, geometry: "null")], idField: "fid")
        #expect(report.idField == "properties.fid")
        #expect(report.idFieldMissing)
        #expect(report.featuresWithoutId.count == 1)
        let found = try inspect([feature(properties: #"{"fid": "1"}"#, geometry: "null")], idField: "fid")
        #expect(!found.idFieldMissing)
    }

    @Test func conventionalFieldCarriedByEveryFeatureWins() throws {
        // The first feature has a pcode, but only village_code is carried by all of them.
        let report = try inspect([
            feature(properties: #"{"pcode": "LA1101", "village_code": "1"}"#, geometry: "null"),
            feature(properties: #"{"village_code": "2"}"#, geometry: "null"),
        ])
        #expect(report.idField == "properties.village_code")
        #expect(report.featuresWithoutId.isEmpty)
    }

    @Test func featureIdMemberWins() throws {
        let report = try inspect([
            feature(id: #""hc-1""#, properties: #"{"pcode": "LA1101"}"#, geometry: "null"),
            feature(id: "1102", properties: #"{"pcode": "LA1102"}"#, geometry: "null"),
            feature(properties: #"{"pcode": "LA1103"}"#, geometry: "null"),
        ])
        #expect(report.idField == "id")
        #expect(report.distinctIds == 2)
        #expect(report.featuresWithoutId == [LayerInspection.FeatureReference(featureIndex: 2, id: nil)])
        #expect(report.nullGeometries.map(\.id) == ["hc-1", "1102", nil])
    }

    @Test func nullIdMembersFallBackToProperties() throws {
        let report = try inspect([
            feature(id: "null", properties: #"{"pcode": "LA1101"}"#, geometry: "null"),
            feature(id: "null", properties: #"{"pcode": "LA1102"}"#, geometry: "null"),
        ])
        #expect(report.idField == "properties.pcode")
        #expect(report.distinctIds == 2)
        #expect(report.featuresWithoutId.isEmpty)
    }

    @Test(arguments: [
        (#"{"name": "x", "code": "c", "pcode": "p"}"#, "properties.pcode"),
        (#"{"facility_id": "f", "village_code": "v"}"#, "properties.facility_id"),
        (#"{"id": "i", "facility_id": "f"}"#, "properties.facility_id"),
        (#"{"uuid": "u", "code": "c", "id": "i"}"#, "properties.id"),
        (#"{"uuid": "u", "code": "c"}"#, "properties.code"),
        (#"{"uuid": "u"}"#, "properties.uuid"),
    ])
    func conventionalPropertyNamesInOrder(properties: String, expected: String) throws {
        let report = try inspect([feature(properties: properties, geometry: "null")])
        #expect(report.idField == expected)
        #expect(report.distinctIds == 1)
    }

    @Test func noIdentifierFound() throws {
        let report = try inspect([
            feature(properties: #"{"name": "a", "PCODE": "upper case is not pcode"}"#, geometry: "null"),
            feature(properties: #"{"pcode": "only the first feature is looked at"}"#, geometry: "null"),
        ])
        #expect(report.idField == nil)
        #expect(report.distinctIds == 0)
        #expect(report.featuresWithoutId.isEmpty)
        #expect(report.duplicateIds.isEmpty)
    }

    @Test func idFieldOverride() throws {
        let report = try inspect(
            [
                feature(id: "1", properties: #"{"pcode": "LA1101", "name": "Pakxan"}"#, geometry: "null"),
                feature(id: "2", properties: #"{"pcode": "LA1102", "name": "Pakxan"}"#, geometry: "null"),
                feature(id: "3", properties: #"{"pcode": "LA1103"}"#, geometry: "null"),
            ], idField: "name")
        #expect(report.idField == "properties.name")
        #expect(report.distinctIds == 1)
        #expect(report.duplicateIds == [LayerInspection.DuplicateIdentifier(id: "Pakxan", featureIndices: [0, 1])])
        #expect(report.featuresWithoutId == [LayerInspection.FeatureReference(featureIndex: 2, id: nil)])
    }

    @Test func idFieldOverrideNamingNoProperty() throws {
        let report = try inspect(
            [
                feature(properties: #"{"pcode": "LA1101"}"#, geometry: "null"),
                feature(properties: #"{"pcode": "LA1102"}"#, geometry: "null"),
            ], idField: "facility_id")
        #expect(report.idField == "properties.facility_id")
        #expect(report.distinctIds == 0)
        #expect(report.featuresWithoutId.map(\.featureIndex) == [0, 1])
    }

    @Test func identifierValuesOfEveryKind() throws {
        let report = try inspect([
            feature(properties: #"{"code": "LA11"}"#, geometry: "null"),
            feature(properties: #"{"code": 1101}"#, geometry: "null"),
            feature(properties: #"{"code": 2.5}"#, geometry: "null"),
            feature(properties: #"{"code": true}"#, geometry: "null"),
            feature(properties: #"{"code": null}"#, geometry: "null"),
            feature(properties: #"{"code": ["LA11"]}"#, geometry: "null"),
            feature(properties: #"{"code": {"v": 1}}"#, geometry: "null"),
            feature(properties: "{}", geometry: "null"),
        ])
        #expect(report.idField == "properties.code")
        #expect(report.nullGeometries.map(\.id) == ["LA11", "1101", "2.5", "true", nil, nil, nil, nil])
        #expect(report.featuresWithoutId.map(\.featureIndex) == [4, 5, 6, 7])
        #expect(report.distinctIds == 4)
    }

    @Test func duplicatesInFirstSeenOrder() throws {
        let ids = [#""A""#, #""B""#, #""A""#, #""C""#, #""B""#, #""A""#]
        let report = try inspect(ids.map { feature(id: $0, geometry: "null") })
        #expect(report.distinctIds == 3)
        #expect(
            report.duplicateIds == [
                LayerInspection.DuplicateIdentifier(id: "A", featureIndices: [0, 2, 5]),
                LayerInspection.DuplicateIdentifier(id: "B", featureIndices: [1, 4]),
            ])
        #expect(!report.isClean)
    }
}

@Suite("LayerInspection: geometry findings")
struct LayerInspectionGeometryTests {
    @Test func nullEmptyAndMalformedAreListedSeparately() throws {
        let report = try inspect([
            feature(id: #""ok""#, geometry: point(103, 18)),
            feature(id: #""nul""#, geometry: "null"),
            feature(id: #""ept""#, geometry: #"{"type": "Point", "coordinates": []}"#),
            feature(id: #""epg""#, geometry: #"{"type": "Polygon", "coordinates": []}"#),
            feature(id: #""egc""#, geometry: #"{"type": "GeometryCollection", "geometries": []}"#),
            feature(id: #""mal""#, geometry: #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}"#),
            #"{"type": "Feature", "id": "mis", "properties": {}}"#,  // no geometry member
        ])
        #expect(report.nullGeometries == [LayerInspection.FeatureReference(featureIndex: 1, id: "nul")])
        #expect(
            report.emptyGeometries == [
                LayerInspection.FeatureReference(featureIndex: 2, id: "ept"),
                LayerInspection.FeatureReference(featureIndex: 3, id: "epg"),
                LayerInspection.FeatureReference(featureIndex: 4, id: "egc"),
            ])
        #expect(
            report.malformedGeometries == [
                LayerInspection.MalformedGeometry(
                    featureIndex: 5, field: "geometry.coordinates[0]",
                    reason: "the ring is not closed: it starts at (0.0, 0.0) and ends at (0.0, 1.0)"),
                LayerInspection.MalformedGeometry(
                    featureIndex: 6, field: "geometry",
                    reason: "missing (a Feature must have a geometry member, null if it has none)"),
            ])
        #expect(report.geometryTypes == ["Point": 2, "Polygon": 1, "GeometryCollection": 1, "null": 1, "malformed": 2])
        #expect(report.invalidGeometries.isEmpty)
        #expect(!report.isClean)
    }

    @Test func bowTieIsInvalidWithGEOSReasonAndLocation() throws {
        // The diagonals (0,0)–(2,2) and (2,0)–(0,2) cross at (1,1).
        let report = try inspect([
            feature(id: #""square""#, geometry: box(0, 0, 2, 2)),
            feature(id: #""bow-tie""#, geometry: #"{"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}"#),
        ])
        #expect(
            report.invalidGeometries == [
                LayerInspection.InvalidGeometry(featureIndex: 1, id: "bow-tie", reason: "Self-intersection", location: [1, 1])
            ])
        #expect(!report.isClean)
    }

    @Test func otherInvalidPolygons() throws {
        let report = try inspect([
            // A hole outside its shell; GEOS locates the hole's first vertex.
            feature(geometry: #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], [[5, 5], [6, 5], [6, 6], [5, 5]]]}"#),
            // A ring that touches itself at (1, 0), a vertex lying on another edge.
            feature(geometry: #"{"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [1, 0], [0, 2], [0, 0]]]}"#),
            // Two members of a multi-polygon that overlap.
            feature(geometry: #"{"type": "MultiPolygon", "coordinates": [\#(rectangle(0, 0, 2, 2)), \#(rectangle(1, 1, 3, 3))]}"#),
        ])
        #expect(report.invalidGeometries.map(\.featureIndex) == [0, 1, 2])
        #expect(report.invalidGeometries.map(\.reason) == ["Hole lies outside shell", "Ring Self-intersection", "Self-intersection"])
        #expect(report.invalidGeometries[0].location == [5, 5])
        #expect(report.invalidGeometries[1].location == [1, 0])
    }

    @Test func outOfRangeCoordinates() throws {
        let report = try inspect([
            feature(id: #""east""#, geometry: point(200, 10)),
            feature(id: #""ok""#, geometry: point(104, 18)),
            feature(id: #""north""#, geometry: #"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 95], [0, 95], [0, 0]]]}"#),
            feature(id: #""edges""#, geometry: #"{"type": "MultiPoint", "coordinates": [[-180, -90], [180, 90]]}"#),
            feature(id: #""south""#, geometry: #"{"type": "LineString", "coordinates": [[0, 0], [0, -90.000001]]}"#),
        ])
        #expect(report.outOfRangeCoordinateCount == 4)
        #expect(
            report.outOfRangeCoordinates == [
                LayerInspection.OutOfRangeCoordinate(featureIndex: 0, id: "east", coordinate: [200, 10]),
                LayerInspection.OutOfRangeCoordinate(featureIndex: 2, id: "north", coordinate: [1, 95]),
                LayerInspection.OutOfRangeCoordinate(featureIndex: 4, id: "south", coordinate: [0, -90.000001]),
            ])
        #expect(!report.isClean)
    }

    @Test func swappedLatitudeAndLongitudeAreOutOfRange() throws {
        // Pakxan is near lon 103.66, lat 18.39; written [lat, lon] its "latitude" is 103.66.
        let report = try inspect([
            feature(id: #""right""#, geometry: point(103.66, 18.39)),
            feature(id: #""swapped""#, geometry: point(18.39, 103.66)),
        ])
        #expect(report.outOfRangeCoordinateCount == 1)
        #expect(report.outOfRangeCoordinates == [LayerInspection.OutOfRangeCoordinate(featureIndex: 1, id: "swapped", coordinate: [18.39, 103.66])])
    }
}

@Suite("LayerInspection: polygon areas")
struct LayerInspectionAreaTests {
    // Expected areas computed independently with pyproj 3.7.2 (PROJ 9.5.1):
    //   .venv/bin/python -c 'from pyproj import Geod; from shapely.geometry import Polygon, MultiPolygon
    //   from shapely.geometry.polygon import orient; g = Geod(ellps="WGS84")
    //   sq = Polygon([(103,18),(104,18),(104,19),(103,19),(103,18)])
    //   small = Polygon([(105,17),(105.5,17),(105.5,17.5),(105,17.5),(105,17)])
    //   holed = Polygon(sq.exterior.coords, [[(103.25,18.25),(103.75,18.25),(103.75,18.75),(103.25,18.75),(103.25,18.25)]])
    //   for p in (sq, small, orient(holed, 1.0), MultiPolygon([sq, small])): print(abs(g.geometry_area_perimeter(p)[0]) / 1e6)'
    static let squareKm2 = 11688.7981827511
    static let smallKm2 = 2942.3201739955903
    static let holedKm2 = 8766.610398189468
    static let squarePlusSmallKm2 = 14631.118356746689

    @Test func polygonLayerArea() throws {
        let report = try inspect([
            feature(id: #""square""#, geometry: box(103, 18, 104, 19)),
            feature(
                id: #""holed""#,
                geometry: #"""
                    {"type": "Polygon", "coordinates": [[[103, 18], [104, 18], [104, 19], [103, 19], [103, 18]],
                      [[103.25, 18.25], [103.75, 18.25], [103.75, 18.75], [103.25, 18.75], [103.25, 18.25]]]}
                    """#),
            feature(
                id: #""multi""#, geometry: #"{"type": "MultiPolygon", "coordinates": [\#(rectangle(103, 18, 104, 19)), \#(rectangle(105, 17, 105.5, 17.5))]}"#),
            // Clockwise: the area does not depend on orientation.
            feature(id: #""clockwise""#, geometry: #"{"type": "Polygon", "coordinates": [[[105, 17], [105, 17.5], [105.5, 17.5], [105.5, 17], [105, 17]]]}"#),
        ])
        #expect(report.isPolygonLayer)
        let areas = try #require(report.featureAreasKm2)
        #expect(areas.map(\.featureIndex) == [0, 1, 2, 3])
        #expect(areas.map(\.id) == ["square", "holed", "multi", "clockwise"])
        let expected = [Self.squareKm2, Self.holedKm2, Self.squarePlusSmallKm2, Self.smallKm2]
        for (area, reference) in zip(areas, expected) {
            #expect(relativeDifference(area.areaKm2, reference) < 1e-9, "\(area.id ?? ""): \(area.areaKm2) km² vs \(reference)")
        }
        let total = try #require(report.geodesicAreaKm2)
        #expect(relativeDifference(total, expected.reduce(0, +)) < 1e-9)
        #expect(report.isClean)
    }

    @Test func noAreaWhenACoordinateIsOutOfRange() throws {
        let report = try inspect([
            feature(geometry: box(103, 18, 104, 19)),
            feature(geometry: box(103, 18, 104, 91)),
        ])
        #expect(report.isPolygonLayer)
        #expect(report.geodesicAreaKm2 == nil)
        #expect(report.featureAreasKm2 == nil)
    }

    @Test func noAreaForOtherLayers() throws {
        let report = try inspect([feature(geometry: box(103, 18, 104, 19)), feature(geometry: point(103.5, 18.5))])
        #expect(!report.isPolygonLayer)
        #expect(report.geodesicAreaKm2 == nil)
    }
}

@Suite("LayerInspection: golden Bolikhamxay districts")
struct LayerInspectionGoldenTests {
    struct ExpectedAreas: Decodable {
        struct District: Decodable {
            let pcode: String
            let areaKm2: Double

            enum CodingKeys: String, CodingKey {
                case pcode
                case areaKm2 = "area_km2"
            }
        }
        let districts: [District]
    }

    @Test func bolikhamxayDistricts() throws {
        let url = try fixtureURL("bolikhamxay_districts.geojson")
        let report = try LayerInspection(GeoJSONLayer.read(path: url.path))
        #expect(report.featureCount == 7)
        #expect(report.geometryTypes == ["Polygon": 7])
        #expect(report.sourceCRS == nil)  // the file's crs member is CRS84
        #expect(report.idField == "properties.pcode")
        #expect(report.distinctIds == 7)
        #expect(report.duplicateIds.isEmpty)
        #expect(report.featuresWithoutId.isEmpty)
        #expect(report.invalidGeometries.isEmpty)
        #expect(report.malformedGeometries.isEmpty)
        #expect(report.outOfRangeCoordinateCount == 0)
        #expect(report.isPolygonLayer)
        #expect(report.isClean)
        #expect(
            report.propertyNames == [
                "pcode", "district_code", "lsb_district_code", "gb_shapeName", "gb_shapeID", "odm_district_name",
                "lsb_district_name", "province_pcode", "province_en", "province_lo", "odm_village_count", "villages_in_polygon",
                "villages_in_polygon_with_code", "pop_2015", "pop_2016", "pop_2017", "pop_2018", "pop_2019", "pop_2020",
                "pop_2021", "pop_2022", "pop_2023",
            ])
        // Bounds from shapely over the same file (see Fixtures/README.md).
        let box = try #require(report.boundingBox)
        let expectedBox = [102.82311001100004, 17.869709156000056, 105.25866843000006, 19.119834425000022]
        #expect(zip(box, expectedBox).allSatisfy { abs($0 - $1) < 1e-12 }, "\(box)")

        let expected = try JSONDecoder().decode(ExpectedAreas.self, from: Data(contentsOf: fixtureURL("bolikhamxay_districts_areas_pyproj.json")))
        let areas = try #require(report.featureAreasKm2)
        #expect(areas.compactMap(\.id) == expected.districts.map(\.pcode))
        var largest = 0.0
        for (area, reference) in zip(areas, expected.districts) {
            let difference = relativeDifference(area.areaKm2, reference.areaKm2)
            largest = max(largest, difference)
            #expect(difference < 1e-4, "\(reference.pcode): \(area.areaKm2) km², pyproj \(reference.areaKm2) km²")
        }
        let total = try #require(report.geodesicAreaKm2)
        #expect(relativeDifference(total, expected.districts.map(\.areaKm2).reduce(0, +)) < 1e-4)
        print("Bolikhamxay districts: largest relative area difference against pyproj \(largest)")
    }
}
