// MinHashSignature: a text's k min-hashes and the Jaccard estimate between two of them.

/// The k minimum permuted shingle hashes of one text (see `MinHasher`).
///
/// For two texts with shingle sets A and B, each position agrees with probability |A ∩ B| / |A ∪ B|, so the
/// fraction of agreeing positions estimates their Jaccard similarity with standard error √(J(1−J)/k) —
/// at most 0.044 for k = 128. The empty text's signature is all `UInt64.max` and agrees with no other text.
public struct MinHashSignature: Sendable, Hashable {
    /// One minimum per permutation, in the hasher's permutation order.
    public let values: [UInt64]

    /// A signature with the given minima.
    public init(values: [UInt64]) { self.values = values }

    /// The fraction of positions where `self` and `other` agree: the estimated Jaccard similarity of the two
    /// texts' shingle sets. Both must come from the same `MinHasher` (same count and seed).
    public func estimatedJaccard(_ other: MinHashSignature) -> Double {
        precondition(values.count == other.values.count, "signatures from different hashers")
        return Double(Self.agreements(values[...], other.values[...])) / Double(values.count)
    }

    /// The number of positions where `a` and `b` hold the same value.
    static func agreements(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> Int {
        var count = 0
        for (x, y) in zip(a, b) where x == y { count += 1 }
        return count
    }
}
