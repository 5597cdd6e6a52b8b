/// An input file whose contents a runner cannot use. Thrown from `run()`, so ArgumentParser prints
/// `Error: PATH: REASON` and exits 1, as for any failure that is not a bad argument.
public struct InputFileError: Error, Sendable, CustomStringConvertible {
    /// The path as given on the command line.
    public let path: String
    /// What is wrong with the contents.
    public let reason: String

    /// An error about the file at `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
