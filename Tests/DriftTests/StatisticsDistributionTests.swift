// StatisticsDistributionTests: the special functions and distributions (normal, incomplete gamma and beta,
// chi-square, Kolmogorov) against SciPy/mpmath reference values, far tails included.

import Drift
import Testing

@Test func normalCDFAndSurvivalMatchSciPy() throws {
    for c in try StatisticsReference.cases("normal") {
        let x = try c.number("x")
        let cdf = try c.number("cdf"), sf = try c.number("sf")
        #expect(isClose(StandardNormal.cdf(x), cdf, relative: probabilityTolerance(cdf)), "cdf(\(x))")
        #expect(isClose(StandardNormal.survival(x), sf, relative: probabilityTolerance(sf)), "sf(\(x))")
    }
}

@Test func normalQuantileMatchesSciPy() throws {
    for c in try StatisticsReference.cases("normalQuantile") {
        let p = try c.number("p"), x = try c.number("x")
        #expect(isClose(StandardNormal.quantile(p), x, relative: smooth, absolute: 1e-15), "ppf(\(p))")
        #expect(isClose(StandardNormal.inverseSurvival(p), -x, relative: smooth, absolute: 1e-15), "isf(\(p))")
        #expect(isClose(CUSUM.zScore(pValue: p), min(8, max(-8, -x)), relative: smooth, absolute: 1e-15))
    }
}

@Test func normalQuantileEdges() {
    #expect(StandardNormal.quantile(0) == -.infinity)
    #expect(StandardNormal.quantile(1) == .infinity)
    #expect(StandardNormal.quantile(0.5) == 0)
    #expect(StandardNormal.quantile(-0.1).isNaN)
    #expect(StandardNormal.quantile(.nan).isNaN)
}

@Test func incompleteGammaMatchesSciPy() throws {
    for c in try StatisticsReference.cases("gamma") {
        let a = try c.number("a"), x = try c.number("x")
        let p = try c.number("p"), q = try c.number("q")
        #expect(isClose(SpecialFunctions.regularizedGammaP(a, x), p, relative: probabilityTolerance(p)),
                "P(\(a), \(x))")
        #expect(isClose(SpecialFunctions.regularizedGammaQ(a, x), q, relative: probabilityTolerance(q)),
                "Q(\(a), \(x))")
        let logP = try c.number("logP"), logQ = try c.number("logQ")
        #expect(isClose(SpecialFunctions.logRegularizedGammaP(a, x), logP, relative: smooth, absolute: 1e-300))
        #expect(isClose(SpecialFunctions.logRegularizedGammaQ(a, x), logQ, relative: smooth, absolute: 1e-300))
    }
}

@Test func incompleteGammaDomain() {
    #expect(SpecialFunctions.regularizedGammaP(2, 0) == 0)
    #expect(SpecialFunctions.regularizedGammaQ(2, 0) == 1)
    #expect(SpecialFunctions.regularizedGammaQ(2, .infinity) == 0)
    #expect(SpecialFunctions.regularizedGammaP(0, 1).isNaN)
    #expect(SpecialFunctions.regularizedGammaP(1, -1).isNaN)
    #expect(SpecialFunctions.regularizedGammaQ(.nan, 1).isNaN)
}

@Test func incompleteBetaMatchesSciPy() throws {
    for c in try StatisticsReference.cases("beta") {
        let x = try c.number("x"), a = try c.number("a"), b = try c.number("b"), value = try c.number("value")
        #expect(isClose(SpecialFunctions.regularizedBeta(x, a, b), value, relative: probabilityTolerance(value)),
                "I_\(x)(\(a), \(b))")
    }
    #expect(SpecialFunctions.regularizedBeta(0, 2, 3) == 0)
    #expect(SpecialFunctions.regularizedBeta(1, 2, 3) == 1)
    #expect(SpecialFunctions.regularizedBeta(1.5, 2, 3).isNaN)
    #expect(SpecialFunctions.regularizedBeta(0.5, -1, 3).isNaN)
}

@Test func chiSquaredMatchesSciPyIncludingFarTails() throws {
    for c in try StatisticsReference.cases("chiSquared") {
        let x = try c.number("x"), k = try c.integer("df")
        let sf = try c.number("sf"), logSF = try c.number("logSF"), cdf = try c.number("cdf")
        #expect(isClose(ChiSquared.survival(x, degreesOfFreedom: k), sf, relative: probabilityTolerance(sf)),
                "sf(\(x), \(k))")
        #expect(isClose(ChiSquared.logSurvival(x, degreesOfFreedom: k), logSF, relative: smooth), "logsf(\(x), \(k))")
        #expect(isClose(ChiSquared.cdf(x, degreesOfFreedom: k), cdf, relative: probabilityTolerance(cdf)),
                "cdf(\(x), \(k))")
    }
    #expect(ChiSquared.survival(0, degreesOfFreedom: 3) == 1)
    #expect(ChiSquared.survival(-2, degreesOfFreedom: 3) == 1)
    #expect(ChiSquared.survival(.nan, degreesOfFreedom: 3).isNaN)
    #expect(ChiSquared.survival(.infinity, degreesOfFreedom: 3) == 0)
}

@Test func chiSquaredQuantilesMatchSciPy() throws {
    for c in try StatisticsReference.cases("chiSquaredQuantile") {
        let p = try c.number("p"), k = try c.integer("df"), x = try c.number("x")
        #expect(isClose(ChiSquared.quantile(p, degreesOfFreedom: k), x, relative: smooth), "ppf(\(p), \(k))")
    }
    for c in try StatisticsReference.cases("chiSquaredInverseSurvival") {
        let alpha = try c.number("alpha"), k = try c.integer("df"), x = try c.number("x")
        let critical = ChiSquared.inverseSurvival(alpha, degreesOfFreedom: k)
        #expect(isClose(critical, x, relative: smooth), "isf(\(alpha), \(k))")
        #expect(isClose(ChiSquared.survival(critical, degreesOfFreedom: k), alpha, relative: 1e-9), "round trip")
    }
    #expect(ChiSquared.quantile(0, degreesOfFreedom: 2) == 0)
    #expect(ChiSquared.quantile(1, degreesOfFreedom: 2) == .infinity)
    #expect(ChiSquared.inverseSurvival(0, degreesOfFreedom: 2) == .infinity)
    #expect(ChiSquared.inverseSurvival(1.5, degreesOfFreedom: 2).isNaN)
}

@Test func kolmogorovSurvivalMatchesSciPy() throws {
    for c in try StatisticsReference.cases("kolmogorov") {
        let lambda = try c.number("lambda"), sf = try c.number("sf")
        #expect(isClose(KolmogorovDistribution.survival(lambda), sf, relative: probabilityTolerance(sf)),
                "Q(\(lambda))")
    }
    #expect(KolmogorovDistribution.survival(0) == 1)
    #expect(KolmogorovDistribution.survival(-1) == 1)
}
