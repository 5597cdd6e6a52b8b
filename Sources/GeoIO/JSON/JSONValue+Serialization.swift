/// A number that JSON cannot represent (NaN or an infinity), met while writing JSON.
public struct NonFiniteNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the number is (`features[2].properties.capacity`, `value[0][3]`).
    public let path: String

    /// An error about the number at `path`.
    public init(path: String) {
        self.path = path
    }

    public var description: String { "\(path): NaN and infinite numbers cannot be written as JSON" }
}

/// Compact, deterministic JSON text: no white space, object members in their stored order,
/// strings as UTF-8 with only `"`, `\` and control characters escaped (Lao script is written as
/// it is), whole numbers without a fraction (`2700`, not `2700.0`) and other numbers in their
/// shortest round-trip form. The same value always gives the same bytes.
extension JSONValue {
    /// The value as compact JSON text.
    /// - Throws: ``NonFiniteNumberError`` for NaN or infinite numbers.
    public func jsonText() throws -> String {
        var bytes: [UInt8] = []
        do {
            try appendJSON(to: &bytes)
        } catch let error as NonFiniteNumberError {
            throw NonFiniteNumberError(path: "value" + error.path)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the value's compact JSON text to `bytes`. A ``NonFiniteNumberError`` thrown from
    /// here carries the path below this value (`.capacity`, `[3]`), empty for the value itself.
    package func appendJSON(to bytes: inout [UInt8]) throws {
        switch self {
        case .null: bytes.append(utf8: "null")
        case .bool(let value): bytes.append(utf8: value ? "true" : "false")
        case .number(let value): try Self.appendNumber(value, to: &bytes)
        case .string(let value): Self.appendString(value, to: &bytes)
        case .array(let values):
            bytes.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                do {
                    try value.appendJSON(to: &bytes)
                } catch let error as NonFiniteNumberError {
                    throw NonFiniteNumberError(path: "[\(index)]" + error.path)
                }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            try object.appendJSON(to: &bytes)
        }
    }

    /// A JSON number: whole numbers below 2⁵³ as integers, others in Swift's shortest
    /// round-trip form (`0.1`, `1e-07`, `1e+20`), which is valid JSON.
    package static func appendNumber(_ value: Double, to bytes: inout [UInt8]) throws {
        guard value.isFinite else { throw NonFiniteNumberError(path: "") }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            DecimalBytes.appendInteger(Int64(value), to: &bytes)
        } else {
            DecimalBytes.appendShortest(value, to: &bytes)
        }
    }

    /// A JSON string literal with `"`, `\` and the control characters U+0000–U+001F escaped.
    package static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape: their bytes go out in one copy.
        if bytes.appendUnlessAny(value, { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONObject {
    /// The object as compact JSON text, members in their stored order.
    /// - Throws: ``NonFiniteNumberError`` for NaN or infinite numbers.
    public func jsonText() throws -> String {
        var bytes: [UInt8] = []
        do {
            try appendJSON(to: &bytes)
        } catch let error as NonFiniteNumberError {
            throw NonFiniteNumberError(path: "object" + error.path)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the object's compact JSON text; errors carry the path below it (`.capacity`).
    package func appendJSON(to bytes: inout [UInt8]) throws {
        bytes.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.appendString(member.key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            do {
                try member.value.appendJSON(to: &bytes)
            } catch let error as NonFiniteNumberError {
                throw NonFiniteNumberError(path: ".\(member.key)" + error.path)
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }
}
