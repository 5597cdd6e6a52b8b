import Foundation

/// A clock reading (`ContinuousClock` difference) in seconds, as the reports print times.
public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// The median of the timed runs: the middle value, or the mean of the two middle values for an
/// even count. `runs` must not be empty (`--repeat` is at least 1).
public func median(_ runs: [Double]) -> Double {
    precondition(!runs.isEmpty, "the median of no runs")
    let sorted = runs.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
