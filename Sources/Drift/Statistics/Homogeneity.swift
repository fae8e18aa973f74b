// Homogeneity: the chi-square test that two categorical samples (live and baseline counts per category) come
// from the same distribution — a 2×K contingency table, sparse columns pooled like GoodnessOfFit's cells.

import Foundation

/// A chi-square test of homogeneity for two samples of counts over the same K categories.
///
/// Expected counts are E_rj = R_r · C_j / N. A column is sparse when its smaller expected count
/// (min(R₁, R₂) · C_j / N) is below `minimumExpected` or is zero (an empty column); sparse columns are pooled
/// by `CellPooling`'s rule. No continuity correction is applied (df = 1 included).
public struct Homogeneity: Sendable, Hashable {
    /// One original category.
    public struct Column: Sendable, Hashable {
        public var first: Int
        public var second: Int
        /// The expected count of the first sample in this category, R₁ C_j / N.
        public var expectedFirst: Double
        /// The adjusted residual of the first sample's count,
        /// (O₁ⱼ − E₁ⱼ) / √(E₁ⱼ (1 − R₁/N)(1 − C_j/N)) (Haberman); nil when its variance is zero (empty column, or
        /// a column holding every observation).
        public var residual: Double?
        /// The index in `groups` of the tested column this category was counted in.
        public var group: Int
    }

    /// One tested column: a single category, or several pooled ones.
    public struct Group: Sendable, Hashable {
        public var first: Int
        public var second: Int
        public var expectedFirst: Double
        public var expectedSecond: Double
        public var cellCount: Int
    }

    /// R₁ and R₂, the sample sizes.
    public var firstTotal: Int
    public var secondTotal: Int
    public var columns: [Column]
    public var groups: [Group]
    /// G = 2 Σ O ln(O/E) over both rows of the tested columns.
    public var g: Double
    /// Pearson's X² = Σ (O − E)² / E over both rows of the tested columns.
    public var pearson: Double
    /// groups − 1.
    public var degreesOfFreedom: Int
    /// The p-value of G.
    public var pValue: Double
    /// The p-value of Pearson's X².
    public var pearsonPValue: Double

    /// The original categories that were pooled with others.
    public var pooledColumns: [Int] {
        columns.indices.filter { groups[columns[$0].group].cellCount > 1 }
    }

    /// The category whose first-sample share moved most (largest |residual|); nil when no residual is defined.
    public var mostDeviantColumn: Int? {
        var best: Int?
        var bestResidual = -1.0
        for (i, column) in columns.enumerated() {
            if let r = column.residual, abs(r) > bestResidual {
                bestResidual = abs(r)
                best = i
            }
        }
        return best
    }

    /// Tests whether `first` and `second` (counts over the same categories, in the same order) differ.
    ///
    /// - Returns: `.insufficientData(.emptySample)` when either sample is empty, `.tooFewCells` when fewer than
    ///   two columns remain after pooling.
    /// - Throws: `StatisticsError` for arrays of different lengths or negative counts.
    public static func test(
        _ first: [Int], _ second: [Int], minimumExpected: Double = 5
    ) throws(StatisticsError) -> TestOutcome<Homogeneity> {
        precondition(minimumExpected >= 0, "minimumExpected must be non-negative")
        try requireSameLength(first.count, second.count, "homogeneity samples")
        let r1 = try checkedTotal(first, "first sample")
        let r2 = try checkedTotal(second, "second sample")
        guard r1 > 0, r2 > 0 else { return .insufficientData(.emptySample) }
        let n = Double(r1 + r2)
        let share1 = Double(r1) / n, share2 = Double(r2) / n
        let smallerShare = min(share1, share2)
        var sizes = [Double](repeating: 0, count: first.count)
        for j in sizes.indices { sizes[j] = smallerShare * Double(first[j] + second[j]) }
        let pooling = CellPooling(sizes: sizes, minimum: minimumExpected)
        guard pooling.groupCount >= 2 else { return .insufficientData(.tooFewCells(remaining: pooling.groupCount)) }

        var groups = [Group](
            repeating: Group(first: 0, second: 0, expectedFirst: 0, expectedSecond: 0, cellCount: 0),
            count: pooling.groupCount)
        var columns = [Column]()
        columns.reserveCapacity(first.count)
        for j in first.indices {
            let g = pooling.groupOfCell[j]
            let c = Double(first[j] + second[j])
            let e1 = share1 * c
            groups[g].first += first[j]
            groups[g].second += second[j]
            groups[g].expectedFirst += e1
            groups[g].expectedSecond += share2 * c
            groups[g].cellCount += 1
            let variance = e1 * share2 * (1 - c / n)
            let residual: Double? = variance > 0 ? (Double(first[j]) - e1) / variance.squareRoot() : nil
            columns.append(Column(first: first[j], second: second[j], expectedFirst: e1, residual: residual, group: g))
        }
        var g = 0.0, pearson = 0.0
        func add(_ observed: Int, _ e: Double) {
            let o = Double(observed)
            if o > 0 { g += o * log(o / e) }
            pearson += (o - e) * (o - e) / e
        }
        for group in groups {
            add(group.first, group.expectedFirst)
            add(group.second, group.expectedSecond)
        }
        g = max(0, 2 * g)
        let df = groups.count - 1
        return .tested(Homogeneity(
            firstTotal: r1, secondTotal: r2, columns: columns, groups: groups, g: g, pearson: pearson,
            degreesOfFreedom: df, pValue: ChiSquared.survival(g, degreesOfFreedom: df),
            pearsonPValue: ChiSquared.survival(pearson, degreesOfFreedom: df)))
    }

    /// Tests two keyed samples (e.g. tool name → count). Categories are the union of both key sets, sorted; a
    /// key missing from one sample counts 0 there. Returns the categories in the order the report indexes them.
    public static func test<Key: Hashable & Comparable>(
        _ first: [Key: Int], _ second: [Key: Int], minimumExpected: Double = 5
    ) throws(StatisticsError) -> (categories: [Key], outcome: TestOutcome<Homogeneity>) {
        let keys = Set(first.keys).union(second.keys).sorted()
        let outcome = try test(
            keys.map { first[$0] ?? 0 }, keys.map { second[$0] ?? 0 }, minimumExpected: minimumExpected)
        return (keys, outcome)
    }
}
