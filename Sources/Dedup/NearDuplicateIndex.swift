// NearDuplicateIndex: a bounded store of fingerprints answering "is this text an exact or near duplicate of
// one already inserted?" — exact-key lookup first, then LSH band candidates verified on the full signature.

/// A bounded index of texts for exact and near-duplicate lookup.
///
/// A lookup first checks the exact key (texts equal after `TextNormalizer.normalize`), then gathers the stored
/// items sharing at least one LSH band with the query (`LSHBanding`) and verifies each by estimated Jaccard
/// (`MinHashSignature.estimatedJaccard`); the best one at or above the threshold is the near duplicate.
///
/// The index holds at most `configuration.capacity` items: an insertion beyond that is refused and counted in
/// `refusedCount`, so memory stays bounded (about k·8 bytes of signature plus b bucket entries per item).
public struct NearDuplicateIndex: Sendable {
    /// Similarity threshold, signature shape and capacity of an index.
    public struct Configuration: Sendable, Hashable {
        /// Estimated Jaccard similarity at or above which two texts are near duplicates.
        public var threshold: Double
        /// MinHash permutations per signature (k).
        public var signatureLength: Int
        /// Seed of the MinHash permutations; indexes only compare texts fingerprinted with the same seed.
        public var seed: UInt64
        /// Maximum number of items; further insertions are refused.
        public var capacity: Int

        /// A configuration; the defaults are threshold 0.8, k = 128, `MinHasher.defaultSeed` and 100,000 items.
        public init(
            threshold: Double = 0.8, signatureLength: Int = MinHasher.defaultCount, seed: UInt64 = MinHasher.defaultSeed,
            capacity: Int = 100_000
        ) {
            self.threshold = threshold
            self.signatureLength = signatureLength
            self.seed = seed
            self.capacity = capacity
        }
    }

    /// The configuration the index was built with.
    public let configuration: Configuration
    /// The hasher that fingerprints texts for this index.
    public let hasher: MinHasher
    /// The banding derived from the threshold and signature length.
    public let banding: LSHBanding
    /// Insertions refused because the index was full.
    public private(set) var refusedCount = 0

    private var ids: [Int] = []
    private var minima: [UInt64] = []  // the stored signatures back to back, `signatureLength` values each
    private var slotsByExactKey: [UInt64: Int] = [:]  // first slot holding each exact key
    private var buckets: [[UInt64: [Int32]]]  // per band: band key -> slots

    /// An empty index.
    public init(configuration: Configuration = Configuration()) {
        precondition(configuration.threshold > 0 && configuration.threshold <= 1, "threshold must be in (0, 1]")
        precondition(configuration.capacity >= 0 && configuration.capacity <= Int(Int32.max), "capacity out of range")
        self.configuration = configuration
        hasher = MinHasher(count: configuration.signatureLength, seed: configuration.seed)
        banding = LSHBanding(threshold: configuration.threshold, signatureLength: configuration.signatureLength)
        buckets = Array(repeating: [:], count: banding.bands)
    }

    /// Number of items stored.
    public var count: Int { ids.count }

    /// Whether further insertions will be refused.
    public var isFull: Bool { ids.count >= configuration.capacity }

    /// The fingerprint of `text` for this index's hasher.
    public func fingerprint(of text: String) -> Fingerprint {
        Fingerprint(text: text, hasher: hasher)
    }

    /// Stores `text` under `id`; returns false (and counts a refusal) when the index is full. Ids are the caller's
    /// and need not be unique; an exact key already stored keeps answering with its first id.
    @discardableResult
    public mutating func insert(id: Int, text: String) -> Bool {
        insert(id: id, fingerprint: fingerprint(of: text))
    }

    /// Stores a fingerprint made by `fingerprint(of:)` under `id`; see `insert(id:text:)`.
    @discardableResult
    public mutating func insert(id: Int, fingerprint: Fingerprint) -> Bool {
        precondition(fingerprint.signature.values.count == configuration.signatureLength, "fingerprint from another hasher")
        guard !isFull else {
            refusedCount += 1
            return false
        }
        let slot = ids.count
        ids.append(id)
        minima.append(contentsOf: fingerprint.signature.values)
        if slotsByExactKey[fingerprint.exactKey] == nil { slotsByExactKey[fingerprint.exactKey] = slot }
        for band in 0..<banding.bands {
            buckets[band][banding.key(ofBand: band, in: fingerprint.signature), default: []].append(Int32(slot))
        }
        return true
    }

    /// The id of a stored text equal to the fingerprinted one after normalisation, if any.
    public func exactDuplicate(of fingerprint: Fingerprint) -> Int? {
        slotsByExactKey[fingerprint.exactKey].map { ids[$0] }
    }

    /// The stored text most similar to `text` if it is an exact duplicate (similarity 1) or a near duplicate
    /// (estimated Jaccard ≥ threshold); nil otherwise.
    public func nearDuplicate(of text: String) -> (id: Int, similarity: Double)? {
        nearDuplicate(of: fingerprint(of: text))
    }

    /// `nearDuplicate(of:)` for a fingerprint made by `fingerprint(of:)`.
    public func nearDuplicate(of fingerprint: Fingerprint) -> (id: Int, similarity: Double)? {
        if let id = exactDuplicate(of: fingerprint) { return (id, 1) }
        let signature = fingerprint.signature
        var candidates = Set<Int32>()
        for band in 0..<banding.bands {
            if let slots = buckets[band][banding.key(ofBand: band, in: signature)] { candidates.formUnion(slots) }
        }
        let k = configuration.signatureLength
        var best: (slot: Int, agreements: Int)?
        for candidate in candidates {
            let slot = Int(candidate)
            let agreements = MinHashSignature.agreements(minima[(slot * k)..<((slot + 1) * k)], signature.values[...])
            if let current = best, agreements < current.agreements || (agreements == current.agreements && slot > current.slot) {
                continue
            }
            best = (slot, agreements)
        }
        guard let best else { return nil }
        let similarity = Double(best.agreements) / Double(k)
        return similarity >= configuration.threshold ? (ids[best.slot], similarity) : nil
    }
}
