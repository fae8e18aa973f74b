// ExpectedQuality: label-free quality under the live mix — the sum over slices of each slice's live share times
// its eval pass rate, with a 95% interval (eval-set sampling plus live-mix sampling, delta method) — and the
// decomposition of a quality change into "the mix moved" and "slices got worse".

import Foundation

/// One slice's inputs to the expected-quality estimate.
public struct SliceQualityInput: Sendable, Hashable {
    /// Eval items graded in this slice, and how many passed.
    public var evalGraded: Int
    public var evalPasses: Int
    /// The slice's count in the baseline mix (reference traffic or eval items) and in live traffic.
    public var baselineCount: Int
    public var liveCount: Int
    /// Live interactions scored in this slice, and how many passed.
    public var scored: Int
    public var passes: Int

    public init(evalGraded: Int, evalPasses: Int, baselineCount: Int, liveCount: Int, scored: Int, passes: Int) {
        self.evalGraded = evalGraded
        self.evalPasses = evalPasses
        self.baselineCount = baselineCount
        self.liveCount = liveCount
        self.scored = scored
        self.passes = passes
    }
}

/// Expected and observed quality of one window (or the whole run) and where a change comes from.
public struct ExpectedQuality: Sendable, Hashable {
    /// Σ live share × eval pass rate over slices with graded eval items, and its 95% interval.
    public var expected: Double
    public var low: Double
    public var high: Double
    /// The same under the baseline mix.
    public var baseline: Double
    /// Σ live share × live pass rate (the eval rate stands in for slices with nothing scored); nil when nothing
    /// was scored at all.
    public var observed: Double?
    /// expected − baseline: what the change of mix alone does to quality.
    public var mixEffect: Double
    /// observed − expected: what slices getting better or worse does (nil without scores).
    public var sliceEffect: Double?
    /// Live interactions in slices with graded eval items (the estimate's sample size).
    public var liveInteractions: Int

    /// nil when no slice has both graded eval items and live interactions.
    public init?(_ slices: [SliceQualityInput]) {
        let usable = slices.filter { $0.evalGraded > 0 }
        let n = usable.reduce(0) { $0 + $1.liveCount }
        let baselineTotal = usable.reduce(0) { $0 + $1.baselineCount }
        guard n > 0 else { return nil }
        var expected = 0.0, evalVariance = 0.0, secondMoment = 0.0, baseline = 0.0, observed = 0.0
        var anyScored = false
        for s in usable {
            let p = Double(s.evalPasses) / Double(s.evalGraded)
            let w = Double(s.liveCount) / Double(n)
            expected += w * p
            evalVariance += w * w * p * (1 - p) / Double(s.evalGraded)
            secondMoment += w * p * p
            if baselineTotal > 0 { baseline += Double(s.baselineCount) / Double(baselineTotal) * p }
            if s.scored > 0 {
                anyScored = true
                observed += w * Double(s.passes) / Double(s.scored)
            } else {
                observed += w * p
            }
        }
        let mixVariance = max(0, secondMoment - expected * expected) / Double(n)
        let half = 1.959964 * (evalVariance + mixVariance).squareRoot()
        self.expected = expected
        low = max(0, expected - half)
        high = min(1, expected + half)
        self.baseline = baselineTotal > 0 ? baseline : expected
        self.observed = anyScored ? observed : nil
        mixEffect = expected - self.baseline
        sliceEffect = anyScored ? observed - expected : nil
        liveInteractions = n
    }
}

/// How many live samples a one-sided two-proportion test needs to see a pass-rate drop.
public enum QualityPower {
    /// Live samples needed to detect a fall from `baselineRate` (estimated from `baselineTrials` eval items) by
    /// `drop` at one-sided level `alpha` with probability `power` (normal approximation, unpooled variances:
    /// n = p₁(1−p₁) / ((δ / (z_α + z_β))² − p₀(1−p₀)/m)). nil when no live sample is enough: the eval set's own
    /// uncertainty in this slice is larger than the drop.
    public static func samplesNeeded(
        baselineRate p0: Double, baselineTrials m: Int, drop: Double, alpha: Double, power: Double = 0.8
    ) -> Int? {
        guard m > 0, drop > 0, alpha > 0, alpha < 1, power > 0, power < 1 else { return nil }
        let p1 = max(0, p0 - drop)
        let z = StandardNormal.quantile(1 - alpha) + StandardNormal.quantile(power)
        let room = pow(drop / z, 2) - p0 * (1 - p0) / Double(m)
        guard room > 0 else { return nil }
        return max(1, Int((max(p1 * (1 - p1), 1e-9) / room).rounded(.up)))
    }
}
