import Foundation
import GeoIO

extension RunManifest {
    /// Why the existing folder `folder` must not be replaced by a run's outputs, or nil when it
    /// may be: when it is empty, or holds a previous run and nothing else — a `manifest.json`
    /// written by coverage, the files it lists, the folders they are in, and temporary files a
    /// killed run left (`.NAME.tmp-PID-N`). Anything else is the user's: replacing the folder
    /// would delete it, so the run is refused before it starts, naming what is in the way.
    public static func refusal(toReplace folder: URL) -> String? {
        let entries = contents(of: folder.path)
        if entries.isEmpty { return nil }
        guard let outputs = previousOutputs(in: folder) else {
            return "the folder is not empty and holds no manifest.json of a coverage run; a run replaces its whole output folder, "
                + "so give a new or empty folder, or one an earlier run wrote (nothing was changed)"
        }
        var expected: Set<String> = ["manifest.json"]
        for output in outputs {
            var components = output.split(separator: "/").map(String.init)
            while !components.isEmpty {
                expected.insert(components.joined(separator: "/"))
                components.removeLast()
            }
        }
        let foreign = entries.filter { entry in
            !expected.contains(entry) && !AtomicFile.isTemporaryName(String(entry.split(separator: "/").last ?? ""))
        }
        guard !foreign.isEmpty else { return nil }
        let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? " and \(foreign.count - 5) more" : "")
        return "it holds \(foreign.count == 1 ? "a file" : "files") that its manifest.json does not list (\(shown)); a run replaces its whole "
            + "output folder and would delete \(foreign.count == 1 ? "it" : "them"): move \(foreign.count == 1 ? "it" : "them") or give another folder "
            + "(nothing was changed)"
    }

    /// The outputs listed by the coverage manifest in `folder`; nil when there is none.
    private static func previousOutputs(in folder: URL) -> [String]? {
        let file = folder.appendingPathComponent("manifest.json")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = attributes[.size] as? Int, size <= 64 << 20,
            let data = try? Data(InputFile.read(path: file.path).bytes),
            let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            manifest["tool"] as? String == "coverage"
        else { return nil }
        return manifest["outputs"] as? [String]
    }

    /// Every entry under `path` (files, folders, links, not followed), relative to it, sorted.
    private static func contents(of path: String, prefix: String = "") -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        var entries: [String] = []
        for name in names.sorted() {
            let entry = prefix + name
            entries.append(entry)
            let child = path + "/" + name
            if (try? FileManager.default.attributesOfItem(atPath: child))?[.type] as? FileAttributeType == .typeDirectory {
                entries += contents(of: child, prefix: entry + "/")
            }
        }
        return entries
    }
}
