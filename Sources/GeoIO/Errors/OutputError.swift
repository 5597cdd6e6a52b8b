/// An output file that could not be written: which file, and why.
///
/// Distinct from ``InputError`` because the fix is on the other side (a directory that does not
/// exist or is not writable, a full disk), and because the CLI maps it to its own exit code
/// (73, "cannot create").
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path of the file that was to be written, as given.
    public let file: String
    /// Why it could not be written.
    public let reason: String

    /// An error about writing `file`, because of `reason`.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): cannot be written: \(reason)" }
}
