/// The point test of the index: even–odd ray crossing over a cell's edges, with an exact
/// orientation predicate so that points on or near an edge get GEOS's answer.
extension PointInPolygonIndex {
    /// True when the point is on one of the edges, or when a horizontal ray from it (to the right,
    /// or to the left when `leftward`) crosses an odd number of them. The edges must include every
    /// edge that meets that ray or contains the point. Half-open rule: an edge counts when one end
    /// is above the point and the other at or below it (GEOS's `RayCrossingCounter`).
    @inline(__always)
    static func covers(_ edges: UnsafePointer<Edge>, _ count: Int, _ px: Double, _ py: Double, leftward: Bool) -> Bool {
        var odd = false
        for index in 0..<count {
            let edge = edges[index]
            if leftward {
                if edge.x1 > px && edge.x2 > px { continue }
            } else {
                if edge.x1 < px && edge.x2 < px { continue }
            }
            if (edge.y1 > py) != (edge.y2 > py) {
                var side = orientation(edge.x1, edge.y1, edge.x2, edge.y2, px, py)
                if side == 0 { return true }  // collinear within the edge's y-range: on the edge
                if edge.y2 < edge.y1 { side = -side }  // as seen along the edge pointing up
                if leftward ? side < 0 : side > 0 { odd.toggle() }
            } else if edge.y1 == py {
                // Both ends at or below the point, one at its height: a horizontal edge, or the
                // point is that end.
                if edge.y2 == py {
                    if px >= edge.minX && px <= edge.maxX { return true }
                } else if edge.x1 == px {
                    return true
                }
            } else if edge.y2 == py && edge.x2 == px {
                return true
            }
        }
        return odd
    }

    /// The sign of the orientation of (a, b, c): +1 when c lies to the left of the line a → b,
    /// −1 to the right, 0 on it; exact for finite doubles (no overflow or underflow in the products).
    @inline(__always)
    static func orientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
        let detLeft = (ax - cx) * (by - cy)
        let detRight = (ay - cy) * (bx - cx)
        let det = detLeft - detRight
        let detSum: Double
        if detLeft > 0 {
            if detRight <= 0 { return det > 0 ? 1 : (det < 0 ? -1 : 0) }
            detSum = detLeft + detRight
        } else if detLeft < 0 {
            if detRight >= 0 { return det > 0 ? 1 : (det < 0 ? -1 : 0) }
            detSum = -detLeft - detRight
        } else {
            return det > 0 ? 1 : (det < 0 ? -1 : 0)
        }
        // Shewchuk's error bound for the filter: (3 + 16ε)ε with ε = 2⁻⁵³.
        let errorBound = (3.0 + 16.0 * 0x1p-53) * 0x1p-53 * detSum
        if det > errorBound { return 1 }
        if -det > errorBound { return -1 }
        return exactOrientation(ax, ay, bx, by, cx, cy)
    }

    /// The exact sign of (ax − cx)(by − cy) − (ay − cy)(bx − cx), by floating-point expansions:
    /// each difference is split exactly into two doubles, each product of parts into two more,
    /// and the sixteen terms are summed without error (Shewchuk's grow-expansion).
    static func exactOrientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
        let acx = twoDifference(ax, cx), bcy = twoDifference(by, cy)
        let acy = twoDifference(ay, cy), bcx = twoDifference(bx, cx)
        var terms: [Double] = []
        terms.reserveCapacity(16)
        for u in [acx.high, acx.low] {
            for v in [bcy.high, bcy.low] {
                let product = twoProduct(u, v)
                terms.append(product.high)
                terms.append(product.low)
            }
        }
        for u in [acy.high, acy.low] {
            for v in [bcx.high, bcx.low] {
                let product = twoProduct(u, v)
                terms.append(-product.high)
                terms.append(-product.low)
            }
        }
        // The components stay non-overlapping and ordered by magnitude (zeros aside), so the
        // sign of the sum is the sign of the last non-zero component.
        var expansion: [Double] = []
        expansion.reserveCapacity(16)
        for term in terms {
            var carry = term
            for index in expansion.indices {
                let sum = twoSum(carry, expansion[index])
                expansion[index] = sum.low
                carry = sum.high
            }
            expansion.append(carry)
        }
        guard let leading = expansion.last(where: { $0 != 0 }) else { return 0 }
        return leading > 0 ? 1 : -1
    }

    @inline(__always)
    private static func twoSum(_ a: Double, _ b: Double) -> (high: Double, low: Double) {
        let sum = a + b
        let bVirtual = sum - a
        let aVirtual = sum - bVirtual
        return (sum, (a - aVirtual) + (b - bVirtual))
    }

    @inline(__always)
    private static func twoDifference(_ a: Double, _ b: Double) -> (high: Double, low: Double) {
        let difference = a - b
        let bVirtual = a - difference
        let aVirtual = difference + bVirtual
        return (difference, (a - aVirtual) + (bVirtual - b))
    }

    @inline(__always)
    private static func twoProduct(_ a: Double, _ b: Double) -> (high: Double, low: Double) {
        let product = a * b
        return (product, (-product).addingProduct(a, b))  // fused: exact a·b − product
    }
}
