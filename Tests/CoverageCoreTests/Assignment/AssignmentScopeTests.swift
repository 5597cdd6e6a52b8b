import CoverageCore
import Foundation
import GeoIO
import TestSupport
import Testing

/// An assignment in the `.coverage` scope finds exactly what coverage is judged on, and nothing else.
@Suite("CoverageAssignment.Scope")
struct AssignmentScopeTests {
    @Test func theCoverageScopeFindsTheSameNearestAndLeavesTheRest() throws {
        let standards = try StandardsFile.read(path: LayerFixtures.geoData.appendingPathComponent(StandardsFile.defaultFileName).path)
        var sources = LayerSources(dataDirectory: LayerFixtures.geoData)
        sources.careModel = standards.careModel
        let layers = try LayerSet.load(sources)
        // Health-centre care walked over the shipped raster, district-hospital care straight.
        let targets: [CareTarget] = [.tier(.healthCentre), .tier(.districtHospital)]
        #expect(standards.standards[.tier(.healthCentre)]?.travel == .raster)
        let full = try CoverageAssignment(layers: layers, standards: standards, targets: targets)
        let coverage = try CoverageAssignment(layers: layers, standards: standards, targets: targets, scope: .coverage)
        for target in targets {
            let sameNearest = coverage.nearest(target) == full.nearest(target)
            let sameByDistance = coverage.nearestByDistance[target] == full.nearestByDistance[target]
            #expect(sameNearest && sameByDistance, "\(target): the nearest facilities differ")
            // Cell by cell, bit for bit (NaN, no facility reaches the cell, is not equal to itself).
            let sameMinutes = coverage.travelMinutes[target]?.minutes.map(\.bitPattern) == full.travelMinutes[target]?.minutes.map(\.bitPattern)
            let sameFacilities = coverage.travelMinutes[target]?.nearestFacility == full.travelMinutes[target]?.nearestFacility
            #expect(sameMinutes && sameFacilities, "\(target): the cells' minutes or facilities differ")
            for threshold in try standards.standard(for: target).thresholds {
                let same = coverage.care(target, judgedBy: threshold) == full.care(target, judgedBy: threshold)
                #expect(same, "\(target) \(threshold)")
            }
        }
        #expect(full.travelMinutes[.tier(.healthCentre)] != nil && full.chains != nil && !full.administrative.isEmpty)
        #expect(coverage.nearestOfTier.isEmpty && coverage.administrative.isEmpty && coverage.chains == nil)
        // The same gaps, row for row.
        let region = try layers.requireRegion("bolikhamxay-khammouane")
        let gapsFull = try CoverageGaps(assignment: full, layers: layers, region: region)
        let gapsCoverage = try CoverageGaps(assignment: coverage, layers: layers, region: region)
        let sameRows = gapsCoverage.tableRows() == gapsFull.tableRows()
        #expect(sameRows, "the gaps' rows differ")
    }
}
