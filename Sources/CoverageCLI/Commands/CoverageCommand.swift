import ArgumentParser
import CoverageCore
import GeoIO

@main
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Three-tier health service coverage analytics for Laos.",
        version: ToolVersion.current,
        subcommands: [
            InspectCommand.self, LayersCommand.self, ImportCommand.self, ReportCommand.self, AssignCommand.self, GapsCommand.self, CatchmentsCommand.self,
            QueryCommand.self, SuggestCommand.self, CapacityCommand.self, RunCommand.self, CompareCommand.self, TravelTimeCommand.self,
            ServeCommand.self,
        ]
    )

    /// Signals are taken first, while the process has one thread (see `Interruption`): SIGINT,
    /// SIGTERM and SIGHUP remove what the run was writing and exit 130, 143 or 129. The allocator
    /// keeps one arena per core, not eight (see `FreedMemory`).
    static func main() {
        FreedMemory.limitArenas()
        Interruption.handleSignals()
        main(nil)
    }
}
