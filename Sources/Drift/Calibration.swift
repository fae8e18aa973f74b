// Calibration: how far each test's statistic strays on traffic the team calls normal, measured by replaying
// reference traffic in windows of the production size. A test whose standardised scores sit higher or spread
// wider than a standard normal's (slices that split differently on live phrasings, descriptors the eval set
// misstates) has its scores re-centred and shrunk, so the false-alarm budget holds on real traffic.

import Foundation

/// Per-test location and spread of the standardised score on reference windows.
public struct Calibration: Sendable, Hashable {
    /// How a test's score behaved on normal traffic: z' = (z − shift) / scale.
    public struct Adjustment: Sendable, Hashable {
        /// The median score, when above 0 (a test that sits high on normal traffic); else 0.
        public var shift: Double
        /// The interquartile range over a standard normal's (1.349), at least 1.
        public var scale: Double
    }

    /// Adjustments per test key; tests that behaved nominally are left out.
    public private(set) var adjustments: [String: Adjustment] = [:]
    /// Reference windows the adjustments were measured on.
    public private(set) var windows = 0

    /// Fewer windows than this give no adjustment (quartiles of too few scores say little).
    public static let minimumWindows = 8

    public init() {}

    /// Measures each test's median and interquartile range of z over the reference windows: robust, so a few
    /// windows of real drift inside the reference move them little. Only ever shrinks scores.
    public init(referenceWindows: [[TestResult]]) {
        windows = referenceWindows.count
        guard windows >= Self.minimumWindows else { return }
        var scores: [String: [Double]] = [:]
        for results in referenceWindows {
            for r in results { if let z = r.z { scores[r.key, default: []].append(z) } }
        }
        for (key, values) in scores where values.count >= Self.minimumWindows {
            let sorted = values.sorted()
            func quantile(_ q: Double) -> Double {
                let position = q * Double(sorted.count - 1)
                let low = Int(position.rounded(.down)), high = min(sorted.count - 1, low + 1)
                return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
            }
            let adjustment = Adjustment(
                shift: max(0, quantile(0.5)), scale: max(1, (quantile(0.75) - quantile(0.25)) / 1.349))
            if adjustment.shift > 0.25 || adjustment.scale > 1.1 { adjustments[key] = adjustment }
        }
    }

    /// `result` with its score adjusted and its p-value recomputed from the adjusted score.
    public func apply(_ result: TestResult) -> TestResult {
        guard let a = adjustments[result.key], let z = result.z else { return result }
        var r = result
        r.z = (z - a.shift) / a.scale
        r.pValue = StandardNormal.survival(r.z!)
        return r
    }
}
