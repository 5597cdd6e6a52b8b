import ArgumentParser
import CoverageCore
import Foundation
import GeoIO

/// `coverage suggest`: where new facilities of one tier or service would cover the most people
/// (or facilities) that the existing ones leave beyond the threshold.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Suggest sites for new facilities that cover the most of the population left beyond reach.",
        discussion: """
            Maximal covering location: the existing facilities are kept; among the candidate sites \
            (the region's villages, or the points of --candidates FILE.geojson) it chooses up to --count \
            sites that newly cover the most population (or --weight: under5, births_live, women_15_49) \
            within the threshold (the standard's first limit, or --max-km / --max-minutes). A greedy \
            choice improved by swaps; it reports an upper bound on what any choice of as many sites \
            could cover, so the gap to the optimum is known. It stops at --count sites, once \
            --target-percent of the region's demand is covered, or when no site adds anything. With \
            --demand facilities the facilities are the demand, each counting 1 (e.g. maintenance \
            workshops within reach of the facilities they serve). Writes suggested_sites.geojson and \
            .csv, newly_covered.geojson and manifest.json to --out.
            """
    )

    @OptionGroup var layers: LayerOptions
    @OptionGroup var standards: StandardsOptions
    @OptionGroup var target: TargetOptions
    @OptionGroup var output: OutputOptions

    @Option(
        help:
            "Region, where demand and candidate sites are taken: an id from the regions file (national, north, bolikhamxay-khammouane, …), a province or district P-code or name (LA12, Khammouan, Pakxan), or a comma list of them (LA11,Khammouane)."
    )
    var region = "national"

    @Option(name: .customLong("count"), parsing: .unconditional, help: ArgumentHelp("The most sites to suggest.", valueName: "count"))
    var countText = "10"

    @Option(
        name: .customLong("target-percent"), parsing: .unconditional,
        help: ArgumentHelp("Stop once this share of the region's demand is covered.", valueName: "percent"))
    var targetPercentText: String?

    /// `--count` (validated).
    var count: Int { (try? Self.count(countText)) ?? 10 }

    /// `--target-percent` (validated).
    var targetPercent: Double? { targetPercentText.flatMap { try? Self.targetPercent($0) } }

    static func count(_ text: String) throws -> Int {
        try NumberArgument.whole(text, option: "--count", minimum: 1, expected: "a whole number of sites ≥ 1")
    }

    static func targetPercent(_ text: String) throws -> Double {
        try NumberArgument.number(text, option: "--target-percent", expected: "a percentage above 0 and at most 100", where: { $0 > 0 && $0 <= 100 })
    }

    @Option(help: ArgumentHelp("Candidate sites: villages, or a GeoJSON file of points (id, name).", valueName: "villages|file"))
    var candidates = "villages"

    @Option(help: "What demands care: villages, or facilities.")
    var demand: DemandKind = .villages

    @Option(help: "What to cover for village demand: population, under5, births_live or women_15_49.")
    var weight: TargetGroup = .population

    @Flag(help: "Print the answer as JSON (for scripts) instead of sentences and a table.")
    var json = false

    @OptionGroup var workers: ThreadsOption

    func validate() throws {
        guard target.tiers.count + target.services.count == 1 else {
            throw ValidationError("name one tier or one service to site (--tier health_centre, --service rehabilitation, …)")
        }
        _ = try Self.count(countText)
        _ = try targetPercentText.map(Self.targetPercent)
        if demand == .facilities && weight != .population {
            throw ValidationError("--weight \(weight.rawValue): facilities as demand are counted, not weighted by a population group")
        }
        for (values, option) in [(standards.maxKilometers, "--max-km"), (standards.maxMinutes, "--max-minutes")] {
            if let values, try StandardsOptions.limits(values, option)?.count != 1 {
                throw ValidationError("\(option) \(values): suggest takes one limit")
            }
        }
        if standards.maxKilometers != nil && standards.maxMinutes != nil {
            throw ValidationError("give --max-km or --max-minutes, not both: sites are chosen for one limit")
        }
    }

    func run() throws {
        try reportingErrors {
            let started = Date()
            let folder = try output.folder()
            var run = RunRecorder()
            let (set, applied) = try run.load(layers, standards)
            let chosenRegion = try set.region(option: region)
            let care = try target.targets()[0]
            let threshold = try Self.threshold(standards: standards, applied: applied, target: care)
            var sites = CandidateSite.villages(of: set)
            if candidates != "villages" {
                let layer = try GeoJSONLayer.read(path: candidates)
                run.record(role: "candidates", layer.checksum)
                sites = try CandidateSite.read(layer, layers: set, toleranceMeters: layers.toleranceMeters)
            }
            let suggestion = try run.time("suggest") {
                try SiteSuggestion(
                    layers: set, standards: applied, target: care, threshold: threshold, region: chosenRegion,
                    demand: demand, weight: demand == .facilities ? .facilities : .group(weight),
                    candidates: sites, count: count, targetPercent: targetPercent, threads: workers.threads)
            }
            let parameters = [
                "target": care.name, "threshold": threshold.label, "region": chosenRegion.id, "demand": demand.rawValue,
                "weight": suggestion.weight.name, "candidates": candidates, "count": String(count),
                "target_percent": targetPercent.map { "\($0)" } ?? "none", "threads": workers.recorded, "csv_bom": output.csv.recorded,
            ]
            let travel = TravelNotes(standards: applied, targets: [care])
            run.record(travel)
            try run.finish(
                format: output.format, in: folder, parameters: parameters,
                counts: [
                    "candidates": suggestion.candidateCount, "sites": suggestion.sites.count,
                    "demand_points": suggestion.regionPoints.count, "swaps": suggestion.swaps,
                ]
            ) {
                try suggestion.files().write(to: $0, csvByteOrderMark: output.csv.byteOrderMark)
            }
            let seconds = Date().timeIntervalSince(started)
            print(json ? try JSONText.encode(Answer(suggestion, seconds: seconds)) : Self.summary(suggestion, folder: output.out))
            if !json { for line in TextFormatting.notes(DataNotes(layers: set, targets: [care]), travel: travel) { print(line) } }
        }
    }

    /// The one limit sites are chosen for: the option given, else the standard's first.
    static func threshold(standards options: StandardsOptions, applied: CoverageStandards, target: CareTarget) throws -> CoverageThreshold {
        if let km = try StandardsOptions.limits(options.maxKilometers, "--max-km")?.first { return .kilometers(km) }
        if let minutes = try StandardsOptions.limits(options.maxMinutes, "--max-minutes")?.first { return .minutes(minutes) }
        guard let first = try applied.standard(for: target).primaryThreshold else {
            throw InputError(file: "standards", field: target.name, reason: "the standard for \(target.name) has no limit")
        }
        return first
    }

    static func summary(_ suggestion: SiteSuggestion, folder: String) -> String {
        let what = suggestion.weight == .facilities ? "facilities" : suggestion.weight.name
        func share(_ value: Int) -> String {
            "\(value.grouped) (\(TextFormatting.grouped(SiteSuggestion.percent(value, of: suggestion.demandTotal), places: 1)) %)"
        }
        var lines = [
            "\(suggestion.target.label) sites \(suggestion.threshold.phrase) in \(suggestion.region.name): "
                + "\(TextFormatting.counted(suggestion.sites.count, "site")) from \(suggestion.candidateCount.grouped) candidates.",
            "\(what.prefix(1).uppercased() + what.dropFirst()) covered: \(share(suggestion.coveredBefore)) now, "
                + "\(share(suggestion.coveredAfter)) with the sites (+\(suggestion.gain.grouped)) "
                + "of \(suggestion.demandTotal.grouped).",
        ]
        let bound = suggestion.upperBoundOnGain
        if suggestion.stop == .noGain {
            lines.append("Everything the candidates can reach is covered: no more sites would add anything.")
        } else if bound > 0 {
            lines.append(
                "No \(TextFormatting.counted(suggestion.sites.count, "site")) could add more than \(bound.grouped): "
                    + "this choice gets at least \(TextFormatting.grouped(Double(suggestion.gain) / Double(bound) * 100, places: 1)) % of the best possible.")
        }
        var table = [["rank", "site", "name", "district", "adds", "covered after", "%"]]
        for site in suggestion.sites {
            table.append([
                String(site.rank), site.candidate.id, site.candidate.name, site.candidate.districtPcode ?? "—",
                site.gain.grouped, site.coveredAfter.grouped,
                TextFormatting.grouped(SiteSuggestion.percent(site.coveredAfter, of: suggestion.demandTotal), places: 1),
            ])
        }
        lines.append("")
        lines.append(TextFormatting.columns(table, rightAligned: [0, 4, 5, 6]))
        lines.append("")
        lines.append(
            "Stopped: "
                + (suggestion.stop == .count
                    ? "\(suggestion.sites.count) sites chosen" : suggestion.stop == .target ? "the target share is covered" : "no site adds anything")
                + "; wrote \(folder)/.")
        return lines.joined(separator: "\n")
    }

    /// The `--json` answer.
    struct Answer: Encodable {
        struct Site: Encodable {
            let rank: Int, id: String, name: String, districtPcode: String?, provincePcode: String?
            let lon: Double, lat: Double, gain: Int, coveredAfter: Int, newlyCoveredPoints: Int
        }
        let target: String, threshold: String, radiusM: Double?, weight: String, region: String, demand: String
        let candidates: Int, demandPoints: Int, demandTotal: Int, coveredBefore: Int, coveredAfter: Int
        let gain: Int, upperBound: Int, stopped: String, swaps: Int, sites: [Site], seconds: Double

        init(_ suggestion: SiteSuggestion, seconds: Double) {
            target = suggestion.target.name
            threshold = suggestion.threshold.label
            if case .kilometers(let km) = suggestion.threshold { radiusM = km * 1_000 } else { radiusM = nil }
            weight = suggestion.weight.name
            region = suggestion.region.id
            demand = suggestion.demand.rawValue
            candidates = suggestion.candidateCount
            demandPoints = suggestion.regionPoints.count
            demandTotal = suggestion.demandTotal
            coveredBefore = suggestion.coveredBefore
            coveredAfter = suggestion.coveredAfter
            gain = suggestion.gain
            upperBound = suggestion.upperBoundOnGain
            stopped = suggestion.stop.rawValue
            swaps = suggestion.swaps
            sites = suggestion.sites.map {
                Site(
                    rank: $0.rank, id: $0.candidate.id, name: $0.candidate.name, districtPcode: $0.candidate.districtPcode,
                    provincePcode: $0.candidate.provincePcode, lon: $0.candidate.location.lon, lat: $0.candidate.location.lat,
                    gain: $0.gain, coveredAfter: $0.coveredAfter, newlyCoveredPoints: $0.newlyCovered.count)
            }
            self.seconds = seconds
        }
    }
}
extension TargetGroup: ExpressibleByArgument {}
