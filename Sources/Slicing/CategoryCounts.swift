// CategoryCounts: raw counts per category label, mergeable, for chi-square comparisons of categorical
// descriptors. The categories of a descriptor are a handful of short labels (scripts, languages, true/false),
// kept in first-seen order and found by a linear search: hashing the label for every input's six categorical
// descriptors cost more than the rest of counting them.

/// Counts per category.
public struct CategoryCounts: Sendable, Hashable {
    private var names: [String] = []
    private var values: [Int] = []

    /// Empty counts.
    public init() {}

    /// Count of each category seen (categories never seen are absent, not zero).
    public var counts: [String: Int] { Dictionary(uniqueKeysWithValues: zip(names, values)) }

    /// Total of all counts.
    public var total: Int { values.reduce(0, +) }

    /// The count of `category` (0 when never seen).
    public subscript(category: String) -> Int { names.firstIndex(of: category).map { values[$0] } ?? 0 }

    /// Counts `category` (`times` times).
    public mutating func add(_ category: String, times: Int = 1) {
        if let i = names.firstIndex(of: category) {
            values[i] += times
        } else {
            names.append(category)
            values.append(times)
        }
    }

    /// Adds another set of counts.
    public mutating func merge(_ other: CategoryCounts) {
        for (category, count) in zip(other.names, other.values) { add(category, times: count) }
    }

    /// Each category's share of the total.
    public var probabilities: [String: Double] {
        let total = Double(self.total)
        return counts.mapValues { total > 0 ? Double($0) / total : 0 }
    }

    /// Equal when every category has the same count, in whatever order they were first seen.
    public static func == (a: CategoryCounts, b: CategoryCounts) -> Bool { a.counts == b.counts }

    public func hash(into hasher: inout Hasher) { hasher.combine(counts) }
}
