import CoverageCore
import Synchronization

/// The coverage of recent questions, kept so that the page's next request about the same
/// question (its export, a village click, a what-if's "before") does not compute it again. A few
/// entries, the oldest dropped first: each holds an assignment of every village.
final class AnalysisCache: Sendable {
    private let capacity: Int
    private let entries = Mutex<[(key: Question, gaps: CoverageGaps)]>([])

    init(capacity: Int = 12) { self.capacity = capacity }

    func gaps(_ question: Question) -> CoverageGaps? {
        entries.withLock { list in list.first { $0.key == question }?.gaps }
    }

    func store(_ gaps: CoverageGaps, for question: Question) {
        entries.withLock { list in
            list.removeAll { $0.key == question }
            list.append((question, gaps))
            if list.count > capacity { list.removeFirst(list.count - capacity) }
        }
    }
}
