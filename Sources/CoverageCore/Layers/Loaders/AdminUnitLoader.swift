import GeoIO
import GeometryKit

/// Turns province or district records into ``AdminUnit``s, reporting every problem.
enum AdminUnitLoader {
    /// `provinces`, for districts: the provinces a district may name (nil: not checked); a
    /// province's name where its P-code belongs is answered with the code.
    static func load(
        _ records: [LayerRecord], kind: LayerKind, mapping: FieldMapping, repair: Bool,
        provinces: [AdminUnit]? = nil, into report: inout ValidationReport
    ) -> [AdminUnit] {
        precondition(kind.isAdministrative)
        let level: AdminLevel = kind == .provinces ? .province : .district
        let knownProvinces = provinces.map { Set($0.map(\.pcode)) }
        let provinceNames = provinces.map(AdminNames.init)
        var units: [AdminUnit] = []
        for record in records {
            var fields = RecordFields(record, mapping)
            guard let pcode = fields.identifier(into: &report) else { continue }
            let name = fields.text(.name, into: &report)
            let nameLO = fields.text(.nameLO, into: &report)
            let province =
                level == .province
                ? pcode
                : fields.requiredText(.province, "a district needs its province P-code", into: &report)
            if level == .district, let province, let knownProvinces, !knownProvinces.contains(province),
                let answer = provinceNames?.answer(for: province, expected: .province)
            {
                fields.fail("name_for_pcode", mapping.field(.province), answer, into: &report)
            } else if level == .district, let province, let knownProvinces, !knownProvinces.contains(province) {
                fields.fail(
                    "unknown_province_code", mapping.field(.province),
                    "district \(pcode) names province \(province), which is not in the provinces layer",
                    suggestion: ClosestName.suggestion(for: province, among: knownProvinces.sorted()).map { "did you mean \($0)?" },
                    into: &report)
            }
            let population = fields.count(.population, into: &report)
            let under5 = fields.count(.under5, into: &report)
            let birthsLive = fields.count(.birthsLive, into: &report)
            let women = fields.count(.women15to49, into: &report)
            let year = fields.count(.populationYear, into: &report)
            let byYear = populationByYear(record, prefix: mapping.field(.populationByYearPrefix), fields: &fields, into: &report)
            let geometry = RecordGeometry.area(of: record, kind: kind, id: pcode, repair: repair, into: &report)
            guard !fields.failed, let province, let geometry else { continue }
            if name == nil {
                report.warning("missing_name", recordId: pcode, record.problem(mapping.field(.name), "no name; the P-code stands in for it"))
            }
            units.append(
                AdminUnit(
                    pcode: pcode, level: level, nameEN: name ?? pcode, nameLO: nameLO, provincePcode: province,
                    figures: population.map { PopulationFigures(population: $0, under5: under5, birthsLive: birthsLive, women15to49: women) },
                    populationYear: year, populationByYear: byYear, geometry: geometry,
                    otherNames: otherNames(record, mapping: mapping)))
        }
        return units
    }

    /// The text of every other field named `name_…` (`name_lsb`, `name_fr`, …): the spellings of
    /// the unit's name besides the name and Lao-name roles.
    private static func otherNames(_ record: LayerRecord, mapping: FieldMapping) -> [String] {
        let roles: Set<String> = [mapping.field(.name), mapping.field(.nameLO)]
        return record.fields.members.compactMap { key, value in
            guard key.hasPrefix("name_"), !roles.contains(key), let text = value.stringValue?.trimmingBlanks, !text.isEmpty else { return nil }
            return text
        }
    }

    /// `population_2015` … style fields: the prefix followed by a four-digit year.
    private static func populationByYear(
        _ record: LayerRecord, prefix: String, fields: inout RecordFields,
        into report: inout ValidationReport
    ) -> [Int: Int] {
        var result: [Int: Int] = [:]
        for key in record.fields.keys where key.hasPrefix(prefix) {
            let suffix = key.dropFirst(prefix.count)
            guard suffix.count == 4, let year = Int(suffix) else { continue }
            do {
                guard let value = try record.integer(key) else { continue }
                guard value >= 0 else {
                    fields.fail("negative_population", key, "expected a whole number ≥ 0, found \(value)", into: &report)
                    continue
                }
                result[year] = value
            } catch let error as InputError {
                fields.markFailed()
                report.error("invalid_population", recordId: fields.id, error)
            } catch {
                fields.markFailed()
            }
        }
        return result
    }
}
