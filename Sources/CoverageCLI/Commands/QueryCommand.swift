import ArgumentParser
import CoverageCore
import Foundation

/// `coverage query village|facility|point`: answers for one place, in sentences and a small
/// table, or as JSON for scripts.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Answer for one village, facility or point: its care, distances, times and coverage.",
        discussion: """
            Each answer is read from the same assignment `coverage assign` writes (nearest facility by geodesic \
            distance on WGS 84, travel time by the standards' travel model), for the whole layer set. An unknown \
            code, id or name exits with status 64 and lists the closest matches; a name that several villages \
            share lists them all, with codes and districts.
            """,
        subcommands: [QueryVillageCommand.self, QueryFacilityCommand.self, QueryPointCommand.self]
    )
}

/// What every query takes besides the place: the layers, the standards, `--json` and `--threads`.
struct QueryOptions: ParsableArguments {
    @OptionGroup var layers: LayerOptions
    @OptionGroup var standards: StandardsOptions

    @Flag(help: "Print the answer as JSON (one object, every field present, null where unknown) instead of text.")
    var json = false

    @OptionGroup var workers: ThreadsOption
}

/// `coverage query village <code or name>`.
struct QueryVillageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "village",
        abstract: "A village's district, population, nearest facility per tier (distance, time, covered or not) and referral chain.",
        discussion: """
            Give the village code (e.g. 101001) or its name. Names match ignoring case, repeated spaces and the \
            "B." (Ban) prefix: "Nongping", "B. Nongping" and "ban nongping" are the same name. A name several \
            villages share lists them all; run again with the code.
            """
    )

    @Argument(help: ArgumentHelp("The village code or name.", valueName: "code-or-name"))
    var village: String

    @OptionGroup var options: QueryOptions
    @OptionGroup var targets: TargetOptions

    func run() throws {
        try reportingErrors {
            let applied = try options.standards.load(dataDirectory: options.layers.dataDirectory)
            let set = try options.layers.load(careModel: applied.careModel)
            let answer = try VillageQuery(village, layers: set, standards: applied, targets: try targets.targets(), threads: options.workers.threads)
            print(options.json ? try answer.json(facilities: set.facilities).jsonText() : QueryText.village(answer, layers: set))
            // How the minutes were measured, under a text answer.
            if !options.json { for line in TravelNotes(standards: applied, targets: try targets.targets()).lines { print("Note: " + line) } }
        }
    }
}

/// `coverage query facility <id>`.
struct QueryFacilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facility",
        abstract: "A facility's tier, services, capacity and place, the villages it serves, and the nearest facility of the next tier up.",
        discussion: "Give the facility id (e.g. DH-LA1101; case does not matter) or its full name."
    )

    @Argument(help: ArgumentHelp("The facility id or name.", valueName: "id"))
    var facility: String

    @OptionGroup var options: QueryOptions

    func run() throws {
        try reportingErrors {
            let applied = try options.standards.load(dataDirectory: options.layers.dataDirectory)
            let set = try options.layers.load(careModel: applied.careModel)
            let answer = try FacilityQuery(facility, layers: set, standards: applied, threads: options.workers.threads)
            print(options.json ? try answer.json(facilities: set.facilities).jsonText() : QueryText.facility(answer, layers: set))
            // How the minutes were measured (of its tier and the tiers above), under a text answer.
            if !options.json {
                for line in TravelNotes(standards: applied, targets: FacilityTier.allCases.map(CareTarget.tier)).lines { print("Note: " + line) }
            }
        }
    }
}

/// `coverage query point --lon X --lat Y`.
struct QueryPointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "point",
        abstract: "The district a point lies in, and per tier the nearest facility, distance, time and whether it is covered.",
        discussion: "Longitude and latitude in degrees, WGS 84 (e.g. --lon 102.6 --lat 17.97)."
    )

    // Text, `.unconditional`: a longitude west of Greenwich (`--lon -5`) is a value, not an option.
    @Option(name: .customLong("lon"), parsing: .unconditional, help: ArgumentHelp("Longitude, degrees east (WGS 84).", valueName: "lon"))
    var lonText: String

    @Option(name: .customLong("lat"), parsing: .unconditional, help: ArgumentHelp("Latitude, degrees north (WGS 84).", valueName: "lat"))
    var latText: String

    var lon: Double { (try? Self.longitude(lonText)) ?? .nan }
    var lat: Double { (try? Self.latitude(latText)) ?? .nan }

    static func longitude(_ text: String) throws -> Double {
        try NumberArgument.number(text, option: "--lon", expected: "a longitude between -180 and 180 degrees", where: { abs($0) <= 180 })
    }

    static func latitude(_ text: String) throws -> Double {
        try NumberArgument.number(text, option: "--lat", expected: "a latitude between -90 and 90 degrees", where: { abs($0) <= 90 })
    }

    @OptionGroup var options: QueryOptions
    @OptionGroup var targets: TargetOptions

    func validate() throws {
        _ = try Self.longitude(lonText)
        _ = try Self.latitude(latText)
    }

    func run() throws {
        try reportingErrors {
            let applied = try options.standards.load(dataDirectory: options.layers.dataDirectory)
            let set = try options.layers.load(careModel: applied.careModel)
            let answer = try PointQuery(
                .init(lon: lon, lat: lat), layers: set, standards: applied, targets: try targets.targets(),
                toleranceMeters: options.layers.toleranceMeters)
            print(options.json ? try answer.json(facilities: set.facilities).jsonText() : QueryText.point(answer, layers: set))
            // How the minutes were measured, under a text answer.
            if !options.json { for line in TravelNotes(standards: applied, targets: try targets.targets()).lines { print("Note: " + line) } }
        }
    }
}
