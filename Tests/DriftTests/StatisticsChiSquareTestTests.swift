// StatisticsChiSquareTestTests: GoodnessOfFit and Homogeneity against SciPy's power_divergence and
// chi2_contingency after the same pooling — pooled cells, zero expected cells, insufficient data, bad input.

import Drift
import Testing

@Test func goodnessOfFitMatchesSciPy() throws {
    for c in try StatisticsReference.cases("goodnessOfFit") {
        let observed = try c.integers("observed"), weights = try c.numbers("weights")
        let minimum = try c.number("minimumExpected")
        let outcome = try GoodnessOfFit.test(observed: observed, expectedProportions: weights, minimumExpected: minimum)
        if let reason = c["insufficient"]?.string {
            switch outcome {
            case .insufficientData(.noObservations): #expect(reason == "noObservations")
            case .insufficientData(.tooFewCells): #expect(reason == "tooFewCells")
            default: Issue.record("\(observed): expected insufficient data (\(reason)), got \(outcome)")
            }
            continue
        }
        let r = try #require(outcome.report, "\(observed)")
        #expect(r.cells.map(\.group) == (try c.integers("groupOfCell")), "\(observed)")
        #expect(r.degreesOfFreedom == (try c.integer("degreesOfFreedom")))
        #expect(isClose(r.g, try c.number("g"), relative: smooth, absolute: 1e-12), "G \(observed)")
        #expect(isClose(r.pearson, try c.number("pearson"), relative: smooth, absolute: 1e-12), "X² \(observed)")
        let p = try c.number("pValue"), pp = try c.number("pearsonPValue")
        #expect(isClose(r.pValue, p, relative: probabilityTolerance(p)), "p(G) \(observed)")
        #expect(isClose(r.pearsonPValue, pp, relative: probabilityTolerance(pp)), "p(X²) \(observed)")
        let residuals = try c.optionalNumbers("residuals")
        for (cell, expected) in zip(r.cells, residuals) {
            if let expected {
                let residual = try #require(cell.residual)
                #expect(isClose(residual, expected, relative: smooth, absolute: 1e-12))
            } else {
                #expect(cell.residual == nil)
            }
        }
        #expect(r.g.isFinite && r.pearson.isFinite && !r.pValue.isNaN)
    }
}

@Test func goodnessOfFitPoolsSparseCells() throws {
    // n = 206; expected 113.3, 82.4, 4.12, 2.06, 2.06, 2.06: the four small cells pool to E = 10.3.
    let r = try #require(try GoodnessOfFit.test(
        observed: [120, 80, 3, 1, 2, 0], expectedProportions: [0.55, 0.4, 0.02, 0.01, 0.01, 0.01]).report)
    #expect(r.groups.count == 3 && r.degreesOfFreedom == 2)
    #expect(r.pooledCells == [2, 3, 4, 5])
    #expect(r.groups[2].cellCount == 4 && r.groups[2].observed == 6)
    #expect(isClose(r.groups[2].expected, 10.3, relative: 1e-12))
    #expect(r.total == 206 && r.cells.count == 6)
}

@Test func goodnessOfFitHandlesZeroExpectedCells() throws {
    // Categories 2 and 3 never occurred in the baseline but now hold 15 observations.
    let r = try #require(try GoodnessOfFit.test(observed: [95, 90, 10, 5], expectedProportions: [0.5, 0.5, 0, 0])
        .report)
    #expect(r.g.isFinite && r.pearson.isFinite && r.pValue.isFinite)
    #expect(r.cells[2].residual == nil && r.cells[3].residual == nil)
    #expect(r.cells[2].expected == 0)
    #expect(r.pooledCells == [0, 2, 3])  // the pooled cell (E = 0) merged into the smallest remaining cell
    #expect(r.mostDeviantCell == 2)
    // Zero expected and zero observed: harmless.
    let quiet = try #require(try GoodnessOfFit.test(observed: [100, 100, 0], expectedProportions: [1, 1, 0]).report)
    #expect(quiet.g == 0 && quiet.pValue == 1 && quiet.mostDeviantCell == nil)
}

@Test func goodnessOfFitNamesTheCellThatMovedMost() throws {
    let r = try #require(try GoodnessOfFit.test(
        observed: [100, 100, 160, 100, 50], expectedProportions: [1, 1, 1, 1, 1]).report)
    #expect(r.mostDeviantCell == 2)
    #expect(r.pValue < 1e-8)
}

@Test func goodnessOfFitInsufficientData() throws {
    #expect(try GoodnessOfFit.test(observed: [0, 0], expectedProportions: [0.5, 0.5])
            == .insufficientData(.noObservations))
    #expect(try GoodnessOfFit.test(observed: [3, 2], expectedProportions: [0.5, 0.5])
            == .insufficientData(.tooFewCells(remaining: 1)))
    #expect(try GoodnessOfFit.test(observed: [30], expectedProportions: [1])
            == .insufficientData(.tooFewCells(remaining: 1)))
    #expect(try GoodnessOfFit.test(observed: [], expectedProportions: [])
            == .insufficientData(.noObservations))
}

@Test func goodnessOfFitRejectsBadInput() {
    func code(_ observed: [Int], _ weights: [Double]) -> StatisticsError.Code? {
        do {
            _ = try GoodnessOfFit.test(observed: observed, expectedProportions: weights)
            return nil
        } catch {
            return error.code
        }
    }
    #expect(code([1, 2, 3], [0.5, 0.5]) == .lengthMismatch)
    #expect(code([1, -2], [0.5, 0.5]) == .negativeCount)
    #expect(code([1, 2], [-0.5, 1.5]) == .invalidProbability)
    #expect(code([1, 2], [.nan, 1]) == .invalidProbability)
    #expect(code([1, 2], [.infinity, 1]) == .invalidProbability)
    #expect(code([1, 2], [0, 0]) == .emptyDistribution)
}

@Test func homogeneityMatchesSciPy() throws {
    for c in try StatisticsReference.cases("homogeneity") {
        let first = try c.integers("first"), second = try c.integers("second")
        let outcome = try Homogeneity.test(first, second, minimumExpected: try c.number("minimumExpected"))
        if let reason = c["insufficient"]?.string {
            switch outcome {
            case .insufficientData(.emptySample): #expect(reason == "emptySample")
            case .insufficientData(.tooFewCells): #expect(reason == "tooFewCells")
            default: Issue.record("\(first) vs \(second): expected \(reason), got \(outcome)")
            }
            continue
        }
        let r = try #require(outcome.report)
        #expect(r.columns.map(\.group) == (try c.integers("groupOfCell")), "\(first) vs \(second)")
        #expect(r.degreesOfFreedom == (try c.integer("degreesOfFreedom")))
        #expect(isClose(r.g, try c.number("g"), relative: smooth, absolute: 1e-12))
        #expect(isClose(r.pearson, try c.number("pearson"), relative: smooth, absolute: 1e-12))
        let p = try c.number("pValue"), pp = try c.number("pearsonPValue")
        #expect(isClose(r.pValue, p, relative: probabilityTolerance(p)), "p(G) \(first) vs \(second)")
        #expect(isClose(r.pearsonPValue, pp, relative: probabilityTolerance(pp)))
        for (column, expected) in zip(r.columns, try c.optionalNumbers("residuals")) {
            if let expected {
                #expect(isClose(try #require(column.residual), expected, relative: smooth, absolute: 1e-12))
            } else {
                #expect(column.residual == nil)
            }
        }
    }
}

@Test func homogeneityOnKeyedCounts() throws {
    let live = ["search": 30, "calendar": 50, "email": 20]
    let baseline = ["search": 80, "calendar": 80, "email": 40, "weather": 0]
    let (categories, outcome) = try Homogeneity.test(live, baseline)
    #expect(categories == ["calendar", "email", "search", "weather"])
    let r = try #require(outcome.report)
    let same = try #require(try Homogeneity.test([50, 20, 30, 0], [80, 40, 80, 0]).report)
    #expect(r == same)
    #expect(r.pooledColumns == [1, 3])  // the empty "weather" column joins the smallest one
    #expect(r.mostDeviantColumn == 2)  // search: 30 live against 36.7 expected
}

@Test func homogeneityRejectsBadInput() {
    #expect(throws: StatisticsError.self) { try Homogeneity.test([1, 2], [1, 2, 3]) }
    #expect(throws: StatisticsError.self) { try Homogeneity.test([1, -2], [1, 2]) }
}
