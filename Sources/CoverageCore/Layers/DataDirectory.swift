import Foundation
import GeoIO

/// Finds the shipped Laos data set (GeoData/laos) so that commands work without arguments.
public enum DataDirectory {
    /// The environment variable that names a data directory explicitly.
    public static let environmentVariable = "HEALTHCOVERAGE_DATA"

    /// The first of: `$HEALTHCOVERAGE_DATA`; `GeoData/laos` under the current directory; and
    /// `GeoData/laos` in the checkout that holds the running executable (`.build/<config>/coverage`).
    /// Throws an ``InputError`` listing the places tried when none exists.
    public static func locate(executablePath: String = CommandLine.arguments.first ?? "") throws -> URL {
        var candidates: [URL] = []
        if let named = ProcessInfo.processInfo.environment[environmentVariable], !named.isEmpty {
            candidates.append(URL(fileURLWithPath: named))
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("GeoData/laos"))
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("GeoData/laos"))
            folder = folder.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && isDirectory.boolValue }) {
            return found.standardizedFileURL
        }
        throw InputError(
            file: "GeoData/laos",
            reason: "the shipped data directory was not found (tried \(candidates.map(\.path).joined(separator: ", "))); "
                + "set \(environmentVariable) or run from the repository", category: .unreadable)
    }
}
