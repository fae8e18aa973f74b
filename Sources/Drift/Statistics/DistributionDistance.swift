// DistributionDistance: effect sizes between two discrete distributions over the same cells — Jensen–Shannon
// distance, population stability index and a rank-normalised Wasserstein-1 distance.

import Foundation

/// Effect sizes between two discrete distributions given as counts or non-negative weights over the same
/// cells. Weights are normalised by their sum, so counts and proportions may be passed alike. They say how far
/// a distribution moved, not whether the move is significant: pair them with a test.
public enum DistributionDistance {
    /// The Jensen–Shannon distance: the square root of the JS divergence with base-2 logarithms, in [0, 1]
    /// (0 for identical distributions, 1 for disjoint supports). Zero cells need no smoothing.
    /// - Throws: `StatisticsError` for different lengths, negative or non-finite weights, or an all-zero input.
    public static func jensenShannon(_ p: [Double], _ q: [Double]) throws(StatisticsError) -> Double {
        try requireSameLength(p.count, q.count, "Jensen-Shannon inputs")
        let sp = try nonEmptyTotal(p, "first distribution")
        let sq = try nonEmptyTotal(q, "second distribution")
        var divergence = 0.0
        for i in p.indices {
            let a = p[i] / sp, b = q[i] / sq
            let m = 0.5 * (a + b)
            if a > 0 { divergence += a * log2(a / m) }
            if b > 0 { divergence += b * log2(b / m) }
        }
        return min(1, max(0, 0.5 * divergence).squareRoot())
    }

    /// The Jensen–Shannon distance between two count vectors.
    public static func jensenShannon(counts first: [Int], _ second: [Int]) throws(StatisticsError) -> Double {
        try requireSameLength(first.count, second.count, "Jensen-Shannon inputs")
        _ = try checkedTotal(first, "first counts")
        _ = try checkedTotal(second, "second counts")
        return try jensenShannon(first.map(Double.init), second.map(Double.init))
    }

    /// The population stability index Σ (aᵢ − bᵢ) ln(aᵢ / bᵢ) between `baseline` proportions b and `live`
    /// proportions a (symmetric, ≥ 0; rules of thumb: < 0.1 stable, 0.1–0.25 moderate, > 0.25 major shift).
    ///
    /// Smoothing: each normalised proportion is floored at `floor` (default 1e-4) and the result renormalised, so
    /// an empty cell costs at most about |Δp|·ln(p/floor) instead of infinity.
    public static func populationStabilityIndex(
        _ baseline: [Double], _ live: [Double], floor: Double = 1e-4
    ) throws(StatisticsError) -> Double {
        precondition(floor > 0 && floor < 1, "floor must be in (0, 1)")
        try requireSameLength(baseline.count, live.count, "PSI inputs")
        let sb = try nonEmptyTotal(baseline, "baseline")
        let sl = try nonEmptyTotal(live, "live")
        var nb = 0.0, nl = 0.0
        for i in baseline.indices {
            nb += max(baseline[i] / sb, floor)
            nl += max(live[i] / sl, floor)
        }
        var psi = 0.0
        for i in baseline.indices {
            let b = max(baseline[i] / sb, floor) / nb
            let a = max(live[i] / sl, floor) / nl
            psi += (a - b) * log(a / b)
        }
        return psi
    }

    /// The population stability index between two count vectors, smoothed additively: each cell gets
    /// `pseudocount` (default 0.5, Jeffreys) added before normalising, so pᵢ = (cᵢ + ε) / (n + Kε). This shrinks
    /// small samples toward uniform by an amount that fades as n grows.
    public static func populationStabilityIndex(
        counts baseline: [Int], _ live: [Int], pseudocount: Double = 0.5
    ) throws(StatisticsError) -> Double {
        precondition(pseudocount > 0, "pseudocount must be positive")
        try requireSameLength(baseline.count, live.count, "PSI inputs")
        let nb = try checkedTotal(baseline, "baseline counts")
        let nl = try checkedTotal(live, "live counts")
        guard nb > 0 else { throw StatisticsError(.emptyDistribution, "baseline: all counts are zero") }
        guard nl > 0 else { throw StatisticsError(.emptyDistribution, "live: all counts are zero") }
        let k = Double(baseline.count)
        let db = Double(nb) + k * pseudocount, dl = Double(nl) + k * pseudocount
        var psi = 0.0
        for i in baseline.indices {
            let b = (Double(baseline[i]) + pseudocount) / db
            let a = (Double(live[i]) + pseudocount) / dl
            psi += (a - b) * log(a / b)
        }
        return psi
    }

    /// The Wasserstein-1 (earth mover's) distance between two distributions over ordered bins, with bin i at
    /// position i and divided by the span K − 1: Σ |F₁ − F₂| over the K − 1 inner edges / (K − 1), in [0, 1]
    /// (0 for identical, 1 for all mass in the first bin against all in the last; 0 when K ≤ 1).
    public static func wasserstein(_ first: [Double], _ second: [Double]) throws(StatisticsError) -> Double {
        try requireSameLength(first.count, second.count, "Wasserstein inputs")
        let s1 = try nonEmptyTotal(first, "first distribution")
        let s2 = try nonEmptyTotal(second, "second distribution")
        guard first.count > 1 else { return 0 }
        var f1 = 0.0, f2 = 0.0, sum = 0.0
        for i in 0..<(first.count - 1) {
            f1 += first[i] / s1
            f2 += second[i] / s2
            sum += abs(f1 - f2)
        }
        return min(1, sum / Double(first.count - 1))
    }

    /// The rank-normalised Wasserstein-1 distance between two count vectors over ordered bins.
    public static func wasserstein(counts first: [Int], _ second: [Int]) throws(StatisticsError) -> Double {
        try requireSameLength(first.count, second.count, "Wasserstein inputs")
        _ = try checkedTotal(first, "first counts")
        _ = try checkedTotal(second, "second counts")
        return try wasserstein(first.map(Double.init), second.map(Double.init))
    }

    static func nonEmptyTotal(_ weights: [Double], _ what: String) throws(StatisticsError) -> Double {
        let total = try checkedWeightTotal(weights, what)
        guard total > 0 else { throw StatisticsError(.emptyDistribution, "\(what): all weights are zero") }
        return total
    }
}
