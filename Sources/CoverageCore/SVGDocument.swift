/// A small writer of SVG 1.1 text: elements with their attributes in the order given, text and
/// attribute values escaped for XML, and numbers in one fixed format, so that the same drawing
/// always gives the same bytes.
///
/// Numbers are rounded to 2 decimals with trailing zeros trimmed (`12.5`, `3`, `-0.25`; never
/// `-0`, never an exponent). Text has `&`, `<`, `>`, `"` and `'` escaped, and the characters
/// XML 1.0 does not allow (control characters other than tab, line feed and carriage return,
/// lone surrogates, U+FFFE and U+FFFF) removed.
///
/// A value type; not meant to be shared while it is being written.
public struct SVGDocument: Sendable {
    /// An attribute: its name and its value as it will be escaped and written.
    public typealias Attribute = (name: String, value: String)

    private var text: String
    private var open: [String] = []

    /// Starts a document `width` × `height` pixels (the viewBox is the same), with `title` as its
    /// accessible title and `style` as the CSS of a `<style>` element.
    public init(width: Double, height: Double, title: String, style: String) {
        text = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        let size = "\(Self.number(width)) \(Self.number(height))"
        text += #"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\#(Self.number(width))" height="\#(Self.number(height))" viewBox="0 0 \#(size)" role="img">"#
        text += "\n"
        open.append("svg")
        element("title", text: title)
        text += "<style>\n" + Self.escapeCSS(style) + "</style>\n"
    }

    /// An empty fragment: elements to be inserted into a document with ``append(_:)`` (for parts
    /// whose size must be known before the document starts).
    public init() {
        text = ""
    }

    /// Appends the finished text of `fragment` (every element it opened closed).
    public mutating func append(_ fragment: SVGDocument) {
        text += fragment.finished()
    }

    /// Opens an element, closed later by ``close()``.
    public mutating func open(_ name: String, _ attributes: [Attribute] = []) {
        text += "<" + name + Self.attributeText(attributes) + ">\n"
        open.append(name)
    }

    /// Closes the innermost open element.
    public mutating func close() {
        guard let name = open.popLast() else { preconditionFailure("SVGDocument.close() with no open element") }
        text += "</" + name + ">\n"
    }

    /// A complete element: empty (`<rect …/>`) or holding `text` (escaped).
    public mutating func element(_ name: String, _ attributes: [Attribute] = [], text content: String? = nil) {
        text += "<" + name + Self.attributeText(attributes)
        if let content {
            text += ">" + Self.escape(content) + "</" + name + ">\n"
        } else {
            text += "/>\n"
        }
    }

    /// An element holding a `<title>` (a tooltip in browsers) and nothing else.
    public mutating func element(_ name: String, _ attributes: [Attribute], tooltip: String) {
        text += "<" + name + Self.attributeText(attributes) + "><title>" + Self.escape(tooltip) + "</title></" + name + ">\n"
    }

    /// A comment (`--` in `text` is replaced so that the comment stays well-formed).
    public mutating func comment(_ content: String) {
        text += "<!-- " + Self.escape(content).replacingOccurrences(of: "--", with: "- -") + " -->\n"
    }

    /// The finished text: every open element closed.
    public func finished() -> String {
        var copy = self
        while !copy.open.isEmpty { copy.close() }
        return copy.text
    }

    // MARK: formatting

    /// A number rounded to 2 decimals, trailing zeros trimmed, no exponent, no `-0`. Values
    /// beyond ±10¹⁵ or not finite are written as 0 (a drawing never needs them).
    public static func number(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "0" }
        let hundredths = Int64((value * 100).rounded())
        if hundredths == 0 { return "0" }
        let magnitude = hundredths.magnitude
        var result = hundredths < 0 ? "-" : ""
        result += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            result += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return result
    }

    /// `text` escaped for XML content and attribute values; characters XML 1.0 forbids removed.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                if isAllowedInXML(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// True for the characters XML 1.0 allows: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD,
    /// U+10000 and above.
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
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

    private static func attributeText(_ attributes: [Attribute]) -> String {
        attributes.map { " " + $0.name + "=\"" + escape($0.value) + "\"" }.joined()
    }
}
