// Binomial: exact binomial tail probabilities (a slice's error count against its baseline rate) and the normal
// z-score of an observed proportion.

import Foundation

/// The binomial distribution Bin(n, p): exact tails through the regularized incomplete beta.
public enum Binomial {
    /// P(X ≥ k) for X ~ Bin(n, p) — the one-sided p-value for "more successes than expected".
    /// Exact: I_p(k, n − k + 1); 1 for k = 0; for p = 0 it is 0 (k ≥ 1), for p = 1 it is 1.
    /// - Throws: `StatisticsError` unless 0 ≤ k ≤ n and 0 ≤ p ≤ 1.
    public static func upperTail(successes k: Int, trials n: Int, probability p: Double) throws(StatisticsError)
        -> Double
    {
        try validate(k, n, p)
        if k == 0 || p == 1 { return 1 }
        if p == 0 { return 0 }
        return SpecialFunctions.regularizedBeta(p, complement: 1 - p, Double(k), Double(n - k + 1))
    }

    /// P(X ≤ k) for X ~ Bin(n, p) — the one-sided p-value for "fewer successes than expected".
    /// Exact: I_{1−p}(n − k, k + 1); 1 for k = n; for p = 0 it is 1, for p = 1 it is 0 (k < n).
    /// - Throws: `StatisticsError` unless 0 ≤ k ≤ n and 0 ≤ p ≤ 1.
    public static func lowerTail(successes k: Int, trials n: Int, probability p: Double) throws(StatisticsError)
        -> Double
    {
        try validate(k, n, p)
        if k == n || p == 0 { return 1 }
        if p == 1 { return 0 }
        return SpecialFunctions.regularizedBeta(1 - p, complement: p, Double(n - k), Double(k + 1))
    }

    /// The z-score (k − n p) / √(n p (1 − p)) of an observed count against an expected rate; nil where it is
    /// undefined (n = 0, or p = 0 or 1, where the variance is zero).
    /// - Throws: `StatisticsError` unless 0 ≤ k ≤ n and 0 ≤ p ≤ 1.
    public static func zScore(successes k: Int, trials n: Int, probability p: Double) throws(StatisticsError)
        -> Double?
    {
        try validate(k, n, p)
        let variance = Double(n) * p * (1 - p)
        guard variance > 0 else { return nil }
        return (Double(k) - Double(n) * p) / variance.squareRoot()
    }

    static func validate(_ k: Int, _ n: Int, _ p: Double) throws(StatisticsError) {
        guard n >= 0, k >= 0, k <= n else {
            throw StatisticsError(.invalidArgument, "binomial: successes \(k) not in 0...\(n)")
        }
        try checkProbability(p, "binomial probability")
    }
}
