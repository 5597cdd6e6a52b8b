import Foundation
import TestSupport
import Testing

@testable import DistanceKernel

@Suite("DegreeTrigonometry")
struct DegreeTrigonometryTests {
    /// Angles in [−720, 720]: uniform, whole degrees, and a hair either side of multiples of 45°
    /// (where the reduction changes quadrant).
    static func angles() -> [Double] {
        var random = SplitMix64(seed: 360)
        var angles = (0..<200_000).map { _ in random.uniform(-720, 720) }
        angles += (-720...720).map(Double.init)
        for multiple in -16...16 {
            let base = Double(multiple) * 45
            angles += [base.nextDown, base.nextUp, base - 1e-9, base + 1e-9, base - 1e-6, base + 1e-6]
        }
        angles += [1e-300, -1e-300, Double.leastNonzeroMagnitude, 0.1, 30, 60, 719.999999, -719.999999]
        return angles
    }

    #if arch(x86_64) || arch(i386)
        @Test("sin and cos within 2e-15 of Foundation's in extended precision")
        func againstExtendedPrecision() {
            var maxSin = 0.0, maxCos = 0.0
            for degrees in Self.angles() {
                let (sine, cosine) = DegreeTrigonometry.sinCos(degrees)
                let radians = Float80(degrees) * Float80.pi / 180
                maxSin = max(maxSin, abs(sine - Double(Foundation.sin(radians))))
                maxCos = max(maxCos, abs(cosine - Double(Foundation.cos(radians))))
            }
            print("DegreeTrigonometry vs Float80 sin/cos: max error sin \(maxSin), cos \(maxCos)")
            #expect(maxSin < 2e-15)
            #expect(maxCos < 2e-15)
        }
    #endif

    @Test("sin and cos within 2e-15 of Foundation's in double precision (after an exact reduction to ±180°)")
    func againstFoundation() {
        var maxSin = 0.0, maxCos = 0.0, maxSinNaive = 0.0
        for degrees in Self.angles() {
            let (sine, cosine) = DegreeTrigonometry.sinCos(degrees)
            // remainder() is exact, so the only roundings are Foundation's own.
            let reduced = remainder(degrees, 360)
            maxSin = max(maxSin, abs(sine - Foundation.sin(reduced * .pi / 180)))
            maxCos = max(maxCos, abs(cosine - Foundation.cos(reduced * .pi / 180)))
            maxSinNaive = max(maxSinNaive, abs(sine - Foundation.sin(degrees * .pi / 180)))
        }
        print("DegreeTrigonometry vs Foundation (double): max error sin \(maxSin), cos \(maxCos); vs unreduced sin(deg·π/180) \(maxSinNaive)")
        #expect(maxSin < 2e-15)
        #expect(maxCos < 2e-15)
        #expect(maxSinNaive < 4e-15)
    }

    @Test("exact values at multiples of 90°")
    func exactAtRightAngles() {
        for multiple in -8...8 {
            let (sine, cosine) = DegreeTrigonometry.sinCos(Double(multiple) * 90)
            let expected: (Double, Double) =
                switch ((multiple % 4) + 4) % 4 {
                case 0: (0, 1)
                case 1: (1, 0)
                case 2: (0, -1)
                default: (-1, 0)
                }
            #expect(sine == expected.0 && cosine == expected.1, "\(multiple * 90)°: (\(sine), \(cosine))")
        }
        #expect(DegreeTrigonometry.sinCos(180).sin == 0)
        #expect(DegreeTrigonometry.sinCos(-180).sin == 0)
        #expect(DegreeTrigonometry.sinCos(90).cos == 0)
        #expect(DegreeTrigonometry.sinCos(-90).cos == 0)
        #expect(DegreeTrigonometry.sinCos(0) == (0, 1))
    }

    @Test("sin² + cos² = 1 and the symmetries hold")
    func identities() {
        var failures = Failures()
        for degrees in Self.angles() {
            let (sine, cosine) = DegreeTrigonometry.sinCos(degrees)
            failures.check(abs(sine * sine + cosine * cosine - 1) < 4.5e-16, "sin² + cos² at \(degrees)°")
            let (negativeSine, negativeCosine) = DegreeTrigonometry.sinCos(-degrees)
            // Exact, not within a tolerance: the reduction and the polynomials are symmetric.
            failures.check(negativeSine == -sine && negativeCosine == cosine, "odd sine, even cosine at \(degrees)°")
        }
        failures.expectNone("angles breaking an identity")
    }
}
