// ChiSquared: the chi-square distribution's survival function (the p-value of G and Pearson statistics), its
// log, CDF and quantiles.

import Foundation

/// The chi-square distribution with `degreesOfFreedom` k ≥ 1 (a gamma distribution with shape k/2, scale 2).
/// The degrees of freedom come from the test's design, not from data, so k < 1 is a precondition failure.
public enum ChiSquared {
    /// P(X > x): the p-value of a chi-square statistic. 1 for x ≤ 0; NaN for NaN. Accurate to ~1e-12 relative
    /// into the far tail (values down to ~1e-300; see `logSurvival` below that).
    public static func survival(_ x: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k >= 1, "degrees of freedom must be at least 1")
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        return SpecialFunctions.regularizedGammaQ(Double(k) / 2, x / 2)
    }

    /// ln P(X > x), finite even where the survival underflows.
    public static func logSurvival(_ x: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k >= 1, "degrees of freedom must be at least 1")
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.logRegularizedGammaQ(Double(k) / 2, x / 2)
    }

    /// P(X ≤ x).
    public static func cdf(_ x: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k >= 1, "degrees of freedom must be at least 1")
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.regularizedGammaP(Double(k) / 2, x / 2)
    }

    /// The x with P(X ≤ x) = p. 0 for p = 0, +∞ for p = 1, NaN outside [0, 1]. Solved by safeguarded Newton
    /// iteration on ln x against the log of whichever tail is smaller, to ~1e-14 relative.
    public static func quantile(_ p: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k >= 1, "degrees of freedom must be at least 1")
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        return p <= 0.5 ? solve(logTail: log(p), upper: false, k) : solve(logTail: log1p(-p), upper: true, k)
    }

    /// The critical value: the x with P(X > x) = alpha (so `survival(inverseSurvival(a)) == a`). +∞ for alpha = 0,
    /// 0 for alpha = 1, NaN outside [0, 1]. Accurate for tiny alpha (1e-30 and below).
    public static func inverseSurvival(_ alpha: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k >= 1, "degrees of freedom must be at least 1")
        guard alpha >= 0, alpha <= 1 else { return .nan }
        if alpha == 0 { return .infinity }
        if alpha == 1 { return 0 }
        return alpha <= 0.5
            ? solve(logTail: log(alpha), upper: true, k) : solve(logTail: log1p(-alpha), upper: false, k)
    }

    /// Finds u = ln x where ln(tail(x)) = logTail, tail being Q (upper) or P (lower). G(u) below is made
    /// increasing in u; the bracket [lo, hi] always holds the root and catches Newton steps that leave it.
    static func solve(logTail target: Double, upper: Bool, _ k: Int) -> Double {
        let a = Double(k) / 2
        let logNormaliser = a * log(2.0) + lgamma(a)
        // Wilson–Hilferty start, or the small-x expansion P ≈ (x/2)^a / Γ(a+1) when that goes negative.
        let lowerTailZ = upper ? -StandardNormal.inverseSurvival(exp(target)) : StandardNormal.quantile(exp(target))
        let h = 2 / (9 * Double(k))
        let cube = 1 - h + lowerTailZ * h.squareRoot()
        var u: Double
        if cube > 0.05 {
            u = log(Double(k)) + 3 * log(cube)
        } else if !upper {
            u = log(2.0) + (target + lgamma(a + 1)) / a
        } else {
            u = log(Double(k))
        }
        var lo = -700.0, hi = log(2 * Double(k) + 4000)
        u = min(max(u, lo), hi)
        for _ in 0..<200 {
            let x = exp(u)
            let logTail = upper
                ? SpecialFunctions.logRegularizedGammaQ(a, x / 2) : SpecialFunctions.logRegularizedGammaP(a, x / 2)
            let g = upper ? target - logTail : logTail - target
            if g == 0 { return x }
            if g < 0 { lo = u } else { hi = u }
            // d ln(tail)/du = ± x f(x) / tail(x), with f the chi-square density.
            let slope = exp(a * u - x / 2 - logNormaliser - logTail)
            var next = u - g / slope
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - u) <= 1e-15 * max(1, abs(u)) || hi - lo <= 1e-15 * max(1, abs(u)) { return exp(next) }
            u = next
        }
        return exp(u)
    }
}
