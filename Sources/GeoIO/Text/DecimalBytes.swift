/// Decimal text of numbers appended straight to a UTF-8 byte buffer, for the writers of large
/// files (JSON, CSV, GeoJSON, SVG): the same text as `String(value)` and `Double.description`,
/// without making a `String` per number.
package enum DecimalBytes {
    /// Appends `value` as `String(value)` writes it: `-42`, `0`.
    package static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        appendFixedPoint(value, decimals: 0, to: &bytes)
    }

    /// Appends `units` / 10^`decimals` as a plain decimal, the fraction's trailing zeros (and a
    /// point with no digit after it) left out: `(1250, 2)` → `12.5`, `(-5, 2)` → `-0.05`,
    /// `(0, 7)` → `0`, `(1_026_000_000, 7)` → `102.6`. `decimals` is at most 18.
    package static func appendFixedPoint(_ units: Int64, decimals: Int, to bytes: inout [UInt8]) {
        precondition(decimals >= 0 && decimals <= 18, "at most 18 decimals")
        // Written backwards into a scratch on the stack, then appended: at most 20 digits, a
        // point, a 0 before it and a sign.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { scratch in
            var start = scratch.count
            func put(_ byte: UInt8) {
                start -= 1
                scratch[start] = byte
            }
            var rest = units.magnitude
            var fractionDigits = decimals
            while fractionDigits > 0, rest % 10 == 0 {
                rest /= 10
                fractionDigits -= 1
            }
            if fractionDigits > 0 {
                for _ in 0..<fractionDigits {
                    put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10))
                    rest /= 10
                }
                put(UInt8(ascii: "."))
            }
            repeat {
                put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10))
                rest /= 10
            } while rest > 0
            if units < 0 { put(UInt8(ascii: "-")) }
            // Byte by byte: for a few bytes, cheaper than a bulk append.
            for index in start..<scratch.count { bytes.append(scratch[index]) }
        }
    }

    /// Appends `value.description`: Swift's shortest form that reads back as the same double
    /// (`0.1`, `12.345`, `1e-07`, `5.0`, `nan`).
    ///
    /// The values written in bulk are fixed-decimal figures (metres to the millimetre, minutes and
    /// percentages to the hundredth, km² to the m²), which this writes without the general
    /// algorithm: when `value` is exactly the double nearest to k / 10ᵈ for an integer k of at
    /// most 15 digits and d ≤ ``maxShortDecimals``, the text of k / 10ᵈ is the shortest text that
    /// reads back as `value`, because two different decimals of 15 significant digits or fewer
    /// never round to the same double. With the smallest such d it has no trailing zero, and
    /// between 10⁻⁴ and 2⁵⁴ `description` writes plain decimals, so the texts are the same.
    /// Every other value goes to `description`.
    package static func appendShortest(_ value: Double, to bytes: inout [UInt8]) {
        let magnitude = value.magnitude
        if magnitude >= 1e-4, magnitude < 1e15, magnitude != magnitude.rounded() {
            for decimals in 1...maxShortDecimals {
                let scale = powersOfTen[decimals]
                let scaled = (magnitude * scale).rounded()
                guard scaled < 1e15 else { break }  // more than 15 significant digits
                // One correctly rounded division of two exact doubles: the double nearest k / 10ᵈ.
                guard scaled / scale == magnitude else { continue }
                appendFixedPoint(value < 0 ? -Int64(scaled) : Int64(scaled), decimals: decimals, to: &bytes)
                return
            }
        }
        bytes.append(utf8: value.description)
    }

    /// The most decimals ``appendShortest(_:to:)`` writes without `description` (km² to the m²).
    package static let maxShortDecimals = 6

    /// 10⁰ … 10^maxShortDecimals, exact as doubles.
    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]
}
