// CategoryCounts: raw counts per category label, mergeable, for chi-square comparisons of categorical
// descriptors.

/// Counts per category.
public struct CategoryCounts: Sendable, Hashable {
    /// Count of each category seen (categories never seen are absent, not zero).
    public private(set) var counts: [String: Int]

    /// Empty counts.
    public init() { counts = [:] }

    /// Total of all counts.
    public var total: Int { counts.values.reduce(0, +) }

    /// The count of `category` (0 when never seen).
    public subscript(category: String) -> Int { counts[category] ?? 0 }

    /// Counts `category` (`times` times).
    public mutating func add(_ category: String, times: Int = 1) { counts[category, default: 0] += times }

    /// Adds another set of counts.
    public mutating func merge(_ other: CategoryCounts) {
        for (category, count) in other.counts { counts[category, default: 0] += count }
    }

    /// Each category's share of the total.
    public var probabilities: [String: Double] {
        let total = Double(self.total)
        return counts.mapValues { total > 0 ? Double($0) / total : 0 }
    }
}
