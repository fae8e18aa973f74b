// StatisticsMonitoringTests: the CUSUM detector, p-value to z conversion, the false-alarm budget, and a
// timing check that a window's battery of tests stays cheap.

import Drift
import Testing

@Test func cusumAccumulatesAndAlarms() {
    var cusum = CUSUM(reference: 0.5, threshold: 2)
    let zs = [1.0, 1.0, 1.0, -3.0, 2.0, 0.6, 1.2]
    let expected = [0.5, 1.0, 1.5, 0.0, 1.5, 1.6, 2.3]
    var alarms = [Bool]()
    for (z, s) in zip(zs, expected) {
        alarms.append(cusum.update(z: z))
        #expect(isClose(cusum.statistic, s, relative: 1e-12, absolute: 1e-12))
    }
    #expect(alarms == [false, false, false, false, false, false, true])
    #expect(cusum.isAlarming)
    cusum.reset()
    #expect(cusum.statistic == 0 && !cusum.isAlarming)
    cusum.update(z: .nan)
    #expect(cusum.statistic == 0)
    let alarmed = cusum.update(z: .infinity)  // counts as 8
    #expect(alarmed)
    #expect(cusum.statistic == 7.5)
}

@Test(arguments: [
    (0.5, 0.0),
    (0.05, 1.6448536269514729),
    (0.975, -1.959963984540054),
    (0.0, 8.0),
    (1e-30, 8.0),
    (1.0, -8.0),
    (.nan, 0.0),
])
func zScoreOfPValue(_ p: Double, _ z: Double) {
    #expect(isClose(CUSUM.zScore(pValue: p), z, relative: 1e-12, absolute: 1e-15))
}

@Test func falseAlarmBudget() {
    // One false alarm a week at 2 interactions/s, windows of 200 interactions: 6048 windows.
    let w = FalseAlarmBudget.windowsBetweenFalseAlarms(
        secondsBetweenFalseAlarms: 7 * 86_400, interactionsPerSecond: 2, windowSize: 200)
    #expect(w == 6048)
    #expect(isClose(FalseAlarmBudget.perTestAlpha(windowsBetweenFalseAlarms: w, testsPerWindow: 200),
                    1 / (6048.0 * 200), relative: 1e-15))
    #expect(FalseAlarmBudget.windowsBetweenFalseAlarms(
        secondsBetweenFalseAlarms: 3600, interactionsPerSecond: 0, windowSize: 200) == 1)
    #expect(FalseAlarmBudget.perTestAlpha(windowsBetweenFalseAlarms: 0.5, testsPerWindow: 0) == 1)
    #expect(FalseAlarmBudget.perTestAlpha(windowsBetweenFalseAlarms: .nan, testsPerWindow: 4) == 0.25)
}

/// A 64-slice window: the slice-mix test, a homogeneity test, a KS test and two effect sizes, 40 times over
/// (200 statistics). Generous bound: this guards against pathological iteration counts, not for speed (the
/// debug build is several times slower than release).
@Test func windowBatteryIsCheap() throws {
    let baseline = (0..<64).map { 1.0 + Double(($0 * 37) % 11) }
    let observed = (0..<64).map { 3 + ($0 * 53) % 17 }
    let lengthsA = (0..<32).map { 10 + ($0 * 7) % 13 }, lengthsB = (0..<32).map { 12 + ($0 * 5) % 11 }
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
        for _ in 0..<40 {
            _ = try GoodnessOfFit.test(observed: observed, expectedProportions: baseline)
            _ = try Homogeneity.test(observed, observed.reversed())
            _ = try BinnedKolmogorovSmirnov.test(lengthsA, lengthsB)
            _ = try DistributionDistance.jensenShannon(baseline, observed.map(Double.init))
            _ = try DistributionDistance.populationStabilityIndex(counts: observed, observed.reversed())
        }
    }
    #expect(elapsed < .milliseconds(250), "200 statistics took \(elapsed)")
}
