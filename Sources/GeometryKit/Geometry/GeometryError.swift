/// An error raised by GeometryKit: a GEOS or PROJ operation that failed, or an argument the
/// library refused before calling into C.
///
/// `operation` names the C function (for example `GEOSUnaryUnion_r` or `proj_trans_array`) or the
/// GeometryKit operation that failed; `message` is the library's own message when it gave one
/// (GEOS's exception text such as "TopologyException: …", PROJ's log message such as "crs not found").
/// The error family for geometry and library failures (DESIGN rule 7); input errors are CoverageCore's.
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

    /// Which library, or which kind of check, produced the error.
    public let source: Source
    /// The C function or GeometryKit operation that failed.
    public let operation: String
    /// What went wrong, in the library's words when it gave any.
    public let message: String

    /// An error; GeometryKit makes these, other modules may make their own (for example in tests).
    public init(source: Source, operation: String, message: String) {
        self.source = source
        self.operation = operation
        self.message = message
    }

    /// `"<source> error in <operation>: <message>"`, for example
    /// `GEOS error in GEOSWKTReader_read_r: ParseException: Expected word but encountered end of stream`.
    public var description: String { "\(source.rawValue) error in \(operation): \(message)" }
}
