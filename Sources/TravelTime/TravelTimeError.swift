/// Why a travel time cannot be computed.
public enum TravelTimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A source that cannot start a search: its index in the list of sources, and why.
    public struct RefusedSource: Equatable, Sendable {
        public let index: Int
        public let reason: String
    }

    /// The grid's frictions or cell sizes do not fit its shape.
    case badGrid(String)
    /// A raster's values do not mean what they must (a speed or friction not above 0, a land-cover
    /// class the speed table does not know): the raster's name, the cells, what was expected.
    case badRaster(String)
    /// Sources outside the grid or on a cell that cannot be entered: every one, never dropped in
    /// silence.
    case badSources([RefusedSource])

    public var description: String {
        switch self {
        case .badGrid(let reason): "the grid: \(reason)"
        case .badRaster(let reason): reason
        case .badSources(let sources):
            "\(sources.count) source(s) cannot start a search: " + sources.map { "source \($0.index): \($0.reason)" }.joined(separator: "; ")
        }
    }
}
