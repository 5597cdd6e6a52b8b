import GeometryKit

/// A GeoJSON geometry that cannot be built, with the key path of the offending value.
package struct GeoJSONGeometryProblem: Error {
    package let path: String
    package let reason: String
}

/// Builds ``Shape`` values from parsed GeoJSON geometry objects (RFC 7946 §3.1), checking the
/// structure so that messages say which position is wrong. No GEOS: a point stays a value.
package enum GeoJSONShapeBuilder {
    /// The geometry types of RFC 7946 §1.4, spelt as it spells them (the names are case-sensitive).
    package static let geometryTypes = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]

    /// `isCollectionMember`: a member of a GeometryCollection, which cannot be null (a feature's geometry can).
    package static func build(_ value: JSONValue, path: String, isCollectionMember: Bool = false) throws -> Shape {
        guard let object = value.objectValue else {
            let expected = isCollectionMember ? "a geometry object" : "a geometry object or null"
            throw GeoJSONGeometryProblem(path: path, reason: "expected \(expected), found \(value.typeName)")
        }
        guard let type = object["type"]?.stringValue else {
            throw GeoJSONGeometryProblem(path: "\(path).type", reason: "expected a geometry type name")
        }
        if type == "GeometryCollection" {
            guard let members = object["geometries"]?.arrayValue else {
                throw GeoJSONGeometryProblem(path: "\(path).geometries", reason: "expected an array of geometries")
            }
            return .geometryCollection(
                try members.enumerated().map {
                    try build($1, path: "\(path).geometries[\($0)]", isCollectionMember: true)
                })
        }
        let coordinatesPath = "\(path).coordinates"
        guard let coordinates = object["coordinates"] else {
            throw GeoJSONGeometryProblem(path: coordinatesPath, reason: "missing")
        }
        switch type {
        case "Point":
            return .point(try position(coordinates, coordinatesPath))
        case "MultiPoint":
            return .multiPoint(
                try list(coordinates, coordinatesPath).enumerated().map {
                    guard let point = try position($1, "\(coordinatesPath)[\($0)]") else {
                        throw GeoJSONGeometryProblem(path: "\(coordinatesPath)[\($0)]", reason: "expected a position [longitude, latitude], found []")
                    }
                    return point
                })
        case "LineString":
            return .lineString(try lineString(coordinates, coordinatesPath))
        case "MultiLineString":
            return .multiLineString(
                try list(coordinates, coordinatesPath).enumerated().map {
                    try lineString($1, "\(coordinatesPath)[\($0)]")
                })
        case "Polygon":
            return .polygon(try polygon(coordinates, coordinatesPath))
        case "MultiPolygon":
            return .multiPolygon(
                try list(coordinates, coordinatesPath).enumerated().map {
                    try polygon($1, "\(coordinatesPath)[\($0)]")
                })
        default:
            if let spelt = geometryTypes.first(where: { $0.lowercased() == type.lowercased() }) {
                throw GeoJSONGeometryProblem(
                    path: "\(path).type", reason: "unknown geometry type \"\(type)\": GeoJSON type names are case-sensitive (did you mean \"\(spelt)\"?)")
            }
            throw GeoJSONGeometryProblem(
                path: "\(path).type",
                reason:
                    "unknown geometry type \"\(type)\" (expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)")
        }
    }

    private static func list(_ value: JSONValue, _ path: String) throws -> [JSONValue] {
        guard let array = value.arrayValue else {
            throw GeoJSONGeometryProblem(path: path, reason: "expected an array, found \(value.typeName)")
        }
        return array
    }

    /// A position: two or three numbers (a third, the altitude, is ignored); nil for `[]`,
    /// which some writers use for an empty point.
    private static func position(_ value: JSONValue, _ path: String) throws -> Coordinate? {
        let numbers = try list(value, path)
        if numbers.isEmpty { return nil }
        guard numbers.count >= 2 else {
            throw GeoJSONGeometryProblem(path: path, reason: "expected a position [longitude, latitude], found \(numbers.count) number")
        }
        var values: [Double] = []
        for (index, number) in numbers.enumerated() {
            guard let double = number.numberValue else {
                let found = number.isNull ? "null" : "\(number.typeName) \(number.brief)"  // not "null null"
                throw GeoJSONGeometryProblem(path: "\(path)[\(index)]", reason: "expected a number, found \(found)")
            }
            values.append(double)
        }
        return Coordinate(x: values[0], y: values[1])
    }

    private static func positions(_ value: JSONValue, _ path: String) throws -> [Coordinate] {
        try list(value, path).enumerated().map { index, element in
            guard let coordinate = try position(element, "\(path)[\(index)]") else {
                throw GeoJSONGeometryProblem(path: "\(path)[\(index)]", reason: "expected a position [longitude, latitude], found []")
            }
            return coordinate
        }
    }

    private static func lineString(_ value: JSONValue, _ path: String) throws -> [Coordinate] {
        let coordinates = try positions(value, path)
        guard coordinates.isEmpty || coordinates.count >= 2 else {
            throw GeoJSONGeometryProblem(path: path, reason: "a LineString needs at least 2 positions, found \(coordinates.count)")
        }
        return coordinates
    }

    private static func polygon(_ value: JSONValue, _ path: String) throws -> Shape.Polygon {
        let rings = try list(value, path).enumerated().map { index, ring in
            let ringPath = "\(path)[\(index)]"
            let coordinates = try positions(ring, ringPath)
            guard coordinates.count >= 4 else {
                throw GeoJSONGeometryProblem(path: ringPath, reason: "a polygon ring needs at least 4 positions, found \(coordinates.count)")
            }
            guard coordinates.first == coordinates.last else {
                throw GeoJSONGeometryProblem(
                    path: ringPath, reason: "the ring is not closed: it starts at \(coordinates[0]) and ends at \(coordinates[coordinates.count - 1])")
            }
            return coordinates
        }
        return Shape.Polygon(rings: rings)
    }
}
