import Foundation
import GeoIO
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--out` as a user meets it, run as processes on the Bolikhamxay coverage fixture: a folder
/// replaced as a whole by every command that writes one (a re-run with other options leaves
/// exactly its own manifest's files), SIGINT and SIGTERM at known points of the write leaving
/// the previous run byte for byte and nothing beside it, and an output that cannot be written
/// refused before anything is read.
@Suite("--out: output folders replaced as a whole")
struct OutputOptionsTests {
    static let data = CoverageProcess.coreFixtures.appendingPathComponent("coverage")

    /// The manifest of the run in `folder`.
    static func manifest(_ folder: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any])
    }

    /// The entries a folder holding exactly its manifest's run has: the files listed, the
    /// manifest, and the folders they are in.
    static func expectedEntries(_ folder: URL) throws -> Set<String> {
        let outputs = try #require(try manifest(folder)["outputs"] as? [String])
        var expected: Set<String> = ["manifest.json"]
        for output in outputs {
            var components = output.split(separator: "/").map(String.init)
            while !components.isEmpty {
                expected.insert(components.joined(separator: "/"))
                components.removeLast()
            }
        }
        return expected
    }

    /// A command line of each command that writes a folder, writing to `out`; inputs it needs
    /// (a scenario, two runs to compare) are made in `inputs`.
    static func commandLine(_ command: String, out: String, inputs: URL) throws -> [String] {
        let data = ["--data", Self.data.path]
        switch command {
        case "report": return ["report"] + data + ["--region", "bolikhamxay", "--max-km", "5,10", "--out", out]
        case "assign": return ["assign"] + data + ["--service", "rehabilitation", "--out", out]
        case "gaps": return ["gaps"] + data + ["--region", "bolikhamxay", "--max-km", "5,10", "--out", out]
        case "catchments": return ["catchments"] + data + ["--tier", "district_hospital", "--out", out]
        case "capacity": return ["capacity"] + data + ["--region", "bolikhamxay", "--ignore-capacity", "--tier", "health_centre", "--out", out]
        case "suggest": return ["suggest"] + data + ["--tier", "health_centre", "--region", "bolikhamxay", "--count", "2", "--out", out]
        case "run":
            let scenario = try RunCompareCommandTests.scenario("re-run", in: inputs)
            return ["run", scenario.path, "--out", out]
        case "compare":
            // A run compared with itself: no change, but every file of a comparison.
            let run = try CoverageProcess.run(["gaps"] + data + ["--region", "bolikhamxay", "--out", inputs.appendingPathComponent("a").path])
            try #require(run.status == 0, "\(run)")
            return ["compare", inputs.appendingPathComponent("a").path, inputs.appendingPathComponent("a").path, "--out", out]
        default: preconditionFailure("no command line for \(command)")
        }
    }

    static let folderCommands = ["report", "assign", "gaps", "catchments", "capacity", "suggest", "run", "compare"]

    /// Finding 2: a second run with other options left the first run's folders and maps beside
    /// its own files. Now the folder holds exactly what the second manifest lists, whichever
    /// command the second run is (after a national report, the most files and folders).
    @Test(arguments: folderCommands)
    func aSecondRunLeavesExactlyTheFilesOfItsManifest(command: String) throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let parent = root.appendingPathComponent("results"), inputs = root.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let out = parent.appendingPathComponent("out")

        let first = try CoverageProcess.run(["report", "--data", Self.data.path, "--out", out.path])
        try #require(first.status == 0, "\(first)")
        let before = try folderSnapshot(out)
        #expect(before.keys.contains("national/gaps.csv") && before.keys.contains("bolikhamxay/gaps.csv"))
        #expect(Set(before.keys) == (try Self.expectedEntries(out)))

        let arguments = try Self.commandLine(command, out: out.path, inputs: inputs)
        let second = try CoverageProcess.run(arguments)
        try #require(second.status == 0, "\(second)")
        #expect(Set(try folderSnapshot(out).keys) == (try Self.expectedEntries(out)))
        #expect(try Self.manifest(out)["command"] as? [String] == arguments)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("national").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    /// Finding 1: SIGINT or SIGTERM during the write left a mix of new and old files and a
    /// hidden temporary file. Now, at each pause point of the write (see `TestPause`), the
    /// folder is byte for byte the previous complete run, nothing is left beside it, and the run
    /// exits 128 + the signal with one line saying so.
    @Test(arguments: [SIGINT, SIGTERM], ["staged", "file", "swap"])
    func anInterruptedWriteLeavesThePreviousRunAndNothingElse(signal: Int32, point: String) throws {
        let parent = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        let previous = try CoverageProcess.run(["report", "--data", Self.data.path, "--region", "bolikhamxay", "--max-km", "5,10", "--out", out.path])
        try #require(previous.status == 0, "\(previous)")
        let before = try folderSnapshot(out)

        let started = try CoverageProcess.start(
            ["report", "--data", Self.data.path, "--out", out.path], environment: ["HEALTHCOVERAGE_TEST_PAUSE": point])
        try #require(started.waitForStandardError(containing: "paused at \(point)"), "\(started.standardErrorSoFar)")
        // The run is in its write phase: its staging folder is beside the folder, and at `file`
        // it holds a complete temporary file.
        let staging = ".out.coverage-staging-\(started.processIdentifier)"
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == [staging, "out"])
        // Names only: the other files of the write may still be moving while one thread pauses.
        let staged = try FileManager.default.subpathsOfDirectory(atPath: parent.appendingPathComponent(staging).path)
        if point == "file" { #expect(staged.contains { $0.split(separator: "/").last!.contains(".tmp-") }, "\(staged)") }
        if point == "swap" { #expect(staged.contains("manifest.json") && staged.contains("national/gaps.csv")) }
        started.send(signal)
        let run = try started.finish()

        #expect(!run.crashed && run.status == 128 + signal, "\(run)")
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(run.stderr == "paused at \(point)\nerror: interrupted (\(name)); nothing was written to \(out.path): it is as it was before the run\n")
        #expect(try folderSnapshot(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    /// An interrupted first run into a folder that did not exist leaves no folder, and removes
    /// the folders it made for it.
    @Test func anInterruptedFirstRunLeavesNoFolder() throws {
        let parent = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("new/deeper/out")
        let started = try CoverageProcess.start(
            ["gaps", "--data", Self.data.path, "--region", "bolikhamxay", "--out", out.path], environment: ["HEALTHCOVERAGE_TEST_PAUSE": "file"])
        try #require(started.waitForStandardError(containing: "paused at file"), "\(started.standardErrorSoFar)")
        #expect(FileManager.default.fileExists(atPath: parent.appendingPathComponent("new/deeper").path))
        started.send(SIGINT)
        let run = try started.finish()
        #expect(run.status == 130, "\(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [])
    }

    /// The one file an import writes: an interruption just before its rename leaves the file
    /// there before as it was, and no temporary file.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedImportLeavesTheFileAsItWas(signal: Int32) throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("villages.geojson")
        try Data("the previous layer\n".utf8).write(to: out)
        let started = try CoverageProcess.start(
            ["import", "csv", "import/good_villages.csv", "--layer", "villages", "--out", out.path], environment: ["HEALTHCOVERAGE_TEST_PAUSE": "file"])
        try #require(started.waitForStandardError(containing: "paused at file"), "\(started.standardErrorSoFar)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 2)  // the file and its temporary copy
        started.send(signal)
        let run = try started.finish()
        #expect(!run.crashed && run.status == 128 + signal, "\(run)")
        #expect(run.stderr.hasSuffix("nothing was written to \(out.path): it is as it was before the run\n"), "\(run)")
        #expect(try String(contentsOf: out, encoding: .utf8) == "the previous layer\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["villages.geojson"])
    }

    /// Signals at random moments of whole runs (seeded): whenever it comes — while loading,
    /// computing, writing, swapping or after — the folder is either the previous run byte for
    /// byte or a complete new one holding exactly its manifest's files, and nothing is left
    /// beside it.
    @Test func aSignalAtAnyMomentLeavesOneCompleteRun() throws {
        let parent = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        let previous = try CoverageProcess.run(["gaps", "--data", Self.data.path, "--region", "bolikhamxay", "--max-km", "5", "--out", out.path])
        try #require(previous.status == 0, "\(previous)")
        let arguments = ["report", "--data", Self.data.path, "--out", out.path]
        let timed = try CoverageProcess.run(arguments, in: CoverageProcess.fixtures)
        try #require(timed.status == 0, "\(timed)")
        let seconds = Double(timed.elapsed.components.seconds) + Double(timed.elapsed.components.attoseconds) * 1e-18
        var generator = SplitMix64(seed: 15)
        var outcomes: [String: Int] = [:]
        for _ in 0..<12 {
            // Back to the previous run, so that an untouched folder can be told from a new one.
            try FileManager.default.removeItem(at: out)
            try #require(try CoverageProcess.run(previous.arguments).status == 0)
            let before = try folderSnapshot(out)

            let signal = generator.index(2) == 0 ? SIGINT : SIGTERM
            let started = try CoverageProcess.start(arguments)
            Thread.sleep(forTimeInterval: generator.uniform(0, seconds * 1.1))
            started.send(signal)
            let run = try started.finish()

            let left = try FileManager.default.contentsOfDirectory(atPath: parent.path)
            #expect(left == ["out"], "\(left) \(run)")
            let after = try folderSnapshot(out)
            if after == before {
                #expect(run.status == 128 + signal || (run.crashed && run.status == signal), "\(run)")
                outcomes["previous run kept", default: 0] += 1
            } else {
                #expect(Set(after.keys) == (try Self.expectedEntries(out)), "\(run)")
                #expect(try Self.manifest(out)["command"] as? [String] == arguments)
                #expect(run.status == 0 || run.status == 128 + signal, "\(run)")
                outcomes["new run complete", default: 0] += 1
            }
        }
        // The moments spread over the run: some signals came before the swap.
        #expect(outcomes["previous run kept", default: 0] > 0, "\(outcomes)")
    }

    /// Finding 3: an unwritable --out failed only after the computation. Now each command
    /// checks it first: with inputs that cannot even be read (which would exit 66), an --out
    /// that is a file exits 73 — so nothing was read before the check.
    @Test(arguments: folderCommands + ["import"])
    func anOutputThatIsAFileFailsBeforeAnyInputIsRead(command: String) throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("taken")
        try Data("a user's file\n".utf8).write(to: file)
        let missing = root.appendingPathComponent("no-such-data").path
        let arguments: [String]
        var expected = "it is a file, not a folder: give a folder for the outputs"
        switch command {
        case "run":
            let scenario = root.appendingPathComponent("s.yaml")
            try "name: s\ndata: \(missing)\nregion: bolikhamxay\n".write(to: scenario, atomically: true, encoding: .utf8)
            arguments = ["run", scenario.path, "--out", file.path]
        case "compare":
            arguments = ["compare", missing + "/a", missing + "/b", "--out", file.path]
        case "import":
            // An import writes a file: a folder in its place is what cannot be written.
            arguments = ["import", "csv", missing + "/v.csv", "--layer", "villages", "--out", root.path]
            expected = "it is a directory"
        default:
            arguments = [command, "--data", missing, "--out", file.path] + (command == "suggest" ? ["--tier", "health_centre"] : [])
        }
        let run = try CoverageProcess.run(arguments)
        #expect(run.status == 73, "\(run)")
        #expect(run.stderr == "error: \(command == "import" ? root.path : file.path): cannot be written: \(expected)\n", "\(run)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "a user's file\n")
    }

    /// A folder it cannot write in, whoever runs the tests: under root, the run is made as
    /// `nobody` (setpriv, util-linux), to whom a 0555 folder is read-only. Exit 73 before the
    /// (unreadable) inputs are touched, nothing made.
    @Test func aReadOnlyParentFailsBeforeAnyInputIsRead() throws {
        let root = try temporaryDirectory()
        defer {
            chmod(root.appendingPathComponent("read-only").path, 0o755)
            try? FileManager.default.removeItem(at: root)
        }
        let readOnly = root.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: false)
        #expect(chmod(readOnly.path, 0o555) == 0)
        chmod(root.path, 0o755)
        let arguments = ["report", "--data", root.appendingPathComponent("no-such-data").path, "--out", readOnly.appendingPathComponent("out").path]
        let run: CoverageRun
        if geteuid() == 0 {
            let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
            try #require(FileManager.default.isExecutableFile(atPath: setpriv.path), "root runs the test as nobody with setpriv (util-linux)")
            run = try CoverageProcess.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", try CoverageProcess.binary().path] + arguments, executable: setpriv)
        } else {
            run = try CoverageProcess.run(arguments)
        }
        #expect(run.status == 73, "\(run)")
        #expect(
            run.stderr == "error: \(readOnly.path)/out: cannot be written: no folder can be made in \(readOnly.path): Permission denied\n", "\(run)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: readOnly.path) == [])
    }

    /// Nobody, root included, can make a folder in /proc.
    #if os(Linux)
        @Test func aFolderNobodyCanWriteInFailsAtOnce() throws {
            let run = try CoverageProcess.run(["gaps", "--data", "/no-such-data", "--out", "/proc/coverage-output-test"])
            #expect(run.status == 73, "\(run)")
            #expect(run.stderr == "error: /proc/coverage-output-test: cannot be written: no folder can be made in /proc: No such file or directory\n")
        }
    #endif

    /// A user's own folder is never emptied: a folder with files and no manifest of a run is
    /// refused, and so is a previous run's folder holding a file its manifest does not list.
    /// Both untouched; an empty folder is used.
    @Test func aUsersFilesAreNeverDeleted() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let mine = root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try Data("field notes\n".utf8).write(to: mine.appendingPathComponent("notes/day1.txt"))
        let gaps = ["gaps", "--data", Self.data.path, "--region", "bolikhamxay", "--max-km", "5"]
        let refused = try CoverageProcess.run(gaps + ["--out", mine.path])
        #expect(refused.status == 73, "\(refused)")
        #expect(
            refused.stderr
                == "error: \(mine.path): cannot be written: the folder is not empty and holds no manifest.json of a coverage run; "
                + "a run replaces its whole output folder, so give a new or empty folder, or one an earlier run wrote (nothing was changed)\n")
        let expected: [String: Data?] = ["notes": Data?.none, "notes/day1.txt": Data("field notes\n".utf8)]
        #expect(try folderSnapshot(mine) == expected)

        let out = root.appendingPathComponent("out")
        try #require(try CoverageProcess.run(gaps + ["--out", out.path]).status == 0)
        try Data("my reading of the results\n".utf8).write(to: out.appendingPathComponent("reading.txt"))
        let before = try folderSnapshot(out)
        let again = try CoverageProcess.run(gaps + ["--out", out.path])
        #expect(again.status == 73, "\(again)")
        #expect(
            again.stderr
                == "error: \(out.path): cannot be written: it holds a file that its manifest.json does not list (reading.txt); a run replaces "
                + "its whole output folder and would delete it: move it or give another folder (nothing was changed)\n")
        #expect(try folderSnapshot(out) == before)

        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        #expect(try CoverageProcess.run(gaps + ["--out", empty.path]).status == 0)
        #expect(Set(try folderSnapshot(empty).keys) == (try Self.expectedEntries(empty)))
    }
}
