import GeoIO
import GeometryKit

/// Turns village records into ``Village``s, reporting every problem. Villages without stated
/// codes take the district and province their point lies in (see ``LayerSet``).
enum VillageLoader {
    /// A village as read, before its codes are resolved against the admin layers.
    struct Draft {
        let record: LayerRecord
        let code: String
        /// The name as given, nil when blank.
        let name: String?
        let statedDistrict: String?
        let statedProvince: String?
        let location: Coordinate
        let figures: PopulationFigures
        let populationYear: Int?
        /// Whether the figures are estimates, nil when the record does not say.
        let estimated: Bool?
    }

    static func load(_ records: [LayerRecord], mapping: FieldMapping, into report: inout ValidationReport) -> [Draft] {
        var drafts: [Draft] = []
        for record in records {
            var fields = RecordFields(record, mapping)
            guard let code = fields.identifier(into: &report) else { continue }
            let name = fields.text(.name, into: &report)
            let district = fields.text(.district, into: &report)
            let province = fields.text(.province, into: &report)
            let populationField = mapping.field(.population)
            let population = fields.count(.population, into: &report)
            if population == nil && !fields.failed {
                fields.fail("missing_population", populationField, "a village needs a population (a whole number ≥ 0)", into: &report)
            }
            let under5 = fields.count(.under5, into: &report)
            let birthsLive = fields.count(.birthsLive, into: &report)
            let women = fields.count(.women15to49, into: &report)
            let year = fields.count(.populationYear, into: &report)
            let estimated = fields.boolean(.populationEstimated, into: &report)
            let location = RecordGeometry.point(of: record, kind: .villages, id: code, into: &report)
            guard !fields.failed, let population, let location else { continue }
            if name == nil {
                report.warning("missing_name", recordId: code, record.problem(mapping.field(.name), "no name"))
            }
            drafts.append(
                Draft(
                    record: record, code: code, name: name, statedDistrict: district, statedProvince: province,
                    location: location,
                    figures: PopulationFigures(population: population, under5: under5, birthsLive: birthsLive, women15to49: women),
                    populationYear: year, estimated: estimated))
        }
        return drafts
    }
}
