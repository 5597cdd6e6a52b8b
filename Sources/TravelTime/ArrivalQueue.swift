/// The cells reached but not yet settled, earliest first: a radix heap on the bits of the times.
///
/// Dijkstra's algorithm only ever takes out the earliest arrival, and never puts one in earlier
/// than the last it took out: a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990) serves that
/// with a push in constant time and each arrival moved down at most 64 buckets over its life,
/// against a binary heap's log n swaps for each push and pop. It stays exact: a non-negative
/// double's bit pattern, read as an unsigned integer, orders as the double does, so the buckets
/// hold the times themselves, not times rounded to units. Arrivals at the same time come out in
/// no particular order, which does not change the answer (see ``TravelTimeSearch``).
///
/// Bucket 0 holds the arrivals at the time last taken out; bucket b > 0 those whose time's
/// highest bit differing from it is bit b − 1. 16 bytes an arrival.
final class ArrivalQueue {
    struct Arrival {
        let seconds: Double
        /// The source in the high 32 bits, the cell in the low 32.
        let label: UInt64

        init(seconds: Double, source: Int32, cell: Int) {
            self.seconds = seconds
            label = UInt64(UInt32(bitPattern: source)) << 32 | UInt64(UInt32(truncatingIfNeeded: cell))
        }

        var source: Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: label >> 32)) }
        var cell: Int { Int(label & 0xFFFF_FFFF) }
    }

    /// The buckets' arrivals, counts and capacities, and [the bits of the time last taken out,
    /// the arrivals held, the capacity reserved, the most capacity ever reserved]: raw memory the
    /// queue owns, so that the hot loop pays neither copy-on-write checks of nested arrays nor
    /// exclusivity checks of a class's properties.
    private let buckets: UnsafeMutablePointer<UnsafeMutablePointer<Arrival>?>
    private let counts: UnsafeMutablePointer<Int>
    private let capacities: UnsafeMutablePointer<Int>
    private let state: UnsafeMutablePointer<UInt64>

    init() {
        buckets = .allocate(capacity: 65)
        buckets.initialize(repeating: nil, count: 65)
        counts = .allocate(capacity: 65)
        counts.initialize(repeating: 0, count: 65)
        capacities = .allocate(capacity: 65)
        capacities.initialize(repeating: 0, count: 65)
        state = .allocate(capacity: 4)
        state.initialize(repeating: 0, count: 4)
    }

    deinit {
        for index in 0..<65 { buckets[index]?.deallocate() }
        buckets.deallocate()
        counts.deallocate()
        capacities.deallocate()
        state.deallocate()
    }

    var isEmpty: Bool { state[1] == 0 }

    /// The most memory the buckets have held at once, bytes.
    var peakBytes: Int { Int(state[3]) * MemoryLayout<Arrival>.stride }

    /// Every arrival passes through several buckets on its way down: a large bucket's memory goes
    /// back once it has been emptied, or their high waters would add up to ten times the most
    /// arrivals ever waiting at once.
    private static let keptCapacity = 4_096

    @inline(__always) private func bucket(of bits: UInt64) -> Int {
        bits == state[0] ? 0 : 64 - (bits ^ state[0]).leadingZeroBitCount
    }

    @inline(__always) private func append(_ arrival: Arrival, to index: Int) {
        if counts[index] == capacities[index] {
            let capacity = max(64, capacities[index] * 2)
            let grown = UnsafeMutablePointer<Arrival>.allocate(capacity: capacity)
            if let old = buckets[index] {
                grown.moveInitialize(from: old, count: counts[index])
                old.deallocate()
            }
            buckets[index] = grown
            state[2] += UInt64(capacity - capacities[index])
            state[3] = max(state[3], state[2])
            capacities[index] = capacity
        }
        buckets[index]![counts[index]] = arrival
        counts[index] += 1
    }

    /// Adds an arrival no earlier than the last taken out.
    @inline(__always) func push(_ arrival: Arrival) {
        append(arrival, to: bucket(of: arrival.seconds.bitPattern))
        state[1] += 1
    }

    @inline(__always) func pop() -> Arrival? {
        guard state[1] > 0 else { return nil }
        if counts[0] == 0 {
            // The first bucket with arrivals: its earliest becomes the last taken out, and the rest
            // go down to lower buckets (never back to this one: they agree with the new last from
            // this bucket's bit up).
            var index = 1
            while counts[index] == 0 { index += 1 }
            let moving = buckets[index]!
            let count = counts[index]
            var earliest = UInt64.max
            for k in 0..<count { earliest = min(earliest, moving[k].seconds.bitPattern) }
            state[0] = earliest
            counts[index] = 0
            for k in 0..<count { append(moving[k], to: bucket(of: moving[k].seconds.bitPattern)) }
            if capacities[index] > Self.keptCapacity {
                moving.deallocate()
                buckets[index] = nil
                state[2] -= UInt64(capacities[index])
                capacities[index] = 0
            }
        }
        state[1] -= 1
        counts[0] -= 1
        return buckets[0]![counts[0]]
    }
}
