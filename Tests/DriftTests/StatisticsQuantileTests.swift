// StatisticsQuantileTests: histogram quantile estimates (hand-computed) and exact quantiles against NumPy.

import Drift
import Testing

@Test func exactQuantilesMatchNumPy() throws {
    for c in try StatisticsReference.cases("exactQuantiles") {
        let values = try c.numbers("values"), qs = try c.numbers("qs")
        let computed = try #require(ExactQuantile.quantiles(qs, of: values))
        for (actual, expected) in zip(computed, try c.numbers("quantiles")) {
            #expect(isClose(actual, expected, relative: 1e-12, absolute: 1e-12), "\(values)")
        }
        #expect(ExactQuantile.quantile(qs[2], of: values) == computed[2])
    }
    #expect(ExactQuantile.quantile(0.5, of: []) == nil)
    #expect(ExactQuantile.quantile(1.5, of: [1, 2]) == nil)
    #expect(ExactQuantile.quantile(0.5, of: [1, .nan]) == nil)
}

// Log-spaced bins [1,2) [2,4) [4,8) [8,16) [16,32) holding 10, 30, 40, 15, 5 of 100 values.
@Test(arguments: [
    (0.0, 1.0),     // the lower edge of the first non-empty bin
    (0.05, 1.5),    // rank 5 of 10 in [1, 2)
    (0.5, 5.0),     // rank 50: 10 of 40 into [4, 8)
    (0.95, 16.0),   // rank 95: the top of [8, 16)
    (0.99, 28.8),   // rank 99: 4 of 5 into [16, 32)
    (1.0, 32.0),
])
func binnedQuantilesInterpolateInsideTheBin(_ q: Double, _ expected: Double) throws {
    let h = try BinnedQuantiles(lowerEdges: [1, 2, 4, 8, 16], counts: [10, 30, 40, 15, 5], upperEdge: 32)
    #expect(isClose(try #require(h.quantile(q)), expected, relative: 1e-12))
}

@Test func binnedQuantilesEdges() throws {
    let h = try BinnedQuantiles(lowerEdges: [1, 2, 4, 8, 16], counts: [10, 30, 40, 15, 5])
    #expect(h.p50 == 5 && h.p95 == 16)
    #expect(h.p99 == 16)  // no upper edge: the last bin's lower edge, a lower bound
    let gappy = try BinnedQuantiles(lowerEdges: [0, 1, 2, 3], counts: [0, 5, 0, 5], upperEdge: 4)
    #expect(gappy.quantile(0) == 1 && gappy.p50 == 2 && gappy.quantile(0.75) == 3.5)
    #expect(try BinnedQuantiles(lowerEdges: [0, 1], counts: [0, 0]).p50 == nil)
    #expect(h.quantile(-0.1) == nil)
    #expect(throws: StatisticsError.self) { try BinnedQuantiles(lowerEdges: [0, 1], counts: [1]) }
    #expect(throws: StatisticsError.self) { try BinnedQuantiles(lowerEdges: [0, 0], counts: [1, 1]) }
    #expect(throws: StatisticsError.self) { try BinnedQuantiles(lowerEdges: [0, 1], counts: [1, -1]) }
    #expect(throws: StatisticsError.self) { try BinnedQuantiles(lowerEdges: [0, 1], counts: [1, 1], upperEdge: 1) }
}
