// StatisticsDistanceTests: Jensen–Shannon distance, PSI, rank-normalised Wasserstein and the binned two-sample
// KS test against SciPy, identical distributions, empty samples and bad input.

import Drift
import Testing

@Test func jensenShannonMatchesSciPy() throws {
    for c in try StatisticsReference.cases("jensenShannon") {
        let p = try c.integers("p"), q = try c.integers("q")
        let expected = try c.number("distance")
        let fromCounts = try DistributionDistance.jensenShannon(counts: p, q)
        let fromWeights = try DistributionDistance.jensenShannon(p.map(Double.init), q.map(Double.init))
        #expect(isClose(fromCounts, expected, relative: smooth, absolute: 1e-12), "JS \(p) \(q)")
        #expect(fromCounts == fromWeights)
        #expect(fromCounts >= 0 && fromCounts <= 1)
    }
    #expect(try DistributionDistance.jensenShannon([0.2, 0.8], [0.2, 0.8]) == 0)
    #expect(try DistributionDistance.jensenShannon([1, 0], [0, 1]) == 1)
    // Scale does not matter: counts and proportions of the same distribution coincide.
    #expect(try DistributionDistance.jensenShannon([2, 6], [0.25, 0.75]) == 0)
}

@Test func populationStabilityIndexMatchesReference() throws {
    for c in try StatisticsReference.cases("psiCounts") {
        let b = try c.integers("baseline"), a = try c.integers("live")
        let psi = try DistributionDistance.populationStabilityIndex(
            counts: b, a, pseudocount: try c.number("pseudocount"))
        #expect(isClose(psi, try c.number("psi"), relative: smooth, absolute: 1e-14), "PSI counts \(b) \(a)")
    }
    for c in try StatisticsReference.cases("psiProportions") {
        let b = try c.integers("baseline").map(Double.init), a = try c.integers("live").map(Double.init)
        let psi = try DistributionDistance.populationStabilityIndex(b, a, floor: try c.number("floor"))
        #expect(isClose(psi, try c.number("psi"), relative: smooth, absolute: 1e-14), "PSI proportions \(b) \(a)")
    }
    #expect(try DistributionDistance.populationStabilityIndex(counts: [10, 20, 30], [10, 20, 30]) == 0)
    #expect(try DistributionDistance.populationStabilityIndex([0.1, 0.9], [0.1, 0.9]) == 0)
}

@Test func wassersteinMatchesSciPy() throws {
    for c in try StatisticsReference.cases("wasserstein") {
        let a = try c.integers("first"), b = try c.integers("second")
        let w = try DistributionDistance.wasserstein(counts: a, b)
        #expect(isClose(w, try c.number("distance"), relative: smooth, absolute: 1e-14), "W \(a) \(b)")
        #expect(w >= 0 && w <= 1)
    }
    #expect(try DistributionDistance.wasserstein([1, 0, 0], [0, 0, 1]) == 1)
    #expect(try DistributionDistance.wasserstein([5], [7]) == 0)
}

@Test func distancesRejectBadInput() {
    func code(_ body: () throws(StatisticsError) -> Double) -> StatisticsError.Code? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.code
        }
    }
    #expect(code { () throws(StatisticsError) in try DistributionDistance.jensenShannon([1, 2], [1]) }
            == .lengthMismatch)
    #expect(code { () throws(StatisticsError) in try DistributionDistance.jensenShannon(counts: [1, -2], [1, 2]) }
            == .negativeCount)
    #expect(code { () throws(StatisticsError) in try DistributionDistance.jensenShannon([0, 0], [1, 2]) }
            == .emptyDistribution)
    #expect(code { () throws(StatisticsError) in try DistributionDistance.populationStabilityIndex([1, .nan], [1, 2]) }
            == .invalidProbability)
    #expect(code { () throws(StatisticsError) in
        try DistributionDistance.populationStabilityIndex(counts: [0, 0], [1, 2])
    }
            == .emptyDistribution)
    #expect(code { () throws(StatisticsError) in try DistributionDistance.wasserstein(counts: [1, 2, 3], [1, 2]) }
            == .lengthMismatch)
}

@Test func binnedKolmogorovSmirnovMatchesSciPy() throws {
    for c in try StatisticsReference.cases("binnedKS") {
        let a = try c.integers("first"), b = try c.integers("second")
        let r = try #require(try BinnedKolmogorovSmirnov.test(a, b).report)
        #expect(isClose(r.d, try c.number("d"), relative: smooth, absolute: 1e-14), "D \(a) \(b)")
        #expect(isClose(r.effectiveSampleSize, try c.number("effectiveSampleSize"), relative: smooth))
        let p = try c.number("pValue")
        #expect(isClose(r.pValue, p, relative: probabilityTolerance(p)), "p \(a) \(b)")
        #expect(isClose(r.wasserstein, try c.number("wasserstein"), relative: smooth, absolute: 1e-14))
    }
}

@Test func binnedKolmogorovSmirnovEdges() throws {
    let same = try #require(try BinnedKolmogorovSmirnov.test([3, 9, 27, 5], [6, 18, 54, 10]).report)
    #expect(same.d == 0 && same.pValue == 1 && same.wasserstein == 0)
    let shifted = try #require(try BinnedKolmogorovSmirnov.test([50, 50, 0, 0], [0, 0, 50, 50]).report)
    #expect(shifted.d == 1 && shifted.binOfMaximum == 1 && shifted.pValue < 1e-20)
    #expect(try BinnedKolmogorovSmirnov.test([0, 0], [1, 2]) == .insufficientData(.emptySample))
    #expect(throws: StatisticsError.self) { try BinnedKolmogorovSmirnov.test([1, 2], [1, 2, 3]) }
    #expect(throws: StatisticsError.self) { try BinnedKolmogorovSmirnov.test([1, -2], [1, 2]) }
}
