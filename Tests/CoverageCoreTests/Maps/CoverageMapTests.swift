import Foundation
import GeoIO
import GeometryKit
import RasterIO
import TestSupport
import Testing

@testable import CoverageCore

/// A rectangle `size` degrees wide (and `height` high, by default as high as wide), with its
/// south-west corner at (lon, lat).
private func square(lon: Double, lat: Double, size: Double = 1, height: Double? = nil) throws -> Geometry {
    let height = height ?? size
    return try .polygon(exterior: [
        Coordinate(lon: lon, lat: lat), Coordinate(lon: lon + size, lat: lat),
        Coordinate(lon: lon + size, lat: lat + height), Coordinate(lon: lon, lat: lat + height),
        Coordinate(lon: lon, lat: lat),
    ])
}

/// The x range, in pixels, of an SVG path's absolute coordinates (`M x y L x y x y … Z`).
private func xRange(ofPath data: String) -> ClosedRange<Double> {
    let numbers = data.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
    let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }
    return xs.min()!...xs.max()!
}

/// Three districts in a row (10 %, 55 %, no data), two provinces, one facility of each tier
/// inside and a health centre and a village far outside, two uncovered villages inside.
private func smallMap(regionName: String = "Test region") throws -> CoverageMap {
    CoverageMap(
        target: .tier(.healthCentre), threshold: .kilometers(5), regionName: regionName, populationYear: 2023,
        zones: [
            .init(
                pcode: "LA0101", name: "West", geometry: try square(lon: 102, lat: 18), percentUncovered: 10,
                populationUncovered: 100, populationTotal: 1_000),
            .init(pcode: "LA0102", name: "Middle", geometry: try square(lon: 103, lat: 18), percentUncovered: 55),
            .init(pcode: "LA0201", name: "East", geometry: try square(lon: 104, lat: 18), percentUncovered: nil),
        ],
        borders: [
            .init(name: "One", geometry: try square(lon: 102, lat: 18, size: 2, height: 1)),
            .init(name: "Two", geometry: try square(lon: 104, lat: 18)),
        ],
        facilities: [
            .init(id: "HC-1", name: "Ban \"A\" Health Centre", tier: .healthCentre, location: Coordinate(lon: 102.5, lat: 18.5)),
            .init(id: "HC-2", name: "B", tier: .healthCentre, location: Coordinate(lon: 103.5, lat: 18.2)),
            .init(id: "HC-far", name: "Far", tier: .healthCentre, location: Coordinate(lon: 120, lat: 30)),
            .init(id: "DH-1", name: "C", tier: .districtHospital, location: Coordinate(lon: 103.5, lat: 18.5)),
            .init(id: "PH-1", name: "D", tier: .provincialHospital, location: Coordinate(lon: 104.5, lat: 18.5)),
            .init(id: "CH-1", name: "E", tier: .centralHospital, location: Coordinate(lon: 102.2, lat: 18.8)),
        ],
        uncoveredVillages: [
            .init(name: "V1", location: Coordinate(lon: 103.2, lat: 18.9)),
            .init(name: "V2", location: Coordinate(lon: 104.8, lat: 18.1)),
            .init(name: "V-far", location: Coordinate(lon: 90, lat: 10)),
        ],
        dataNote: "Village populations estimated; facility locations are proxies — not real access to care.")
}

@Suite("CoverageMap")
struct CoverageMapTests {
    @Test func theSVGParsesAndHasOnePathPerDistrictAndOneSymbolPerFacilityInTheFrame() throws {
        let parsed = try ParsedSVG(try smallMap().svg())
        let zones = parsed.classed("zone", in: "zones")
        #expect(zones.count == 3)
        #expect(zones.map { $0.classes.subtracting(["zone"]) } == [["c0"], ["c2"], ["nodata"]])
        #expect(zones.last?.attributes["fill"] == "url(#nodata)")
        #expect(parsed.classed("border", in: "borders").count == 2)
        // The health centre at (120, 30) and the village at (90, 10) lie outside the frame.
        #expect(parsed.classed("hc", in: "facilities").count == 2)
        #expect(parsed.classed("dh", in: "facilities").count == 1)
        #expect(parsed.classed("ph", in: "facilities").count == 1)
        #expect(parsed.classed("ch", in: "facilities").count == 1)
        #expect(parsed.all("circle").filter { $0.ancestorClasses.contains("villages") && !$0.ancestorClasses.contains("legend") }.count == 2)
        #expect(parsed.all("style").count == 1)
        #expect(parsed.all("script").isEmpty)
        let labels = parsed.classed("label").map(\.text)
        #expect(labels == ["One", "Two"])
    }

    @Test func theLegendListsTheFiveClassesNoDataAndTheCountsOnTheMap() throws {
        let parsed = try ParsedSVG(try smallMap().svg())
        let texts = parsed.all("text").filter { $0.ancestorClasses.contains("legend") }.map(\.text)
        for label in ["80 to 100 %", "60 to < 80 %", "40 to < 60 %", "20 to < 40 %", "0 to < 20 %"] {
            #expect(texts.contains(label), "\(label)")
        }
        // 5 classes, no data, and the swatches under the two borders.
        #expect(parsed.classed("swatch", in: "legend").count == 8)
        #expect(texts.contains("No data (1 district)"))
        #expect(texts.contains("Health centre (2)"))
        #expect(texts.contains("District hospital (1)"))
        #expect(texts.contains("Provincial hospital (1)"))
        #expect(texts.contains("Central hospital (1)"))
        #expect(texts.contains { $0.hasPrefix("Village more than 5 km away (2)") })
        #expect(texts.contains("N"))
    }

    @Test func facilitiesOutsideTheRegionAreFadedAndCountedApart() throws {
        var map = try smallMap()
        map.facilities.append(
            .init(
                id: "HC-next", name: "Next door", tier: .healthCentre, location: Coordinate(lon: 104.9, lat: 18.9),
                isInRegion: false))
        map.facilities.append(
            .init(
                id: "PH-next", name: "Next door PH", tier: .provincialHospital, location: Coordinate(lon: 104.9, lat: 18.1),
                isInRegion: false))
        let parsed = try ParsedSVG(try map.svg())
        #expect(parsed.classed("hc", in: "facilities").count == 3)
        #expect(parsed.classed("hc", in: "outside").filter { $0.ancestorClasses.contains("facilities") }.count == 1)
        #expect(parsed.classed("ph", in: "outside").count == 1)
        let texts = parsed.all("text").filter { $0.ancestorClasses.contains("legend") }.map(\.text)
        #expect(texts.contains("Health centre (2)"))
        #expect(texts.contains("Provincial hospital (1)"))
        #expect(texts.contains { $0.hasPrefix("Faded: facilities outside the") })
        #expect(texts.contains { $0.contains("(2)") && !$0.contains("centre") && !$0.contains("hospital") })
    }

    @Test func titleSubtitleAndDataNoteSayWhatIsShown() throws {
        let map = try smallMap()
        #expect(map.title == "Population more than 5 km from a health centre — Test region")
        #expect(map.subtitle.contains("(2023)"))
        #expect(map.dataNote == "Village populations estimated; facility locations are proxies — not real access to care.")
        let parsed = try ParsedSVG(try map.svg())
        let header = parsed.all("text").filter { $0.classes.contains("title") || $0.classes.contains("note") }.map(\.text).joined(separator: " ")
        #expect(header.contains("health centre") && header.contains("proxies"))

        var plain = map
        plain.dataNote = nil
        plain.threshold = .minutes(60)
        plain.target = .service(.rehabilitation)
        #expect(plain.dataNote == nil)
        #expect(plain.title == "Population more than 60 minutes from rehabilitation services — Test region")
        #expect(try ParsedSVG(try plain.svg()).classed("note").isEmpty)
    }

    @Test func textIsEscaped() throws {
        let text = try smallMap(regionName: #"Ban <"Nam"> & Co's"#).svg()
        #expect(text.contains("Ban &lt;&quot;Nam&quot;&gt; &amp; Co&apos;s"))
        let parsed = try ParsedSVG(text)
        #expect(parsed.all("title").first?.text.hasSuffix(#"Ban <"Nam"> & Co's"#) == true)
        #expect(parsed.all("title").contains { $0.text.hasPrefix(#"Ban "A" Health Centre (HC-1)"#) })
    }

    @Test func coordinatesHaveTwoDecimalsAtMostAndTheOutputIsDeterministic() throws {
        let map = try smallMap()
        let first = try map.svg(), second = try map.svg()
        #expect(first == second)
        let parsed = try ParsedSVG(first)
        for path in parsed.all("path") {
            for number in (path.attributes["d"] ?? "").split(whereSeparator: { "MLZ ".contains($0) }) {
                #expect(number.split(separator: ".").dropFirst().first.map { $0.count <= 2 } ?? true, "\(number)")
            }
        }
    }

    /// At 60° N a degree of longitude is half as long as at the equator: the projection scales x
    /// by cos 60°, and the scale bar's length, turned back into longitude through the map's own
    /// pixels per degree, measures its label on the WGS 84 ellipsoid (Karney's geodesic).
    @Test(arguments: [0.0, 18.0, 60.0])
    func theScaleBarMeasuresItsLabelAtTheCentreLatitude(latitude: Double) throws {
        let map = CoverageMap(
            target: .tier(.districtHospital), threshold: .kilometers(20), regionName: "Square",
            zones: [
                .init(
                    pcode: "X", name: "X", geometry: try square(lon: 10, lat: latitude - 1, size: 2),
                    percentUncovered: 50)
            ])
        let parsed = try ParsedSVG(try map.svg())
        let zone = try #require(parsed.classed("zone", in: "zones").first?.attributes["d"])
        let pixelsPerDegreeLongitude = (xRange(ofPath: zone).upperBound - xRange(ofPath: zone).lowerBound) / 2
        let bar = parsed.all("rect").filter { $0.ancestorClasses.contains("scalebar") }
        #expect(bar.count == 2)
        let barPixels = bar.compactMap { $0.attributes["width"].flatMap(Double.init) }.reduce(0, +)
        let label = try #require(parsed.all("text").filter { $0.ancestorClasses.contains("scalebar") }.last?.text)
        let kilometers = try #require(Double(label.replacingOccurrences(of: " km", with: "")))
        let ground = try Geodesic.wgs84.distanceMeters(
            from: Coordinate(lon: 10, lat: latitude),
            to: Coordinate(lon: 10 + barPixels / pixelsPerDegreeLongitude, lat: latitude))
        #expect(abs(ground / 1_000 - kilometers) / kilometers < 2e-4, "\(ground) m for \(label)")
        #expect(barPixels <= 180 && barPixels >= 36)
        #expect(parsed.all("text").contains { $0.text == "Scale along \(latitude == 0 ? "0.0° N" : "\(Int(latitude)).0° N")" })
    }

    @Test func emptyInputsGiveAWellFormedMapThatSaysSo() throws {
        let map = CoverageMap(target: .tier(.healthCentre), threshold: .kilometers(5), regionName: "Nowhere", zones: [])
        let parsed = try ParsedSVG(try map.svg())
        #expect(parsed.classed("zone", in: "zones").isEmpty)
        #expect(parsed.classed("empty").first?.text.hasPrefix("Nothing to map") == true)
        #expect(parsed.all("text").contains { $0.text == "none" })

        // A zone with an empty geometry draws nothing; points alone still fix the extent.
        let pointsOnly = CoverageMap(
            target: .tier(.healthCentre), threshold: .kilometers(5), regionName: "Points",
            zones: [.init(pcode: "E", name: "Empty", geometry: try .empty(.polygon), percentUncovered: 5)],
            facilities: [.init(id: "H", name: "H", tier: .healthCentre, location: Coordinate(lon: 102, lat: 18))])
        let drawn = try ParsedSVG(try pointsOnly.svg())
        #expect(drawn.classed("zone", in: "zones").isEmpty)
        #expect(drawn.classed("hc", in: "facilities").count == 1)
        #expect(drawn.classed("empty").isEmpty)
    }

    @Test func holesAndMultiPolygonsBecomeSubpaths() throws {
        let withHole = try Geometry.polygon(
            exterior: [
                Coordinate(lon: 0, lat: 0), Coordinate(lon: 4, lat: 0), Coordinate(lon: 4, lat: 4), Coordinate(lon: 0, lat: 4), Coordinate(lon: 0, lat: 0),
            ],
            holes: [
                [Coordinate(lon: 1, lat: 1), Coordinate(lon: 1, lat: 3), Coordinate(lon: 3, lat: 3), Coordinate(lon: 3, lat: 1), Coordinate(lon: 1, lat: 1)]
            ])
        let islands = try Geometry.multiPolygon([try square(lon: 5, lat: 0), try square(lon: 7, lat: 2)])
        let map = CoverageMap(
            target: .tier(.healthCentre), threshold: .kilometers(5), regionName: "Shapes",
            zones: [
                .init(pcode: "A", name: "A", geometry: withHole, percentUncovered: 90),
                .init(pcode: "B", name: "B", geometry: islands, percentUncovered: 0),
            ])
        let paths = try ParsedSVG(try map.svg()).classed("zone", in: "zones").compactMap { $0.attributes["d"] }
        #expect(paths.map { $0.filter { $0 == "M" }.count } == [2, 2])
        #expect(paths.allSatisfy { $0.hasSuffix("Z") })
    }

    @Test func writesAtomically() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("map.svg").path
        try smallMap().write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == (try smallMap().svg()))
        #expect(throws: OutputError.self) { try smallMap().write(to: directory.appendingPathComponent("missing/map.svg").path) }
    }
}

/// Minutes growing 10 a column eastwards over the small map's three districts (0.1° cells from
/// 102° E, 19° N), the last column not reached.
private func minutesEastwards() throws -> TravelMinutes {
    let grid = try RasterGrid(
        columns: 30, rows: 10, geoTransform: GeoTransform(originX: 102, pixelWidth: 0.1, originY: 19, pixelHeight: -0.1), crs: RasterCRS(epsg: 4326))
    let minutes = (0..<300).map { $0 % 30 == 29 ? Float.nan : Float($0 % 30) * 10 }
    return TravelMinutes(grid: grid, minutes: minutes, nearestFacility: minutes.map { $0.isNaN ? -1 : 0 })
}

@Suite("CoverageMap of travel time")
struct CoverageMapTravelTimeTests {
    private static func map() throws -> CoverageMap {
        var map = try smallMap()
        map.threshold = .minutes(60)
        map.travelTime = TravelTimeBackground(
            minutes: try minutesEastwards(), limits: TravelTimeBackground.limits(around: 60), measure: "walking over test.tif")
        return map
    }

    @Test func eachCellIsDrawnInTheColourOfItsClassOfMinutes() throws {
        let parsed = try ParsedSVG(try Self.map().svg())
        let image = try #require(parsed.all("image").first)
        #expect(image.attributes["clip-path"] == "url(#inside)")
        let href = try #require(image.attributes["href"])
        #expect(href.hasPrefix("data:image/png;base64,"))
        let png = try #require(Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count))))
        let folder = try temporaryDirectory(prefix: "CoverageMapTravelTimeTests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("travel.png")
        try png.write(to: file)
        let pixels = try GDALTools.integerRows(of: file)

        // Where lon/lat fall on the map: the districts are the unit squares 102–105° E, 18–19° N.
        let districts = try #require(parsed.all("path").first { $0.attributes["id"] == "districts" }?.attributes["d"])
        let numbers = districts.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
        let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }, ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
        let (left, right, top, bottom) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        let imageX = Double(image.attributes["x"]!)!, imageY = Double(image.attributes["y"]!)!
        #expect(Double(image.attributes["width"]!)! == Double(pixels[0].count) && Double(image.attributes["height"]!)! == Double(pixels.count))
        // Each cell's centre (4 rows of the 10): class by its minutes (≤ 30, ≤ 60, ≤ 120, ≤ 240, more), the
        // last column clear.
        for column in 0..<30 {
            for row in [1, 3, 6, 8] {
                let lon = 102.05 + 0.1 * Double(column), lat = 18.95 - 0.1 * Double(row)
                let x = left + (lon - 102) / 3 * (right - left) - imageX, y = top + (19 - lat) * (bottom - top) - imageY
                let minutes = Double(column * 10)
                let expected = column == 29 ? 255 : minutes <= 30 ? 0 : minutes <= 60 ? 1 : minutes <= 120 ? 2 : minutes <= 240 ? 3 : 4
                #expect(pixels[Int(y)][Int(x)] == expected, "column \(column), row \(row): \(minutes) minutes")
            }
        }
    }

    @Test func titleLegendAndHatchingSayWhatIsShown() throws {
        let map = try Self.map()
        #expect(map.title == "Travel time to a health centre — Test region")
        #expect(map.subtitle.contains("walking over test.tif"))
        let parsed = try ParsedSVG(try map.svg())
        let texts = parsed.all("text").filter { $0.ancestorClasses.contains("legend") }.map(\.text)
        for label in ["30 minutes or less", "30 to 60", "60 to 120", "120 to 240", "more than 240"] {
            #expect(texts.contains(label), "\(label)")
        }
        #expect(texts.contains { $0.hasPrefix("Not reached") })
        #expect(texts.joined(separator: " ").contains("Village more than 60 minutes away (2)"))
        // Not reached is the hatching under the picture; the districts are outlined over it, and
        // not shaded by percent.
        let uses = parsed.all("use").map { $0.attributes["class"] ?? "" }
        #expect(uses == ["", "unreached", "district-outline"])
        #expect(parsed.classed("zone", in: "zones").isEmpty)
    }
}

@Suite("CoverageMap of the shipped data", .serialized)
struct CoverageMapShippedDataTests {
    /// Renders the maps a report would draw. Set COVERAGE_MAP_OUT to a folder to keep them (to
    /// look at them in a browser or convert them with rsvg-convert).
    @Test(arguments: ["national", "north", "bolikhamxay-khammouane"])
    func mapsOfTheRegionsAreWellFormedAndComplete(region: String) throws {
        let layers = try ShippedLayerSet.set()
        let map = try ShippedCoverageMaps.map(region: region, tier: .healthCentre, threshold: .kilometers(5))
        let text = try map.svg()
        let parsed = try ParsedSVG(text)
        let provinces = Set(try layers.requireRegion(region).provincePcodes)
        #expect(parsed.classed("zone", in: "zones").count == layers.districts.filter { provinces.contains($0.provincePcode) }.count)
        #expect(parsed.classed("border", in: "borders").count == provinces.count)
        #expect(text.utf8.count < 1_500_000, "\(text.utf8.count) bytes")
        if let folder = ProcessInfo.processInfo.environment["COVERAGE_MAP_OUT"] {
            try map.write(to: folder + "/coverage_map_\(region)_health_centre_5km.svg")
            for (tier, km) in [(FacilityTier.districtHospital, 20.0), (.provincialHospital, 60)] {
                try ShippedCoverageMaps.map(region: region, tier: tier, threshold: .kilometers(km))
                    .write(to: folder + "/coverage_map_\(region)_\(tier.rawValue)_\(Int(km))km.svg")
            }
        }
    }
}
