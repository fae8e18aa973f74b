// WilsonIntervalTests: the Wilson score interval against values computed by hand (z = 1.96).

import Baseline
import Testing

@Test(arguments: [
    (0, 10, 0.0, 0.2775),
    (5, 10, 0.2366, 0.7634),
    (10, 10, 0.7225, 1.0),
    (93, 100, 0.8625, 0.9657),
    (1, 1, 0.2065, 1.0),
])
func wilsonMatchesHandComputedValues(_ k: Int, _ n: Int, _ lower: Double, _ upper: Double) {
    let w = WilsonInterval(successes: k, trials: n)
    #expect(abs(w.lower - lower) < 0.0005)
    #expect(abs(w.upper - upper) < 0.0005)
    #expect(w.proportion == Double(k) / Double(n))
}

@Test func noTrialsMeansNoInformation() {
    let w = WilsonInterval(successes: 0, trials: 0)
    #expect(w.lower == 0 && w.upper == 1 && w.proportion == nil)
}
