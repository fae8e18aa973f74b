// StatisticsProportionTests: exact binomial tails, the two-proportion z-test and Fisher's exact test against
// SciPy, with their edges (k = 0, k = n, p = 0 or 1, empty samples) and invalid input.

import Drift
import Testing

@Test func binomialTailsMatchSciPy() throws {
    for c in try StatisticsReference.cases("binomial") {
        let k = try c.integer("k"), n = try c.integer("n"), p = try c.number("p")
        let upper = try c.number("upper"), lower = try c.number("lower")
        let computedUpper = try Binomial.upperTail(successes: k, trials: n, probability: p)
        #expect(isClose(computedUpper, upper, relative: probabilityTolerance(upper)), "P(X ≥ \(k) | \(n), \(p))")
        #expect(isClose(computedUpper, try c.number("binomtestGreater"), relative: probabilityTolerance(upper)))
        #expect(isClose(try Binomial.lowerTail(successes: k, trials: n, probability: p), lower,
                        relative: probabilityTolerance(lower)), "P(X ≤ \(k) | \(n), \(p))")
        let z = try #require(try Binomial.zScore(successes: k, trials: n, probability: p))
        #expect(isClose(z, try c.number("z"), relative: smooth, absolute: 1e-12))
    }
}

@Test func binomialEdges() throws {
    #expect(try Binomial.upperTail(successes: 0, trials: 7, probability: 0.2) == 1)
    #expect(try Binomial.lowerTail(successes: 7, trials: 7, probability: 0.2) == 1)
    #expect(try Binomial.upperTail(successes: 1, trials: 7, probability: 0) == 0)
    #expect(try Binomial.lowerTail(successes: 0, trials: 7, probability: 0) == 1)
    #expect(try Binomial.upperTail(successes: 7, trials: 7, probability: 1) == 1)
    #expect(try Binomial.lowerTail(successes: 6, trials: 7, probability: 1) == 0)
    #expect(try Binomial.upperTail(successes: 0, trials: 0, probability: 0.5) == 1)
    #expect(try Binomial.zScore(successes: 0, trials: 0, probability: 0.5) == nil)
    #expect(try Binomial.zScore(successes: 3, trials: 10, probability: 0) == nil)
    // P(X ≥ n) = pⁿ exactly.
    #expect(isClose(try Binomial.upperTail(successes: 20, trials: 20, probability: 0.01), 1e-40, relative: 1e-12))
}

@Test func binomialRejectsInvalidInput() {
    #expect(throws: StatisticsError.self) { try Binomial.upperTail(successes: 11, trials: 10, probability: 0.5) }
    #expect(throws: StatisticsError.self) { try Binomial.lowerTail(successes: -1, trials: 10, probability: 0.5) }
    do {
        _ = try Binomial.upperTail(successes: 1, trials: 10, probability: 1.5)
        Issue.record("expected an error")
    } catch {
        #expect(error.code == .invalidProbability)
    }
    do {
        _ = try Binomial.zScore(successes: 11, trials: 10, probability: 0.5)
        Issue.record("expected an error")
    } catch {
        #expect(error.code == .invalidArgument)
    }
    #expect(throws: StatisticsError.self) { try Binomial.upperTail(successes: 1, trials: 10, probability: .nan) }
}

@Test func fisherExactMatchesSciPy() throws {
    for c in try StatisticsReference.cases("fisher") {
        let a = try c.integer("a"), n1 = try c.integer("n1"), b = try c.integer("c"), n2 = try c.integer("n2")
        let p = try c.number("p")
        let computed = try TwoProportion.fisherExact(
            liveSuccesses: a, liveTrials: n1, baselineSuccesses: b, baselineTrials: n2)
        #expect(isClose(computed, p, relative: probabilityTolerance(p)), "fisher \(a)/\(n1) vs \(b)/\(n2)")
    }
    #expect(try TwoProportion.fisherExact(
        liveSuccesses: 0, liveTrials: 0, baselineSuccesses: 3, baselineTrials: 9) == 1)
    #expect(throws: StatisticsError.self) {
        try TwoProportion.fisherExact(liveSuccesses: 5, liveTrials: 4, baselineSuccesses: 1, baselineTrials: 9)
    }
}

@Test func twoProportionZTestMatchesSciPy() throws {
    for c in try StatisticsReference.cases("twoProportionZ") {
        let a = try c.integer("a"), n1 = try c.integer("n1"), b = try c.integer("c"), n2 = try c.integer("n2")
        let outcome = try TwoProportion.zTest(
            liveSuccesses: a, liveTrials: n1, baselineSuccesses: b, baselineTrials: n2)
        let report = try #require(outcome.report)
        #expect(isClose(report.z, try c.number("z"), relative: smooth))
        let p = try c.number("p")
        #expect(isClose(report.pValue, p, relative: probabilityTolerance(p)))
    }
}

@Test func twoProportionZTestEdges() throws {
    #expect(try TwoProportion.zTest(liveSuccesses: 0, liveTrials: 0, baselineSuccesses: 5, baselineTrials: 9)
            == .insufficientData(.emptySample))
    // Both 100%: no variance, no evidence of a drop.
    #expect(try TwoProportion.zTest(liveSuccesses: 5, liveTrials: 5, baselineSuccesses: 9, baselineTrials: 9)
            == .tested(ZTest(z: 0, pValue: 1)))
    #expect(throws: StatisticsError.self) {
        try TwoProportion.zTest(liveSuccesses: -1, liveTrials: 5, baselineSuccesses: 9, baselineTrials: 9)
    }
}
