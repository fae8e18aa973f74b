// RedactionCounts: how many matches of each kind a redaction removed, and how counts add up.

/// Matches removed, per kind.
public struct RedactionCounts: Sendable, Hashable {
    private var counts: [RedactionKind: Int] = [:]

    /// No matches.
    public init() {}

    /// The number of matches of `kind` (0 when none); setting 0 removes the kind.
    public subscript(kind: RedactionKind) -> Int {
        get { counts[kind, default: 0] }
        set { counts[kind] = newValue == 0 ? nil : newValue }
    }

    /// All matches of every kind.
    public var total: Int { counts.values.reduce(0, +) }

    /// Adds `other`'s counts to these.
    public mutating func merge(_ other: RedactionCounts) {
        counts.merge(other.counts, uniquingKeysWith: +)
    }

    /// The kinds with at least one match, by kind name, most matches first (ties by name).
    public var sorted: [(kind: String, count: Int)] {
        counts.map { (kind: $0.key.name, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.kind < $1.kind }
    }
}
