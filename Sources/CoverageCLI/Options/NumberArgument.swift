import ArgumentParser
import GeoIO

/// The numbers the options take, read here rather than by ArgumentParser.
///
/// Numeric options are declared as text with `parsing: .unconditional`, so that a negative value
/// (`--max-km -5`) reaches the check instead of being taken for an option (ArgumentParser would
/// then say "Missing value for '--max-km'"), and every wrong value gets one plain message that
/// names the option, what it expects and what it found: `--max-km: expected a number > 0, found -5`.
enum NumberArgument {
    /// A finite number for which `accepts` holds; `expected` completes "expected …" in the message.
    static func number(_ text: String, option: String, expected: String, where accepts: (Double) -> Bool) throws -> Double {
        let trimmed = text.trimmingBlanks
        guard let value = Double(trimmed), value.isFinite, accepts(value) else {
            throw ValidationError("\(option): expected \(expected), found \(found(trimmed))")
        }
        return value
    }

    /// A whole number ≥ `minimum`; `expected` completes "expected …" in the message.
    static func whole(_ text: String, option: String, minimum: Int, expected: String) throws -> Int {
        let trimmed = text.trimmingBlanks
        guard let value = Int(trimmed), value >= minimum else {
            throw ValidationError("\(option): expected \(expected), found \(found(trimmed))")
        }
        return value
    }

    /// A number > 0, or several separated by commas (`5,10,15`).
    static func positiveList(_ text: String, option: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return [try number(text, option: option, expected: "a number > 0", where: { $0 > 0 })] }
        return try parts.map { part in
            guard let value = Double(part.trimmingBlanks), value.isFinite, value > 0 else {
                throw ValidationError("\(option): expected numbers > 0 separated by commas, found \(found(part.trimmingBlanks)) in \(text)")
            }
            return value
        }
    }

    /// The value as the message quotes it: as given, or "nothing".
    private static func found(_ text: String) -> String { text.isEmpty ? "nothing" : text }
}
