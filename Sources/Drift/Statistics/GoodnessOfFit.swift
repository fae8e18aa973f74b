// GoodnessOfFit: observed counts against expected proportions (the live slice mix against the baseline mix) —
// G and Pearson statistics after pooling sparse cells, and a standardized residual per original cell.

import Foundation

/// The outcome of `GoodnessOfFit.test`.
public typealias GoodnessOfFitResult = TestOutcome<GoodnessOfFit>

/// A goodness-of-fit test of observed counts against expected proportions.
///
/// Sparse cells (expected count n·p below `minimumExpected`, or zero) are pooled as `CellPooling` describes:
/// all into one pooled cell, which is merged into the smallest remaining cell when it is still below the
/// minimum. A cell whose expected proportion is 0 is always pooled, so an observation in a category the
/// baseline never saw adds to the pooled cell's O − E instead of producing an infinite statistic; such a cell
/// has no residual (`Cell.residual == nil`) and is reported first by `mostDeviantCell`.
public struct GoodnessOfFit: Sendable, Hashable {
    /// One original cell.
    public struct Cell: Sendable, Hashable {
        public var observed: Int
        /// The expected proportion after normalising the weights to sum to 1.
        public var expectedProportion: Double
        /// n · expectedProportion.
        public var expected: Double
        /// The adjusted residual (O − E) / √(E (1 − p)), approximately N(0, 1) under the null; nil when its
        /// variance is zero (p = 0 or p = 1).
        public var residual: Double?
        /// The index in `groups` of the tested cell this cell was counted in.
        public var group: Int
    }

    /// One tested cell: a single original cell, or several pooled ones.
    public struct Group: Sendable, Hashable {
        public var observed: Int
        public var expected: Double
        /// How many original cells it holds (more than 1 means pooled).
        public var cellCount: Int
    }

    /// n, the total observed count.
    public var total: Int
    public var cells: [Cell]
    public var groups: [Group]
    /// The likelihood-ratio statistic G = 2 Σ O ln(O/E) over groups (terms with O = 0 contribute 0).
    public var g: Double
    /// Pearson's X² = Σ (O − E)² / E over groups.
    public var pearson: Double
    /// groups − 1.
    public var degreesOfFreedom: Int
    /// The p-value of G: the chi-square survival at G.
    public var pValue: Double
    /// The p-value of Pearson's X².
    public var pearsonPValue: Double

    /// The original cells that were pooled with others.
    public var pooledCells: [Int] {
        cells.indices.filter { groups[cells[$0].group].cellCount > 1 }
    }

    /// The original cell that moved most: a cell observed although its expected proportion is 0 (the largest
    /// such), else the cell with the largest |residual|; nil when no cell has either.
    public var mostDeviantCell: Int? {
        var best: Int?
        var bestNovel = 0
        var bestResidual = 0.0
        for (i, cell) in cells.enumerated() {
            if cell.expectedProportion == 0 {
                if cell.observed > bestNovel {
                    bestNovel = cell.observed
                    best = i
                }
            } else if bestNovel == 0, let r = cell.residual, abs(r) > bestResidual {
                bestResidual = abs(r)
                best = i
            }
        }
        return best
    }

    /// Tests `observed` against `expectedProportions`.
    ///
    /// - Parameters:
    ///   - observed: counts per cell (non-negative).
    ///   - expectedProportions: non-negative weights per cell, normalised here by their sum (so baseline counts
    ///     may be passed as they are).
    ///   - minimumExpected: the smallest expected count a tested cell may have (the usual rule of thumb is 5).
    /// - Returns: `.insufficientData` when n = 0 or fewer than two cells remain after pooling.
    /// - Throws: `StatisticsError` for arrays of different lengths, negative counts, weights that are negative
    ///   or not finite, or (when there are observations) weights that are all zero.
    public static func test(
        observed: [Int], expectedProportions: [Double], minimumExpected: Double = 5
    ) throws(StatisticsError) -> GoodnessOfFitResult {
        precondition(minimumExpected >= 0, "minimumExpected must be non-negative")
        try requireSameLength(observed.count, expectedProportions.count, "observed and expected proportions")
        let total = try checkedTotal(observed, "observed")
        let weightTotal = try checkedWeightTotal(expectedProportions, "expected proportions")
        guard total > 0 else { return .insufficientData(.noObservations) }
        guard weightTotal > 0 else { throw StatisticsError(.emptyDistribution, "expected proportions are all zero") }

        let n = Double(total)
        var expected = [Double](repeating: 0, count: observed.count)
        for i in expected.indices { expected[i] = n * (expectedProportions[i] / weightTotal) }
        let pooling = CellPooling(sizes: expected, minimum: minimumExpected)
        guard pooling.groupCount >= 2 else { return .insufficientData(.tooFewCells(remaining: pooling.groupCount)) }

        var groups = [Group](repeating: Group(observed: 0, expected: 0, cellCount: 0), count: pooling.groupCount)
        var cells = [Cell]()
        cells.reserveCapacity(observed.count)
        for i in observed.indices {
            let g = pooling.groupOfCell[i]
            let p = expectedProportions[i] / weightTotal
            let e = expected[i]
            groups[g].observed += observed[i]
            groups[g].expected += e
            groups[g].cellCount += 1
            let variance = e * (1 - p)
            let residual: Double? = variance > 0 ? (Double(observed[i]) - e) / variance.squareRoot() : nil
            cells.append(Cell(observed: observed[i], expectedProportion: p, expected: e, residual: residual, group: g))
        }
        var g = 0.0, pearson = 0.0
        for group in groups {
            let o = Double(group.observed)
            if o > 0 { g += o * log(o / group.expected) }
            pearson += (o - group.expected) * (o - group.expected) / group.expected
        }
        g = max(0, 2 * g)
        let df = groups.count - 1
        return .tested(GoodnessOfFit(
            total: total, cells: cells, groups: groups, g: g, pearson: pearson, degreesOfFreedom: df,
            pValue: ChiSquared.survival(g, degreesOfFreedom: df),
            pearsonPValue: ChiSquared.survival(pearson, degreesOfFreedom: df)))
    }
}
