/// The cells reached but not yet settled, earliest first: a binary heap of (seconds, source, cell),
/// ordered by time, then by source index (so that of two sources reaching a cell at the same time
/// the lower index wins), then by cell (so that the order never depends on insertion order).
struct ArrivalQueue {
    struct Arrival {
        let seconds: Double
        let source: Int32
        let cell: Int32

        @inline(__always) static func < (a: Arrival, b: Arrival) -> Bool {
            (a.seconds, a.source, a.cell) < (b.seconds, b.source, b.cell)
        }
    }

    private var heap: [Arrival] = []

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ arrival: Arrival) {
        heap.append(arrival)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child] < heap[parent] else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Arrival? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                let right = left + 1
                let child = right < heap.count && heap[right] < heap[left] ? right : left
                guard heap[child] < heap[parent] else { break }
                heap.swapAt(child, parent)
                parent = child
            }
        }
        return first
    }
}
