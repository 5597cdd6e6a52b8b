/// The moves out of a cell: 8 neighbours (the 4 sides and the 4 corners) or 16 (and the 8
/// knight's moves, two cells one way and one the other, as GRASS `r.cost -k`). A move costs the
/// mean of the frictions of the cell it leaves and the cell it enters × the distance between
/// their centres; a knight's move does not look at the cells it passes between.
public enum Neighbourhood: Int, Sendable, CaseIterable {
    case eight = 8
    case sixteen = 16

    /// The (row, column) steps.
    var offsets: [(row: Int, column: Int)] {
        let kings = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
        let knights = [(-2, -1), (-2, 1), (-1, -2), (-1, 2), (1, -2), (1, 2), (2, -1), (2, 1)]
        return (self == .eight ? kings : kings + knights).map { (row: $0.0, column: $0.1) }
    }
}
