import Foundation
import GeoIO
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("SVGDocument")
struct SVGDocumentTests {
    @Test func numbersHaveTwoDecimalsAtMostAndNoNegativeZero() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (-0.004, "0"), (0.005, "0.01"), (1.5, "1.5"), (1.25, "1.25"),
            (1.05, "1.05"), (12.0, "12"), (-3.456, "-3.46"), (1_234_567.891, "1234567.89"),
            (.nan, "0"), (.infinity, "0"), (99.999, "100"),
        ]
        for (value, expected) in cases { #expect(SVGDocument.number(value) == expected, "\(value)") }
    }

    /// The number text is the rounding to hundredths written out: checked against that
    /// definition, made with `String`, on many values.
    @Test func numbersMatchTheirDefinitionOnManyValues() {
        func expected(_ value: Double) -> String {
            guard value.isFinite, abs(value) < 1e15 else { return "0" }
            let hundredths = Int64((value * 100).rounded())
            let magnitude = hundredths.magnitude, fraction = hundredths.magnitude % 100
            let whole = (hundredths < 0 ? "-" : "") + String(magnitude / 100)
            if fraction == 0 { return whole }
            return whole + (fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction))
        }
        var random = SplitMix64(seed: 7)
        var values: [Double] = [0.004, -0.004, 0.005, -0.005, 0.015, 1e15, -1e15, 1e15.nextDown, 999_999_999_999.995]
        for _ in 0..<50_000 {
            values.append(Double.random(in: -2_000..<2_000, using: &random))
            values.append(Double(bitPattern: random.next()))
        }
        for value in values { #expect(SVGDocument.number(value) == expected(value), "\(value)") }
    }

    @Test func textIsEscapedAndForbiddenCharactersDropped() {
        #expect(SVGDocument.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;")
        #expect(SVGDocument.escape("bell\u{7}\u{0}tab\tok") == "belltab\tok")
        #expect(SVGDocument.escape("ເມືອງໄຊ") == "ເມືອງໄຊ")
        #expect(SVGDocument.escape("a\u{FFFE}b\u{FFFF}c\u{FFFD}\u{F000}ໄ\r\n") == "abc\u{FFFD}\u{F000}ໄ\r\n")
    }

    @Test func aDocumentParsesAsXMLWithItsStyleAndTitle() throws {
        var document = SVGDocument(width: 100, height: 50.5, title: "A < B & C", style: "text { fill: #000; } /* a < b */")
        document.open("g", [("class", "x")])
        document.element("text", [("x", "1"), ("y", "2")], text: "\"quoted\" & <tagged>")
        document.element("circle", [("cx", "1"), ("cy", "1"), ("r", "1")], tooltip: "]]> -- tooltip")
        document.comment("a -- comment")
        // The open group is closed by finished().
        let text = document.finished()
        let parsed = try ParsedSVG(text)
        #expect(parsed.all("svg").first?.attributes["viewBox"] == "0 0 100 50.5")
        #expect(parsed.all("title").first?.text == "A < B & C")
        #expect(parsed.all("style").first?.text.contains("a < b") == true)
        #expect(parsed.all("text").first?.text == "\"quoted\" & <tagged>")
        #expect(parsed.all("title").last?.text == "]]> -- tooltip")
        #expect(!text.contains("<script"))
    }

    @Test func fragmentsAreAppendedClosed() throws {
        var fragment = SVGDocument()
        fragment.open("g")
        fragment.element("rect", [("width", "1"), ("height", "1")])
        var document = SVGDocument(width: 10, height: 10, title: "t", style: "")
        document.append(fragment)
        let parsed = try ParsedSVG(document.finished())
        #expect(parsed.all("rect").first?.ancestors == ["svg", "g"])
    }
}
