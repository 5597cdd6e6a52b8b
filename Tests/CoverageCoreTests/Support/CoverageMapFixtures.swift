import Foundation
import GeoIO
import GeometryKit
import TestSupport
import Testing

@testable import CoverageCore

/// Coverage maps of the shipped data, with the values computed here: the assignment from
/// CoverageAssignment and a small per-district sum written for these tests (not the gaps module),
/// so that the map can be tested and looked at on its own.
enum ShippedCoverageMaps {
    /// The assignment of every village to every tier, computed once.
    static let assigned: Result<CoverageAssignment, any Error> = Result {
        let standards = try ShippedStandards.straight()
        return try CoverageAssignment(
            layers: try ShippedLayerSet.set(), standards: standards,
            targets: FacilityTier.allCases.map(CareTarget.tier))
    }

    /// Per district of the region: population, population beyond `threshold` for `tier`, and the
    /// uncovered villages. A district with no village has no data (nil percent).
    static func map(region id: String, tier: FacilityTier, threshold: CoverageThreshold) throws -> CoverageMap {
        let layers = try ShippedLayerSet.set()
        let assignment = try assigned.get()
        let region = try layers.requireRegion(id)
        let provinces = Set(region.provincePcodes)
        let care = assignment.nearest(.tier(tier))

        var total: [String: Int] = [:], uncovered: [String: Int] = [:]
        var villages: [CoverageMap.VillageMark] = []
        for (position, point) in assignment.points.enumerated() where provinces.contains(point.provincePcode) {
            total[point.districtPcode, default: 0] += point.figures.population
            if !care[position].isCovered(by: threshold) {
                uncovered[point.districtPcode, default: 0] += point.figures.population
                villages.append(CoverageMap.VillageMark(name: point.name, location: point.location, population: point.figures.population))
            }
        }
        let zones = layers.districts.filter { provinces.contains($0.provincePcode) }.map { district in
            let people = total[district.pcode] ?? 0
            let beyond = uncovered[district.pcode] ?? 0
            return CoverageMap.Zone(
                pcode: district.pcode, name: district.nameEN, geometry: district.geometry,
                percentUncovered: people > 0 ? Double(beyond) / Double(people) * 100 : nil,
                populationUncovered: beyond, populationTotal: people)
        }
        let borders = layers.provinces.filter { provinces.contains($0.pcode) }.map {
            CoverageMap.Border(name: $0.nameEN, geometry: $0.geometry)
        }
        let context = layers.provinces.filter { !provinces.contains($0.pcode) }.map(\.geometry)
        let facilities = layers.facilities.map {
            CoverageMap.FacilityMark(
                id: $0.id, name: $0.name, tier: $0.tier, location: $0.location,
                isInRegion: $0.provincePcode.map(provinces.contains) ?? false)
        }
        return CoverageMap(
            target: .tier(tier), threshold: threshold, regionName: id == "national" ? "Laos" : region.name,
            populationYear: 2023, zones: zones, borders: borders, context: context, facilities: facilities,
            uncoveredVillages: villages, dataNote: DataNotes(layers: layers).mapNote, credits: DataNotes(layers: layers).credits)
    }
}
