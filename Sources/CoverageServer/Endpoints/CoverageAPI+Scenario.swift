import CoverageCore
import GeoIO

extension CoverageAPI {
    /// `POST /api/scenario` with the question's fields, `changes` and `name`: the scenario file
    /// `coverage run` reads for this what-if (YAML, as a download).
    func scenarioFile(_ fields: RequestFields) throws -> APIResponse {
        let question = try Question(fields, standards: standards)
        let name = try fields.text("name") ?? "what-if"
        guard !name.isEmpty, name.count <= 100 else { throw APIError(400, "name must be 1 to 100 characters") }
        _ = try region(question.area)
        var scenario = Scenario(file: "", name: name)
        scenario.description = "What-if made on the web page: \(question.care.label) \(question.threshold.phrase)."
        scenario.dataDirectory = dataDirectory
        scenario.region = question.area
        scenario.targets = [question.care]
        switch question.threshold {
        case .kilometers(let km): scenario.maxKilometers = [km]
        case .minutes(let minutes): scenario.maxMinutes = [minutes]
        }
        scenario.travel = question.travel
        scenario.changes = try ChangeList.parse(fields.value("changes"))
        // A change `coverage run` would refuse (an unknown id, a point outside Laos) is refused here.
        do {
            _ = try layers.applying(scenario.changes, file: "changes")
        } catch let error as InputError {
            throw ChangeList.problem(error)
        }
        let safeName = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return APIResponse(contentType: "application/yaml", body: Array(ScenarioFile.text(scenario).utf8), attachmentName: safeName + ".yaml")
    }
}
