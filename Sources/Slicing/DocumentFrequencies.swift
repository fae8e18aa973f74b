// DocumentFrequencies: how many documents of a reference corpus contain each hash bucket, for the
// featurizer's smoothed idf. Dense Int32 counts (4 bytes per bucket: 1 MiB at 2^18), mergeable.

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Per-bucket document frequencies of a corpus, and the smoothed idf they give.
///
/// Frequencies are per bucket, not per feature: colliding features share an idf (rare at 2^18 buckets).
/// `idf(b) = ln((1 + N) / (1 + df(b))) + 1` — scikit-learn's `smooth_idf` — so a bucket in every document
/// weighs 1 and an unseen one `ln(1 + N) + 1`.
public struct DocumentFrequencies: Sendable, Hashable {
    /// Number of buckets.
    public let dimension: Int
    /// Number of documents added.
    public private(set) var documentCount: Int
    /// Documents containing each bucket, indexed by bucket.
    public private(set) var counts: [Int32]

    /// Empty frequencies over `dimension` buckets.
    public init(dimension: Int) {
        self.dimension = dimension
        documentCount = 0
        counts = [Int32](repeating: 0, count: dimension)
    }

    /// Frequencies read back from storage: `documentCount` documents, and (bucket, count) for every bucket seen.
    public init(dimension: Int, documentCount: Int, sparseCounts: [(Int32, Int32)]) {
        self.init(dimension: dimension)
        self.documentCount = documentCount
        for (bucket, count) in sparseCounts where bucket >= 0 && Int(bucket) < dimension { counts[Int(bucket)] = count }
    }

    /// Frequencies of `texts` under `featurizer`.
    public static func fit<S: Sequence>(_ texts: S, with featurizer: HashedNGramFeaturizer) -> DocumentFrequencies
    where S.Element == String {
        var frequencies = DocumentFrequencies(dimension: featurizer.dimension)
        for text in texts { frequencies.add(document: featurizer.termCounts(text)) }
        return frequencies
    }

    /// Counts one document, given the buckets it contains (the indices of its `termCounts`).
    public mutating func add(document: SparseVector) {
        documentCount += 1
        for index in document.indices { counts[Int(index)] += 1 }
    }

    /// Adds another corpus' frequencies (same dimension).
    public mutating func merge(_ other: DocumentFrequencies) {
        precondition(other.dimension == dimension, "cannot merge frequencies of different dimensions")
        documentCount += other.documentCount
        for i in counts.indices { counts[i] += other.counts[i] }
    }

    /// Documents containing `bucket`.
    public func documentFrequency(_ bucket: Int32) -> Int { Int(counts[Int(bucket)]) }

    /// Smoothed inverse document frequency of `bucket`.
    public func idf(_ bucket: Int32) -> Float {
        Float(log(Double(1 + documentCount) / Double(1 + documentFrequency(bucket))) + 1)
    }
}
