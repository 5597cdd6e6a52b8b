import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG read back with Foundation's XML parser (libxml2 on Linux): every element with its
/// attributes and text, in document order. Parsing fails on text that is not well-formed XML.
public struct ParsedSVG {
    public struct Element {
        public let name: String
        public let attributes: [String: String]
        public var text: String
        /// The names of the open elements around this one, outermost first.
        public let ancestors: [String]
        /// The classes of the elements around this one.
        public let ancestorClasses: Set<String>

        public var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
    }

    public let elements: [Element]

    /// Parses `text`; throws ``ParseFailure`` for text that is not well-formed XML.
    public init(_ text: String) throws {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            throw ParseFailure(message: parser.parserError.map { "\($0)" } ?? "unknown", line: parser.lineNumber)
        }
        elements = collector.elements
    }

    public struct ParseFailure: Error, CustomStringConvertible {
        public let message: String
        public let line: Int
        public var description: String { "not well-formed XML at line \(line): \(message)" }
    }

    /// Every element named `name`.
    public func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Elements with `className` among their classes.
    public func classed(_ className: String) -> [Element] { elements.filter { $0.classes.contains(className) } }

    /// Elements with `className` among their classes inside an element with class `container`.
    public func classed(_ className: String, in container: String) -> [Element] {
        classed(className).filter { $0.ancestorClasses.contains(container) }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append(
                Element(
                    name: name, attributes: attributes, text: "", ancestors: stack.map { elements[$0].name },
                    ancestorClasses: Set(stack.flatMap { elements[$0].classes })))
            stack.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let last = stack.last { elements[last].text += string }
        }
    }
}
