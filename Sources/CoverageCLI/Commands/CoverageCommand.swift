import ArgumentParser
import CoverageCore

@main
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Three-tier health service coverage analytics for Laos.",
        version: ToolVersion.current,
        subcommands: [
            InspectCommand.self, LayersCommand.self, ImportCommand.self, ReportCommand.self, AssignCommand.self, GapsCommand.self, CatchmentsCommand.self,
            QueryCommand.self, SuggestCommand.self, CapacityCommand.self, RunCommand.self, CompareCommand.self,
        ]
    )
}
