import Foundation
import GeoIO
import TestSupport
import Testing

@Suite("coverage (root command)")
struct CoverageCommandTests {
    @Test func help() throws {
        let run = try CoverageProcess.run(["--help"])
        #expect(!run.crashed)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == (try CoverageProcess.fixtureText("golden/help.txt")))
        #expect(run.stderr == "")
    }

    @Test func noArgumentsPrintsTheHelp() throws {
        let run = try CoverageProcess.run([])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == (try CoverageProcess.fixtureText("golden/help.txt")))
        #expect(run.stderr == "")
    }

    @Test func version() throws {
        let run = try CoverageProcess.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "0.1.0\n")
        #expect(run.stderr == "")
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let run = try CoverageProcess.run(["frobnicate"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout == "")
        #expect(
            run.stderr == """
                Error: Unexpected argument 'frobnicate'
                Usage: coverage <subcommand>
                  See 'coverage --help' for more information.

                """)
    }

    @Test func inspectHelp() throws {
        let run = try CoverageProcess.run(["inspect", "--help"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == (try CoverageProcess.fixtureText("golden/inspect-help.txt")))
        #expect(run.stderr == "")
        // `coverage help inspect` says the same.
        let viaHelp = try CoverageProcess.run(["help", "inspect"])
        #expect(viaHelp.status == 0)
        #expect(viaHelp.stdout == run.stdout)
    }
}
