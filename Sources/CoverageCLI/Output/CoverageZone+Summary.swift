import CoverageCore

extension CoverageZone {
    /// The rows of the zones a summary lists under `region` (``isListed(in:)``), none when the
    /// region is one province or district: its row is then the region's own, listed once.
    static func listed<Row>(_ rows: [Row], in region: Region, zone: (Row) -> CoverageZone) -> [Row] {
        let listed = rows.filter { zone($0).isListed(in: region) }
        return listed.allSatisfy({ zone($0).code == region.id }) ? [] : listed
    }

    /// True for the zones a summary table lists under its region: the provinces it holds whole,
    /// and the districts it holds besides (all of a region made of districts).
    func isListed(in region: Region) -> Bool {
        switch level {
        case .province: true
        case .district: !region.holdsWhole(province: provincePcodes.first ?? "")
        case .region, .national: false
        }
    }
}
