// Deduplicator: the export-time filter — pre-loaded with the existing eval set, it admits a stream of
// candidate texts only when they duplicate neither the eval set nor an earlier admitted candidate.

/// Filters candidate texts against an existing set and against each other, admitting the new ones.
///
/// Ids: the existing texts are numbered 0..<existing.count in the order given; admitted candidates are
/// numbered 0, 1, 2, … in admission order. The verdict says which numbering an id belongs to. An exact match
/// wins over near ones; among near matches the most similar stored text decides, existing or admitted.
public struct Deduplicator: Sendable {
    /// What `admit(_:)` decided about one candidate.
    public enum Verdict: Sendable, Hashable {
        /// Not a duplicate; admitted under this admitted-item id.
        case new(id: Int)
        /// Equal after normalisation to the admitted item `of`.
        case exactDuplicate(of: Int)
        /// Estimated Jaccard ≥ threshold with the admitted item `of`.
        case nearDuplicate(of: Int, similarity: Double)
        /// An exact (similarity 1) or near duplicate of the existing text `of`.
        case duplicateOfExisting(of: Int, similarity: Double)
        /// Not a duplicate, but the index is full, so it was not admitted (admitting it unindexed would let its
        /// duplicates through).
        case refused
    }

    /// How many candidates got each verdict.
    public struct Counts: Sendable, Hashable {
        /// Candidates admitted (`.new`).
        public var new: Int
        /// Candidates equal after normalisation to an admitted one.
        public var exactDuplicate: Int
        /// Candidates near-duplicating an admitted one.
        public var nearDuplicate: Int
        /// Candidates exactly or nearly duplicating an existing text.
        public var duplicateOfExisting: Int
        /// New candidates turned away because the index was full.
        public var refused: Int

        /// Counts with the given values; all zero by default.
        public init(new: Int = 0, exactDuplicate: Int = 0, nearDuplicate: Int = 0, duplicateOfExisting: Int = 0, refused: Int = 0) {
            self.new = new
            self.exactDuplicate = exactDuplicate
            self.nearDuplicate = nearDuplicate
            self.duplicateOfExisting = duplicateOfExisting
            self.refused = refused
        }

        /// All candidates seen.
        public var total: Int { new + exactDuplicate + nearDuplicate + duplicateOfExisting + refused }
    }

    /// The underlying index (existing texts first, then admitted ones).
    public private(set) var index: NearDuplicateIndex
    /// Verdict counts so far.
    public private(set) var counts = Counts()
    /// Number of existing texts actually indexed (fewer than given only if they exceeded the capacity; see
    /// `index.refusedCount`).
    public let existingCount: Int

    /// A deduplicator whose index is pre-loaded with `existing`.
    public init(existing: some Sequence<String>, configuration: NearDuplicateIndex.Configuration = .init()) {
        var index = NearDuplicateIndex(configuration: configuration)
        for (id, text) in existing.enumerated() { index.insert(id: id, text: text) }
        self.index = index
        existingCount = index.count
    }

    /// Decides whether `text` is new, admitting it into the index if so, and counts the verdict.
    public mutating func admit(_ text: String) -> Verdict {
        let verdict = judge(index.fingerprint(of: text))
        switch verdict {
        case .new: counts.new += 1
        case .exactDuplicate: counts.exactDuplicate += 1
        case .nearDuplicate: counts.nearDuplicate += 1
        case .duplicateOfExisting: counts.duplicateOfExisting += 1
        case .refused: counts.refused += 1
        }
        return verdict
    }

    /// The verdict for `fingerprint`, inserting it into the index when it is new.
    private mutating func judge(_ fingerprint: Fingerprint) -> Verdict {
        if let id = index.exactDuplicate(of: fingerprint) {
            return id < existingCount ? .duplicateOfExisting(of: id, similarity: 1) : .exactDuplicate(of: id - existingCount)
        }
        if let match = index.nearDuplicate(of: fingerprint) {
            return match.id < existingCount
                ? .duplicateOfExisting(of: match.id, similarity: match.similarity)
                : .nearDuplicate(of: match.id - existingCount, similarity: match.similarity)
        }
        let id = index.count - existingCount
        return index.insert(id: index.count, fingerprint: fingerprint) ? .new(id: id) : .refused
    }
}
