// WilsonInterval: the score interval for a binomial proportion — the pass rate of a slice with its
// uncertainty, honest at small sample sizes and at 0% or 100%.

import Foundation

/// A proportion with its Wilson score interval.
public struct WilsonInterval: Sendable, Hashable {
    public var successes: Int
    public var trials: Int
    public var lower: Double
    public var upper: Double

    /// The interval at confidence `level` (default 95%, z = 1.959964).
    public init(successes: Int, trials: Int, z: Double = 1.959964) {
        precondition(successes >= 0 && successes <= trials, "successes must be within 0...trials")
        self.successes = successes
        self.trials = trials
        guard trials > 0 else {
            lower = 0
            upper = 1
            return
        }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }

    /// The observed proportion (nil without trials).
    public var proportion: Double? { trials > 0 ? Double(successes) / Double(trials) : nil }
}
