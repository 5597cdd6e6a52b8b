import Foundation

/// Where a JSON document stops being valid, and why.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// 1-based line of the offending byte.
    public let line: Int
    /// 1-based column of the offending byte, in characters (as an editor counts them).
    public let column: Int
    /// 0-based byte offset of the offending byte.
    public let byteOffset: Int
    public let reason: String
}

/// A strict RFC 8259 JSON parser over UTF-8 bytes that reports the line and column of the first
/// error, rejects duplicate object keys and the non-JSON `NaN`/`Infinity`, and skips a leading
/// byte-order mark.
///
/// Written here rather than taken from Foundation because `JSONSerialization` reports only a
/// character offset, accepts duplicate keys silently, and parses at about 13 MB/s on this
/// project's layers; this parser is several times faster and its messages name the position.
public struct JSONParser {
    /// Nesting deeper than this is refused (a guard against stack exhaustion on hostile input).
    public static let maximumDepth = 512

    /// A number literal longer than this is refused: a double holds 17 significant digits, and a
    /// number of a megabyte is no measurement (its message would quote it whole).
    public static let maximumNumberCharacters = 100

    /// Parses one JSON document from `bytes`.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            var parser = Cursor(buffer)
            return try parser.document()
        }
    }

    /// Parses one JSON document from `bytes` as ``parse(_:)-(_:[UInt8])`` does, except that the elements of the
    /// top-level object's array member `member` are handed to `element`, with their index, as
    /// each is parsed, and not kept: in the value returned that member is an empty array. A layer
    /// of 600,000 features is then never held as one tree of values (several times the size of
    /// its file); `element` keeps what it needs of each. A member `member` that is not an array,
    /// or one below the top level, is parsed as usual.
    public static func parse(
        _ bytes: [UInt8], streaming member: String, to element: (_ index: Int, _ value: JSONValue) -> Void
    ) throws(JSONSyntaxError) -> JSONValue {
        try withoutActuallyEscaping(element) { element throws(JSONSyntaxError) in
            try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                var parser = Cursor(buffer, streaming: (member, element))
                return try parser.document()
            }
        }
    }

    /// Parses one JSON document from a string.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0
    /// The top-level member whose array elements go to the closure instead of into the tree.
    let streaming: (member: String, element: (Int, JSONValue) -> Void)?

    init(_ bytes: UnsafeBufferPointer<UInt8>, streaming: (member: String, element: (Int, JSONValue) -> Void)? = nil) {
        self.bytes = bytes
        self.streaming = streaming
    }

    mutating func document() throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        skipWhitespace()
        guard position < bytes.count else { throw failure("the document is empty (expected a JSON value)") }
        let value = try value()
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected \(describeByte()) after the end of the JSON value") }
        return value
    }

    // MARK: values

    mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw failure("unexpected end of file (expected a value)") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw failure("NaN and Infinity are not valid JSON numbers")
        default:
            throw failure("unexpected \(describeByte()) (expected a value)")
        }
    }

    mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var seen = Set<String>()
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            position += 1
            depth -= 1
            return .object(JSONObject(members))
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw failure("unexpected \(describeByte()) (expected a quoted member name)") }
            let keyStart = position
            let key = try string()
            guard seen.insert(key).inserted else {
                throw failure("duplicate member name \"\(key)\"", at: keyStart)
            }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw failure("unexpected \(describeByte()) (expected ':' after member name)") }
            position += 1
            skipWhitespace()
            if depth == 1, let streaming, key == streaming.member, peek(UInt8(ascii: "[")) {
                try forEachElement(streaming.element)
                members.append((key, .array([])))
            } else {
                members.append((key, try value()))
            }
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                position += 1
            } else if peek(UInt8(ascii: "}")) {
                position += 1
                depth -= 1
                return .object(JSONObject(members))
            } else {
                throw failure("unexpected \(describeByte()) (expected ',' or '}' in an object)")
            }
        }
    }

    mutating func array() throws(JSONSyntaxError) -> JSONValue {
        var elements: [JSONValue] = []
        try forEachElement { elements.append($1) }
        return .array(elements)
    }

    /// Parses an array, handing each element with its index to `body` as it is parsed: an
    /// array value keeps them, a streamed member (``JSONParser/parse(_:streaming:to:)``) does not.
    mutating func forEachElement(_ body: (Int, JSONValue) -> Void) throws(JSONSyntaxError) {
        try enter()
        position += 1
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            position += 1
            depth -= 1
            return
        }
        var index = 0
        while true {
            skipWhitespace()
            body(index, try value())
            index += 1
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                position += 1
            } else if peek(UInt8(ascii: "]")) {
                position += 1
                depth -= 1
                return
            } else {
                throw failure("unexpected \(describeByte()) (expected ',' or ']' in an array)")
            }
        }
    }

    mutating func string() throws(JSONSyntaxError) -> String {
        let start = position
        position += 1  // opening quote
        var scalars: [UInt8] = []
        var segmentStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: bytes[segmentStart..<position])
                guard let text = String(validating: scalars, as: UTF8.self) else {
                    let offset = firstInvalidUTF8(from: start + 1, to: position)
                    throw failure("invalid UTF-8 byte \(String(format: "0x%02X", bytes[offset])) in a string (the file must be UTF-8)", at: offset)
                }
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: bytes[segmentStart..<position])
                try escape(into: &scalars)
                segmentStart = position
                continue
            }
            if byte < 0x20 { throw failure("control character \(describeByte()) inside a string (escape it)") }
            position += 1
        }
        throw failure("unterminated string", at: start)
    }

    mutating func escape(into scalars: inout [UInt8]) throws(JSONSyntaxError) {
        position += 1  // backslash
        guard position < bytes.count else { throw failure("unexpected end of file in an escape sequence") }
        let code = bytes[position]
        position += 1
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(code)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"):
            // Surrogate errors point at the backslash of the offending escape, not past it.
            let escapeStart = position - 2
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("a high surrogate \\u escape must be followed by a low surrogate", at: escapeStart)
                }
                let lowStart = position
                position += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("invalid low surrogate in \\u escape", at: lowStart) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure("a lone low surrogate in a \\u escape", at: escapeStart)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
            scalars.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            position -= 1
            throw failure("invalid escape sequence \\\(describeByte(quoted: false))")
        }
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("unexpected end of file in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("\\u escape needs four hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    mutating func number() throws(JSONSyntaxError) -> Double {
        let start = position
        if peek(UInt8(ascii: "-")) { position += 1 }
        if peek(UInt8(ascii: "I")) { throw failure("NaN and Infinity are not valid JSON numbers", at: start) }
        let integerStart = position
        guard digits() > 0 else { throw failure("a number needs digits", at: start) }
        if bytes[integerStart] == UInt8(ascii: "0"), position - integerStart > 1 {
            throw failure("leading zeros are not allowed in JSON numbers", at: start)
        }
        var isInteger = true
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            position += 1
            guard digits() > 0 else { throw failure("a digit must follow the decimal point") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            guard digits() > 0 else { throw failure("an exponent needs digits") }
        }
        guard position - start <= JSONParser.maximumNumberCharacters else {
            throw failure("a number of \((position - start).grouped) characters, more than the limit of \(JSONParser.maximumNumberCharacters)", at: start)
        }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, text.count <= 15 {
            // Exact and fast for the small integers that fill attribute tables.
            var value: Int64 = 0
            for byte in text where byte != UInt8(ascii: "-") { value = value * 10 + Int64(byte - UInt8(ascii: "0")) }
            return Double(text[0] == UInt8(ascii: "-") ? -value : value)
        }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            throw failure("the number \(String(decoding: text, as: UTF8.self)) is too large for a double", at: start)
        }
        return value
    }

    /// The offset of the first byte in `start..<end` that does not begin or continue a valid
    /// UTF-8 sequence (escapes are ASCII, so the raw bytes of a string can be decoded as they are).
    func firstInvalidUTF8(from start: Int, to end: Int) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = UnsafeBufferPointer(rebasing: bytes[start..<end]).makeIterator()
        var offset = start
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return start  // not reached: the caller found the string invalid
            }
        }
    }

    mutating func digits() -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - start
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard position + expected.count <= bytes.count,
            zip(bytes[position..<position + expected.count], expected).allSatisfy({ $0 == $1 })
        else { throw failure("unexpected \(describeByte()) (expected \(word))") }
        position += expected.count
    }

    // MARK: helpers

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw failure("nesting deeper than \(JSONParser.maximumDepth) levels") }
    }

    func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func describeByte(quoted: Bool = true) -> String {
        guard position < bytes.count else { return "end of file" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F {
            let character = String(UnicodeScalar(byte))
            return quoted ? "'\(character)'" : character
        }
        return String(format: "byte 0x%02X", byte)
    }

    func failure(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        // Columns count characters as an editor does: skip UTF-8 continuation bytes and a BOM.
        if line == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { lineStart = min(3, offset) }
        let column = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
        return JSONSyntaxError(line: line, column: column, byteOffset: offset, reason: reason)
    }
}
