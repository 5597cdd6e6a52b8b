import Foundation
import TestSupport
import Testing

@testable import CoverageCore

/// Which existing folders a run may replace: an empty one, or a previous run and nothing else.
@Suite struct RunManifestPreviousRunTests {
    /// A scratch folder with `files` (relative path → text).
    private func folder(_ files: [String: String]) throws -> URL {
        let url = try temporaryDirectory()
        for (name, text) in files {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return url
    }

    private let manifest = #"{"tool": "coverage", "outputs": ["gaps.csv", "north/map.svg", "north/gaps.csv"]}"#

    @Test func anEmptyFolderOrExactlyAPreviousRunMayBeReplaced() throws {
        let empty = try folder([:])
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(RunManifest.refusal(toReplace: empty) == nil)

        // Files a killed run left (AtomicFile's temporary files) are the run's too; and a
        // listed file may be missing.
        let run = try folder([
            "manifest.json": manifest, "gaps.csv": "", "north/map.svg": "", ".gaps.csv.tmp-4242-17": "half",
            "north/.map.svg.tmp-4242-18": "half",
        ])
        defer { try? FileManager.default.removeItem(at: run) }
        #expect(RunManifest.refusal(toReplace: run) == nil)
    }

    @Test func anythingElseIsNamedAndRefused() throws {
        let cases: [([String: String], String)] = [
            (
                ["notes.txt": "mine"],
                "the folder is not empty and holds no manifest.json of a coverage run; a run replaces its whole output folder, "
                    + "so give a new or empty folder, or one an earlier run wrote (nothing was changed)"
            ),
            (
                ["manifest.json": #"{"tool": "gdal", "outputs": []}"#, "a.csv": ""],
                "the folder is not empty and holds no manifest.json of a coverage run; a run replaces its whole output folder, "
                    + "so give a new or empty folder, or one an earlier run wrote (nothing was changed)"
            ),
            (
                ["manifest.json": "not json"],
                "the folder is not empty and holds no manifest.json of a coverage run; a run replaces its whole output folder, "
                    + "so give a new or empty folder, or one an earlier run wrote (nothing was changed)"
            ),
            (
                ["manifest.json": manifest, "gaps.csv": "", "north/notes.txt": "mine"],
                "it holds a file that its manifest.json does not list (north/notes.txt); a run replaces its whole output folder and "
                    + "would delete it: move it or give another folder (nothing was changed)"
            ),
            (
                ["manifest.json": manifest, "a": "", "b/c": "", "d": "", "e": "", "f": "", "g": ""],
                "it holds files that its manifest.json does not list (a, b, b/c, d, e and 2 more); a run replaces its whole output "
                    + "folder and would delete them: move them or give another folder (nothing was changed)"
            ),
        ]
        for (files, reason) in cases {
            let url = try folder(files)
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(RunManifest.refusal(toReplace: url) == reason, "\(files)")
        }
    }
}
