/// A small writer of SVG 1.1 text: elements with their attributes in the order given, text and
/// attribute values escaped for XML, and numbers in one fixed format, so that the same drawing
/// always gives the same bytes.
///
/// Numbers are rounded to 2 decimals with trailing zeros trimmed (`12.5`, `3`, `-0.25`; never
/// `-0`, never an exponent). Text has `&`, `<`, `>`, `"` and `'` escaped, and the characters
/// XML 1.0 does not allow (control characters other than tab, line feed and carriage return,
/// lone surrogates, U+FFFE and U+FFFF) removed.
///
/// The text is kept as UTF-8 bytes: a map has tens of thousands of elements.
///
/// A value type; not meant to be shared while it is being written.
public struct SVGDocument: Sendable {
    /// An attribute: its name and its value as it will be escaped and written.
    public typealias Attribute = (name: String, value: String)

    private var bytes: [UInt8] = []
    private var open: [String] = []

    /// Starts a document `width` × `height` pixels (the viewBox is the same), with `title` as its
    /// accessible title and `style` as the CSS of a `<style>` element.
    public init(width: Double, height: Double, title: String, style: String) {
        let size = "\(Self.number(width)) \(Self.number(height))"
        appendMarkup(#"<?xml version="1.0" encoding="UTF-8"?>"# + "\n")
        appendMarkup(
            #"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\#(Self.number(width))" height="\#(Self.number(height))" viewBox="0 0 \#(size)" role="img">"#
        )
        appendMarkup("\n")
        open.append("svg")
        element("title", text: title)
        appendMarkup("<style>\n" + Self.escapeCSS(style) + "</style>\n")
    }

    /// An empty fragment: elements to be inserted into a document with ``append(_:)`` (for parts
    /// whose size must be known before the document starts).
    public init() {}

    /// Appends the finished text of `fragment` (every element it opened closed).
    public mutating func append(_ fragment: SVGDocument) {
        bytes.append(contentsOf: fragment.finishedBytes())
    }

    /// Opens an element, closed later by ``close()``.
    public mutating func open(_ name: String, _ attributes: [Attribute] = []) {
        startTag(name, attributes)
        appendMarkup(">\n")
        open.append(name)
    }

    /// Closes the innermost open element.
    public mutating func close() {
        guard let name = open.popLast() else { preconditionFailure("SVGDocument.close() with no open element") }
        endTag(name)
    }

    /// A complete element: empty (`<rect …/>`) or holding `text` (escaped).
    public mutating func element(_ name: String, _ attributes: [Attribute] = [], text content: String? = nil) {
        startTag(name, attributes)
        if let content {
            appendMarkup(">")
            Self.appendEscaped(content, to: &bytes)
            endTag(name)
        } else {
            appendMarkup("/>\n")
        }
    }

    /// An element holding a `<title>` (a tooltip in browsers) and nothing else.
    public mutating func element(_ name: String, _ attributes: [Attribute], tooltip: String) {
        startTag(name, attributes)
        appendMarkup("><title>")
        Self.appendEscaped(tooltip, to: &bytes)
        appendMarkup("</title>")
        endTag(name)
    }

    /// A comment (`--` in `text` is replaced so that the comment stays well-formed).
    public mutating func comment(_ content: String) {
        appendMarkup("<!-- " + Self.escape(content).replacingOccurrences(of: "--", with: "- -") + " -->\n")
    }

    /// The finished text: every open element closed.
    public func finished() -> String {
        String(decoding: finishedBytes(), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``finished()``.
    package func finishedBytes() -> [UInt8] {
        var copy = self
        while !copy.open.isEmpty { copy.close() }
        return copy.bytes
    }

    /// `<name` and the attributes, escaped.
    private mutating func startTag(_ name: String, _ attributes: [Attribute]) {
        appendMarkup("<")
        appendMarkup(name)
        for attribute in attributes {
            appendMarkup(" ")
            appendMarkup(attribute.name)
            appendMarkup("=\"")
            Self.appendEscaped(attribute.value, to: &bytes)
            appendMarkup("\"")
        }
    }

    /// `</name>` and a line break.
    private mutating func endTag(_ name: String) {
        appendMarkup("</")
        appendMarkup(name)
        appendMarkup(">\n")
    }

    /// Appends markup as it is (names, punctuation: nothing to escape).
    private mutating func appendMarkup(_ markup: String) {
        bytes.append(utf8: markup)
    }

    // MARK: formatting

    /// A number rounded to 2 decimals, trailing zeros trimmed, no exponent, no `-0`. Values
    /// beyond ±10¹⁵ or not finite are written as 0 (a drawing never needs them).
    public static func number(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendNumber(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``number(_:)``'s text of `value`.
    package static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        appendHundredths(hundredths(value), to: &bytes)
    }

    /// `value` in hundredths, rounded, as ``number(_:)`` writes it: two values have the same
    /// text exactly when they have the same hundredths. 0 for values not finite or beyond ±10¹⁵.
    package static func hundredths(_ value: Double) -> Int64 {
        guard value.isFinite, abs(value) < 1e15 else { return 0 }
        return Int64((value * 100).rounded())
    }

    /// Appends a number given in hundredths: `1250` as `12.5`, `-5` as `-0.05`, `0` as `0`.
    package static func appendHundredths(_ hundredths: Int64, to bytes: inout [UInt8]) {
        DecimalBytes.appendFixedPoint(hundredths, decimals: 2, to: &bytes)
    }

    /// `text` escaped for XML content and attribute values; characters XML 1.0 forbids removed.
    public static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``escape(_:)``'s text of `text`.
    package static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        // Most text (path data, names) has nothing to escape or remove: its bytes go out in one
        // copy. A byte 0xEF may begin U+FFFE or U+FFFF, so such text takes the careful way.
        let isPlain = bytes.appendUnlessAny(text) { byte in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: true
            case 0x9, 0xA, 0xD: false
            default: byte < 0x20
            }
        }
        if isPlain { return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": bytes.append(utf8: "&amp;")
            case "<": bytes.append(utf8: "&lt;")
            case ">": bytes.append(utf8: "&gt;")
            case "\"": bytes.append(utf8: "&quot;")
            case "'": bytes.append(utf8: "&apos;")
            default:
                if isAllowedInXML(scalar) { bytes.append(contentsOf: scalar.utf8) }
            }
        }
    }

    /// True for the characters XML 1.0 allows: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD,
    /// U+10000 and above.
    package static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// CSS for a `<style>` element: `<` and `&` escaped (the element is parsed as XML).
    private static func escapeCSS(_ css: String) -> String {
        css.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
