import Foundation

extension SiteSuggestion {
    /// The files: `suggested_sites.geojson` and `.csv` (rank, what each site adds, coverage
    /// after), and `newly_covered.geojson` (the villages the sites cover).
    /// - Throws: ``NonFiniteNumberError`` when a value cannot be written.
    public func files() throws -> [OutputFile] {
        let sites = siteRows()
        return [
            try .points("suggested_sites.geojson", sites),
            .csv("suggested_sites.csv", points: sites),
            try .points("newly_covered.geojson", newlyCoveredRows()),
        ]
    }
}
