import ArgumentParser

/// Throws a `ValidationError` (usage and exit 64) unless `value`, when given, is at least 1: what
/// every count option (`--repeat`, `--threads`, `--k`, `--target-cells`) requires.
public func validatePositive(_ value: Int?, option: String) throws {
    if let value, value < 1 {
        throw ValidationError("\(option) expects a whole number > 0, found \(value)")
    }
}
