import GeometryKit
import Parallelism

/// The queries: which polygon covers each point, for one point or a batch over all cores.
extension PointInPolygonIndex {
    /// The index of the shape that covers `point` (the lowest if several do), or nil.
    /// Throws ``KernelError`` when a coordinate is NaN or infinite. Thread-safe.
    public func locate(_ point: Coordinate) throws -> Int? {
        guard point.isFinite else {
            throw KernelError(input: "point", reason: "\(point) has a coordinate that is not finite")
        }
        let answer = withTables { codes, entries, edges in locatePoint(point.x, point.y, codes, entries, edges) }
        return answer < 0 ? nil : Int(answer)
    }

    /// For each point, the index of the shape that covers it (the lowest if several do), or nil;
    /// in input order. See ``locate(longitudes:latitudes:threads:)``.
    public func locate(_ points: [Coordinate], threads: Int? = nil) throws -> [Int?] {
        try locate(longitudes: points.map(\.x), latitudes: points.map(\.y), threads: threads).map { $0 < 0 ? nil : Int($0) }
    }

    /// For each point of two contiguous buffers of equal length (x and y: longitude and latitude
    /// for geographic data), the index of the shape that covers it — the lowest if several do —
    /// or ``noGeometry`` (−1); in input order.
    ///
    /// - Parameters:
    ///   - longitudes: the x values.
    ///   - latitudes: the y values.
    ///   - threads: how many parts to split the points into, run in parallel (at most one part per
    ///     1,024 points); nil for one per active core. The answers do not depend on it.
    /// - Throws: ``KernelError`` for buffers of different lengths or a coordinate that is NaN or
    ///   infinite (naming the first such point).
    /// - Thread-safety: safe to call from several threads at once.
    public func locate(longitudes: [Double], latitudes: [Double], threads: Int? = nil) throws -> [Int32] {
        guard longitudes.count == latitudes.count else {
            throw KernelError(input: "point", reason: "\(longitudes.count) longitudes but \(latitudes.count) latitudes")
        }
        let count = longitudes.count
        guard count > 0 else { return [] }
        let parts = min(Parallel.threadCount(threads), (count + 1023) / 1024)
        let partSize = (count + parts - 1) / parts
        var firstInvalid = [Int](repeating: Int.max, count: parts)
        var answers = [Int32](repeating: Self.noGeometry, count: count)
        longitudes.withUnsafeBufferPointer { xs in
            latitudes.withUnsafeBufferPointer { ys in
                answers.withUnsafeMutableBufferPointer { output in
                    firstInvalid.withUnsafeMutableBufferPointer { invalid in
                        let out = DisjointBuffer(output), invalidOut = DisjointBuffer(invalid)
                        let input = ReadOnlyPoints(xs: xs, ys: ys)
                        Parallel.forEachChunk(count: count, threads: parts, chunkSize: partSize) { range in
                            invalidOut[range.lowerBound / partSize] = locateRange(range, input, out) ?? Int.max
                        }
                    }
                }
            }
        }
        if let bad = firstInvalid.min(), bad != Int.max {
            throw KernelError(input: "point", index: bad, reason: "(\(longitudes[bad]), \(latitudes[bad])) has a coordinate that is not finite")
        }
        return answers
    }

    /// Answers the points in `range`; returns the first point that is not finite, if any (the
    /// points after it are left unanswered: the caller throws).
    private func locateRange(_ range: Range<Int>, _ points: ReadOnlyPoints, _ out: DisjointBuffer<Int32>) -> Int? {
        withTables { codes, entries, edges in
            for index in range {
                let x = points.xs[index], y = points.ys[index]
                guard x.isFinite && y.isFinite else { return index }
                out[index] = locatePoint(x, y, codes, entries, edges)
            }
            return nil
        }
    }

    func withTables<Result>(
        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<CellEntry>, UnsafeBufferPointer<Edge>) -> Result
    ) -> Result {
        cellCodes.withUnsafeBufferPointer { codes in
            entries.withUnsafeBufferPointer { entries in
                edges.withUnsafeBufferPointer { edges in body(codes, entries, edges) }
            }
        }
    }

    @inline(__always)
    func locatePoint(
        _ x: Double, _ y: Double, _ codes: UnsafeBufferPointer<Int32>,
        _ entries: UnsafeBufferPointer<CellEntry>, _ edges: UnsafeBufferPointer<Edge>
    ) -> Int32 {
        guard x >= minX && x <= maxX && y >= minY && y <= maxY else { return Self.noGeometry }
        let column = min(Int((x - minX) * inverseCellWidth), columns - 1)
        let row = min(Int((y - minY) * inverseCellHeight), rows - 1)
        let code = codes[row * columns + column]
        if code >= -1 { return code }
        var position = Int(-(code + 2))
        while true {
            let entry = entries[position]
            if entry.geometry < 0 { return Self.noGeometry }
            if entry.mode == CellEntry.inside { return entry.geometry }
            if Self.covers(
                edges.baseAddress! + Int(entry.edgeStart), Int(entry.edgeCount), x, y,
                leftward: entry.mode == CellEntry.rayLeft)
            {
                return entry.geometry
            }
            position += 1
        }
    }
}

/// The query buffers, read by every worker: borrowed for the duration of one batch call.
private struct ReadOnlyPoints: @unchecked Sendable {
    let xs: UnsafeBufferPointer<Double>
    let ys: UnsafeBufferPointer<Double>
}
