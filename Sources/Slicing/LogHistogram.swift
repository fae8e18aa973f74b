// LogHistogram: raw counts of non-negative integers in fixed quarter-octave (log-spaced) bins, mergeable, so
// two samples' distributions can be compared with KS or chi-square tests.

/// Counts of non-negative integers in fixed log-spaced bins.
///
/// `lowerEdges` are the bins' inclusive lower bounds: `0`, then the distinct values of
/// `round(2^(k/4))` for k = 0, 1, … up to `2^maxExponent` — 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 16, 19, 23,
/// 27, 32, 38, 45, 54, 64, … — four bins per doubling (about 19% wide) once the integers thin out. Bin i holds
/// values in `lowerEdges[i]..<lowerEdges[i+1]`; the last bin holds everything from `2^maxExponent` up, and
/// negative values count in bin 0.
public struct LogHistogram: Sendable, Hashable {
    /// Inclusive lower bound of each bin.
    public let lowerEdges: [Int]
    /// Values counted in each bin.
    public private(set) var counts: [Int]

    /// An empty histogram whose last bin starts at `2^maxExponent`.
    public init(maxExponent: Int) {
        lowerEdges = Self.edges(maxExponent: maxExponent)
        counts = [Int](repeating: 0, count: lowerEdges.count)
    }

    /// The lower edges for `maxExponent` (see the type's documentation).
    public static func edges(maxExponent: Int) -> [Int] {
        precondition(maxExponent >= 0 && maxExponent < 62, "maxExponent out of range")
        var edges = [0]
        for k in 0...(4 * maxExponent) {
            let edge: Int
            if k % 4 == 0 {
                edge = 1 << (k / 4)  // exact powers of two, whatever pow's rounding
            } else {
                var value = 1.0
                for _ in 0..<(k / 4) { value *= 2 }
                edge = Int((value * quarterPowers[k % 4]).rounded())
            }
            if edge > edges[edges.count - 1] { edges.append(edge) }
        }
        return edges
    }

    /// 2^(1/4), 2^(2/4), 2^(3/4), written out so the edges never depend on a platform's `pow`.
    private static let quarterPowers: [Double] = [
        1, 1.189_207_115_002_721, 1.414_213_562_373_095, 1.681_792_830_507_429,
    ]

    /// Total of all counts.
    public var total: Int { counts.reduce(0, +) }

    /// The bin `value` falls in.
    public func bin(of value: Int) -> Int {
        var low = 0
        var high = lowerEdges.count - 1
        while low < high {  // last edge <= value
            let mid = (low + high + 1) / 2
            if lowerEdges[mid] <= value { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Counts `value` (`times` times).
    public mutating func add(_ value: Int, times: Int = 1) { counts[bin(of: value)] += times }

    /// Adds another histogram's counts (same edges).
    public mutating func merge(_ other: LogHistogram) {
        precondition(other.lowerEdges == lowerEdges, "cannot merge histograms with different bins")
        for i in counts.indices { counts[i] += other.counts[i] }
    }

    /// Each bin's share of the total (all zeros when empty).
    public var probabilities: [Double] {
        let total = Double(self.total)
        return counts.map { total > 0 ? Double($0) / total : 0 }
    }
}
