// BinnedKolmogorovSmirnov: the two-sample Kolmogorov–Smirnov test on histograms over the same ordered bins
// (e.g. response lengths), with the Kolmogorov distribution's survival function and a Wasserstein effect size.

import Foundation

/// The two-sample Kolmogorov–Smirnov test on binned data.
///
/// D is the largest |F₁ − F₂| over the bin edges. Binning hides differences inside a bin, so D is at most the
/// unbinned D and the test is conservative. The p-value is asymptotic: Q_KS(λ) with
/// λ = (√nₑ + 0.12 + 0.11/√nₑ) D and nₑ = n m / (n + m) (Stephens' small-sample correction, as in Numerical
/// Recipes' `kstwo`); it is a good approximation once nₑ is above ~4 and conservative below.
public struct BinnedKolmogorovSmirnov: Sendable, Hashable {
    /// D = max |F₁ − F₂| over the bin edges, in [0, 1].
    public var d: Double
    /// The bin at whose upper edge D is reached (the first, on ties).
    public var binOfMaximum: Int
    /// nₑ = n m / (n + m).
    public var effectiveSampleSize: Double
    /// Q_KS(λ), the asymptotic p-value.
    public var pValue: Double
    /// The rank-normalised Wasserstein-1 distance (`DistributionDistance.wasserstein`), in [0, 1]: how far mass
    /// moved, as a floor effect size for D.
    public var wasserstein: Double

    /// Compares two histograms over the same ordered bins.
    /// - Returns: `.insufficientData(.emptySample)` when either histogram is empty.
    /// - Throws: `StatisticsError` for different lengths or negative counts.
    public static func test(_ first: [Int], _ second: [Int]) throws(StatisticsError)
        -> TestOutcome<BinnedKolmogorovSmirnov>
    {
        try requireSameLength(first.count, second.count, "Kolmogorov-Smirnov histograms")
        let n = try checkedTotal(first, "first histogram")
        let m = try checkedTotal(second, "second histogram")
        guard n > 0, m > 0 else { return .insufficientData(.emptySample) }
        let dn = Double(n), dm = Double(m)
        var c1 = 0, c2 = 0
        var d = 0.0, at = 0, area = 0.0
        for i in first.indices {
            c1 += first[i]
            c2 += second[i]
            let gap = abs(Double(c1) / dn - Double(c2) / dm)
            if gap > d {
                d = gap
                at = i
            }
            if i < first.count - 1 { area += gap }
        }
        let ne = dn * dm / (dn + dm)
        let root = ne.squareRoot()
        let lambda = (root + 0.12 + 0.11 / root) * d
        return .tested(BinnedKolmogorovSmirnov(
            d: d, binOfMaximum: at, effectiveSampleSize: ne, pValue: KolmogorovDistribution.survival(lambda),
            wasserstein: first.count > 1 ? min(1, area / Double(first.count - 1)) : 0))
    }
}

/// The Kolmogorov distribution: the limit law of √n D for the one-sample KS statistic.
public enum KolmogorovDistribution {
    /// Q_KS(λ) = P(K > λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2 j² λ²} (SciPy's `scipy.special.kolmogorov`). For λ < 1.18
    /// it uses the equivalent Jacobi-theta form 1 − (√(2π)/λ) Σ e^{−(2j−1)² π² / (8 λ²)}, which converges fast there;
    /// both sums are truncated after four terms, past double precision. 1 for λ ≤ 0, NaN for NaN.
    public static func survival(_ lambda: Double) -> Double {
        if lambda.isNaN { return .nan }
        if lambda <= 0 { return 1 }
        if lambda < 1.18 {
            let y = exp(-1.233_700_550_136_169_827_35 / (lambda * lambda))  // π²/8
            let y8 = pow(y, 8)
            let cdf = 2.506_628_274_631_000_502_4 / lambda * y * (1 + y8 * (1 + y8 * y8 * (1 + y8 * y8 * y8)))
            return 1 - cdf
        }
        let x = exp(-2 * lambda * lambda)
        let x3 = x * x * x
        return 2 * x * (1 - x3 * (1 - x3 * x * x * (1 - x3 * x3 * x)))
    }
}
