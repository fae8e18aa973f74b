// TwoProportion: one-sided tests that a live success rate (e.g. an eval pass rate) fell below the baseline
// rate — the pooled two-proportion z-test and Fisher's exact test on the 2×2 table.

import Foundation

/// A z statistic with its one-sided p-value.
public struct ZTest: Sendable, Hashable {
    public var z: Double
    public var pValue: Double

    public init(z: Double, pValue: Double) {
        self.z = z
        self.pValue = pValue
    }
}

/// One-sided comparisons of two binomial proportions; the alternative is always "live rate < baseline rate".
public enum TwoProportion {
    /// The pooled two-proportion z-test: z = (p̂_live − p̂_baseline) / √(p̂ (1 − p̂) (1/n₁ + 1/n₂)) with p̂ the
    /// pooled rate, p-value Φ(z). When p̂ is 0 or 1 both rates are equal and there is no variance: z = 0 and the
    /// p-value is 1 (no evidence of a drop).
    /// - Returns: `.insufficientData(.emptySample)` when either sample has no trials.
    /// - Throws: `StatisticsError` unless 0 ≤ successes ≤ trials for both samples.
    public static func zTest(
        liveSuccesses: Int, liveTrials: Int, baselineSuccesses: Int, baselineTrials: Int
    ) throws(StatisticsError) -> TestOutcome<ZTest> {
        try validate(liveSuccesses, liveTrials, baselineSuccesses, baselineTrials)
        guard liveTrials > 0, baselineTrials > 0 else { return .insufficientData(.emptySample) }
        let n1 = Double(liveTrials), n2 = Double(baselineTrials)
        let pooled = Double(liveSuccesses + baselineSuccesses) / (n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        guard variance > 0 else { return .tested(ZTest(z: 0, pValue: 1)) }
        let z = (Double(liveSuccesses) / n1 - Double(baselineSuccesses) / n2) / variance.squareRoot()
        return .tested(ZTest(z: z, pValue: StandardNormal.cdf(z)))
    }

    /// Fisher's exact test, one-sided: P(X ≤ liveSuccesses) where X, the live successes, is hypergeometric given
    /// the table's margins (SciPy's `fisher_exact(..., alternative="less")`). Summed from the observed term
    /// outward with the hypergeometric term ratio, in log space for the observed term, so tails far below 1e-300
    /// do not lose the terms' relative precision (the result underflows to 0 only below ~1e-308). Margins where X
    /// cannot vary (an empty sample) give 1.
    /// - Throws: `StatisticsError` unless 0 ≤ successes ≤ trials for both samples.
    public static func fisherExact(
        liveSuccesses a: Int, liveTrials n1: Int, baselineSuccesses c: Int, baselineTrials n2: Int
    ) throws(StatisticsError) -> Double {
        try validate(a, n1, c, n2)
        let n = n1 + n2, k = a + c  // table size and total successes
        let lowest = max(0, n1 + k - n), highest = min(n1, k)
        if a >= highest { return 1 }
        // ln P(X = a) = ln C(k, a) + ln C(n − k, n₁ − a) − ln C(n, n₁)
        let logTerm = logChoose(k, a) + logChoose(n - k, n1 - a) - logChoose(n, n1)
        let mode = Int((Double(n1 + 1) * Double(k + 1) / Double(n + 2)).rounded(.down))
        let rest = Double(n - k - n1)  // so that the (2,2) cell for X = x is rest + x
        if a <= mode {
            // Sum P(X = x) / P(X = a) for x = a, a−1, …: the ratios shrink below the mode.
            var term = 1.0, sum = 1.0
            var x = a
            while x > lowest {
                let xd = Double(x)
                term *= xd * (rest + xd) / ((Double(k) - xd + 1) * (Double(n1) - xd + 1))
                sum += term
                if term < sum * 1e-17 { break }
                x -= 1
            }
            return min(1, exp(logTerm + log(sum)))
        } else {
            // 1 − P(X > a), summing upward from a + 1 (terms shrink above the mode).
            var term = 1.0, sum = 0.0
            var x = a
            while x < highest {
                let xd = Double(x)
                term *= (Double(k) - xd) * (Double(n1) - xd) / ((xd + 1) * (rest + xd + 1))
                sum += term
                if term < sum * 1e-17 { break }
                x += 1
            }
            return max(0, 1 - exp(logTerm + log(sum)))
        }
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }

    static func validate(_ a: Int, _ n1: Int, _ c: Int, _ n2: Int) throws(StatisticsError) {
        guard n1 >= 0, a >= 0, a <= n1 else {
            throw StatisticsError(.invalidArgument, "live successes \(a) not in 0...\(n1)")
        }
        guard n2 >= 0, c >= 0, c <= n2 else {
            throw StatisticsError(.invalidArgument, "baseline successes \(c) not in 0...\(n2)")
        }
    }
}
