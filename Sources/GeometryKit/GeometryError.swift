/// An error raised by GeometryKit: a GEOS or PROJ operation that failed, or an argument the
/// library refused before calling into C.
///
/// `operation` names the C function (for example `GEOSUnaryUnion_r` or `proj_trans`) or the
/// GeometryKit operation that failed; `message` is the library's own message when it gave one.
public struct GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which library, or which kind of check, produced the error.
    public enum Source: String, Sendable, Equatable {
        /// GEOS reported an exception.
        case geos = "GEOS"
        /// PROJ reported an error.
        case proj = "PROJ"
        /// GeometryKit refused an argument (NaN coordinate, latitude beyond ±90°, …).
        case invalidArgument = "invalid argument"
    }

    public let source: Source
    public let operation: String
    public let message: String

    public init(source: Source, operation: String, message: String) {
        self.source = source
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(source.rawValue) error in \(operation): \(message)" }
}
