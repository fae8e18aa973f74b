// BinnedQuantiles: quantile estimates (p50/p95/p99) from a histogram's lower edges and counts, and exact
// quantiles of a small array of values.

import Foundation

/// A histogram read as a distribution for quantile estimates.
///
/// The estimate of quantile q targets the rank r = q · n, finds the first non-empty bin whose cumulative count
/// reaches r, and interpolates linearly inside it: lower + (upper − lower) · (r − count below) / count in bin —
/// the values in a bin are taken to be spread uniformly over it. Linear interpolation inside a log-spaced bin
/// slightly overestimates (the mass of a log-normal-ish variable leans to the bin's lower end); the error is at
/// most the bin's width. The last bin's upper edge is `upperEdge` when given; without it the last bin cannot be
/// interpolated and a quantile falling in it is reported as its lower edge (a lower bound).
public struct BinnedQuantiles: Sendable, Hashable {
    public var lowerEdges: [Double]
    public var counts: [Int]
    public var upperEdge: Double?
    public let total: Int

    /// - Throws: `StatisticsError` for different lengths, negative counts, edges that are not finite and
    ///   strictly increasing, or an `upperEdge` not above the last lower edge.
    public init(lowerEdges: [Double], counts: [Int], upperEdge: Double? = nil) throws(StatisticsError) {
        try requireSameLength(lowerEdges.count, counts.count, "histogram edges and counts")
        total = try checkedTotal(counts, "histogram")
        for i in lowerEdges.indices {
            guard lowerEdges[i].isFinite, i == 0 || lowerEdges[i] > lowerEdges[i - 1] else {
                throw StatisticsError(.invalidArgument, "histogram edges must be finite and strictly increasing")
            }
        }
        if let upperEdge, let last = lowerEdges.last {
            guard upperEdge.isFinite, upperEdge > last else {
                throw StatisticsError(.invalidArgument, "upper edge \(upperEdge) is not above the last lower edge")
            }
        }
        self.lowerEdges = lowerEdges
        self.counts = counts
        self.upperEdge = upperEdge
    }

    /// The estimated quantile q ∈ [0, 1] (see the type's documentation); nil for an empty histogram or q
    /// outside [0, 1].
    public func quantile(_ q: Double) -> Double? {
        guard total > 0, q >= 0, q <= 1 else { return nil }
        let rank = q * Double(total)
        var below = 0
        for i in counts.indices where counts[i] > 0 {
            let through = below + counts[i]
            if Double(through) >= rank {
                let lower = lowerEdges[i]
                let upper = i + 1 < lowerEdges.count ? lowerEdges[i + 1] : upperEdge
                guard let upper else { return lower }
                let fraction = (rank - Double(below)) / Double(counts[i])
                return lower + (upper - lower) * max(0, fraction)
            }
            below = through
        }
        return nil  // unreachable: the last non-empty bin reaches rank ≤ total
    }

    /// The median estimate.
    public var p50: Double? { quantile(0.50) }
    /// The 95th-percentile estimate.
    public var p95: Double? { quantile(0.95) }
    /// The 99th-percentile estimate.
    public var p99: Double? { quantile(0.99) }
}

/// Exact quantiles of a small array of values.
public enum ExactQuantile {
    /// The quantile q ∈ [0, 1] of `values` by linear interpolation between order statistics (Hyndman & Fan type 7,
    /// NumPy's and R's default): h = (n − 1) q, x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). nil for no values, q outside
    /// [0, 1], or a NaN value. Sorts a copy: O(n log n).
    public static func quantile(_ q: Double, of values: [Double]) -> Double? {
        quantiles([q], of: values)?.first
    }

    /// Several quantiles of `values`, sorting once; nil under the same conditions as `quantile(_:of:)`.
    public static func quantiles(_ qs: [Double], of values: [Double]) -> [Double]? {
        guard !values.isEmpty, !values.contains(where: \.isNaN), qs.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            return nil
        }
        let sorted = values.sorted()
        return qs.map { q in
            let h = Double(sorted.count - 1) * q
            let lo = Int(h.rounded(.down))
            guard lo + 1 < sorted.count else { return sorted[lo] }
            return sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo])
        }
    }
}
