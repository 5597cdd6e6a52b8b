import Foundation
import GeoIO
import GeometryKit

/// The rows of the suggestion's files.
extension SiteSuggestion {
    /// One row per suggested site, in rank order; the site's point is the row's location (the
    /// GeoJSON geometry, and `lon`/`lat` in the CSV).
    public func siteRows() -> [(properties: JSONObject, location: Coordinate)] {
        sites.map { site in
            (
                JSONObject([
                    ("rank", .count(site.rank)),
                    ("site_id", .string(site.candidate.id)),
                    ("site_name", .string(site.candidate.name)),
                    ("district_pcode", .text(site.candidate.districtPcode)),
                    ("province_pcode", .text(site.candidate.provincePcode)),
                    ("target", .string(target.name)),
                    ("threshold", .string(threshold.label)),
                    ("weight", .string(weight.name)),
                    ("gain", .count(site.gain)),
                    ("newly_covered_\(demand.rawValue)", .count(site.newlyCovered.count)),
                    ("covered_after", .count(site.coveredAfter)),
                    ("percent_covered_after", .number(Self.percent(site.coveredAfter, of: demandTotal))),
                ]), site.candidate.location
            )
        }
    }

    /// One row per demand point a site newly covers, with the site (the first in rank order).
    public func newlyCoveredRows() -> [(properties: JSONObject, location: Coordinate)] {
        sites.flatMap { site in
            site.newlyCovered.map { position in
                let point = points[position]
                return (
                    JSONObject([
                        ("\(demand.noun)_id", .string(point.id)),
                        ("\(demand.noun)_name", .string(point.name)),
                        ("district_pcode", .string(point.districtPcode)),
                        ("province_pcode", .string(point.provincePcode)),
                        (weight.name, .count(weight.value(of: point))),
                        ("site_rank", .count(site.rank)),
                        ("site_id", .string(site.candidate.id)),
                    ]), point.location
                )
            }
        }
    }

    /// `part` as a percentage of `whole`, to 0.01; 0 when the whole is 0.
    public static func percent(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : (Double(part) / Double(whole) * 10_000).rounded() / 100
    }
}
