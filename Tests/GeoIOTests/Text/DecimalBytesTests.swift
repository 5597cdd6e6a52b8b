import Foundation
import TestSupport
import Testing

@testable import GeoIO

/// The byte writers of numbers give exactly the text of `String(_:)` and `Double.description`,
/// which the output files were written with before: checked on edge cases and on many values,
/// random and shaped like the figures the files hold.
@Suite("DecimalBytes")
struct DecimalBytesTests {
    static func shortest(_ value: Double) -> String {
        var bytes: [UInt8] = []
        DecimalBytes.appendShortest(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func integer(_ value: Int64) -> String {
        var bytes: [UInt8] = []
        DecimalBytes.appendInteger(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Edge cases: the bounds of the fixed-decimal path, exponents, integers, non-finite values.
    static let edgeCases: [Double] = {
        var values: [Double] = [
            0, -0.0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 0.5, 1.5, -1.5, 0.05, 0.005, 0.001, 0.015, 1.005, 2.675,
            0.0001, 0.00012, 0.00001, 0.000005, 0.0000015, 1e-7, 5e-324, .leastNormalMagnitude, .ulpOfOne,
            1e15, 1e15 - 0.5, 1e15 + 0.5, 999_999_999_999_999.9, 123_456_789_012_345.6, 99_999_999_999_999.99,
            9_007_199_254_740_992, 9_007_199_254_740_993, 4_503_599_627_370_495.5, 1e16, 1e21, 1e22, 1e300,
            .greatestFiniteMagnitude, .pi, .infinity, -.infinity, .nan, 12_345_678.5, 137.514405, 7257.615981,
        ]
        for bound in [1e-4, 1e-3, 0.1, 1, 1e14, 1e15, 9_007_199_254_740_992] {
            var up = bound, down = bound
            for _ in 0..<3 {
                up = up.nextUp
                down = down.nextDown
                values += [up, down]
            }
        }
        return values + values.map { -$0 }
    }()

    @Test func shortestMatchesDescriptionOnEdgeCases() {
        for value in Self.edgeCases { #expect(Self.shortest(value) == value.description, "\(value)") }
    }

    @Test func shortestMatchesDescriptionOnFixedDecimals() {
        var random = SplitMix64(seed: 1)
        var mismatches: [Double] = []
        for _ in 0..<200_000 {
            // k / 10ᵈ for k of 1 to 17 digits and d up to 9, and the roundings of the output builders
            // (metres, minutes and percentages, tenths, km² from m²).
            let digits = Int.random(in: 1...17, using: &random)
            let k = Double(UInt64.random(in: 0..<UInt64(pow(10, Double(digits))), using: &random))
            let decimals = Double(Int.random(in: 0...9, using: &random))
            let sign: Double = Bool.random(using: &random) ? 1 : -1
            let measure = Double.random(in: 0..<1e7, using: &random)
            let values = [
                sign * k / pow(10, decimals), (measure * 1_000).rounded() / 1_000, (measure * 100).rounded() / 100,
                (measure * 10).rounded() / 10, (measure * 1_000).rounded() / 1_000_000,
            ]
            for value in values where Self.shortest(value) != value.description { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func shortestMatchesDescriptionOnRandomDoubles() {
        var random = SplitMix64(seed: 2)
        var mismatches: [Double] = []
        for _ in 0..<200_000 {
            // Any bit pattern (every exponent), and values spread evenly over 10⁻⁶ … 10¹⁷.
            let bits = Double(bitPattern: random.next())
            let spread = pow(10, Double.random(in: -6...17, using: &random)) * (Bool.random(using: &random) ? 1 : -1)
            for value in [bits, spread] where Self.shortest(value) != value.description { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func integersMatchString() {
        var random = SplitMix64(seed: 3)
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, .max, .min, .max - 1, .min + 1]
        for _ in 0..<10_000 { values.append(Int64(bitPattern: random.next()) >> Int64.random(in: 0...63, using: &random)) }
        for value in values { #expect(Self.integer(value) == String(value), "\(value)") }
    }

    @Test func fixedPointDropsTrailingZerosAndABarePoint() {
        func text(_ units: Int64, _ decimals: Int) -> String {
            var bytes: [UInt8] = []
            DecimalBytes.appendFixedPoint(units, decimals: decimals, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(text(1250, 2) == "12.5")
        #expect(text(-5, 2) == "-0.05")
        #expect(text(0, 7) == "0")
        #expect(text(1_026_000_000, 7) == "102.6")
        #expect(text(-1, 7) == "-0.0000001")
        #expect(text(1000, 2) == "10")
        #expect(text(.min, 0) == String(Int64.min))
        // Against the text made with `String`: the whole part, then the fraction padded and trimmed.
        var random = SplitMix64(seed: 6)
        for _ in 0..<20_000 {
            let units = Int64(bitPattern: random.next()) >> Int64.random(in: 0...63, using: &random)
            let decimals = Int.random(in: 0...9, using: &random)
            let unit = (0..<decimals).reduce(UInt64(1)) { product, _ in product * 10 }
            var fraction = decimals == 0 ? "" : String(units.magnitude % unit)
            fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            let expected = (units < 0 ? "-" : "") + String(units.magnitude / unit) + (fraction.isEmpty ? "" : "." + fraction)
            #expect(text(units, decimals) == expected, "\(units) \(decimals)")
        }
    }

    /// JSON numbers: whole numbers below 2⁵³ as integers, others as `description`.
    @Test func jsonNumbersMatchTheirDefinition() throws {
        var random = SplitMix64(seed: 4)
        var values = Self.edgeCases.filter(\.isFinite)
        for _ in 0..<20_000 {
            values.append((Double.random(in: -1e7..<1e7, using: &random) * 1_000).rounded() / 1_000)
            values.append(Double(Int64.random(in: -1 << 54...1 << 54, using: &random)))
        }
        for value in values {
            let expected = value == value.rounded() && abs(value) < 9_007_199_254_740_992 ? String(Int64(value)) : value.description
            #expect(try JSONValue.number(value).jsonText() == expected, "\(value)")
        }
    }

    /// CSV numbers are ``JSONValue/brief``'s text.
    @Test func csvNumbersMatchBrief() {
        var random = SplitMix64(seed: 5)
        var values = Self.edgeCases
        for _ in 0..<20_000 {
            values.append((Double.random(in: -1e7..<1e7, using: &random) * 100).rounded() / 100)
            values.append(Double(Int64.random(in: -1 << 54...1 << 54, using: &random)))
        }
        for value in values {
            var bytes: [UInt8] = []
            CSVWriter.appendNumber(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == JSONValue.number(value).brief, "\(value)")
        }
    }
}
