/// Why a travel time cannot be computed.
public enum TravelTimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The grid's frictions or cell sizes do not fit its shape.
    case badGrid(String)
    /// Sources outside the grid or on a cell that cannot be entered: every one, by its index in
    /// the list of sources, never dropped in silence.
    case badSources([(index: Int, reason: String)])

    public var description: String {
        switch self {
        case .badGrid(let reason): "the grid: \(reason)"
        case .badSources(let sources):
            "\(sources.count) source(s) cannot start a search: " + sources.map { "source \($0.index): \($0.reason)" }.joined(separator: "; ")
        }
    }

    public static func == (lhs: TravelTimeError, rhs: TravelTimeError) -> Bool {
        switch (lhs, rhs) {
        case (.badGrid(let a), .badGrid(let b)): a == b
        case (.badSources(let a), .badSources(let b)): a.map(\.index) == b.map(\.index) && a.map(\.reason) == b.map(\.reason)
        default: false
        }
    }
}
