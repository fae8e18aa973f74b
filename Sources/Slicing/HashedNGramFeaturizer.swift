// HashedNGramFeaturizer: text -> L2-normalised sparse TF-IDF vector over hashed word 1-2-grams and
// word-boundary-padded character 3-5-grams (signed feature hashing). The model-free text representation:
// no vocabulary to store, stable across runs and platforms, and projectable to a small dense vector so it can
// share the clustering code path with sentence embeddings.

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

import Hashing

/// Turns text into signed-hashed n-gram vectors, optionally TF-IDF weighted.
///
/// Features, computed on `TextNormalisation.normalise(text)`:
/// - word n-grams for each order in `wordOrders` (`TextNormalisation.words`, joined with one space), hashed as
///   the UTF-8 bytes of `"w:" + gram`;
/// - character n-grams for each order in `characterOrders` (`TextNormalisation.characterNGrams`), hashed as
///   the UTF-8 bytes of `"c:" + gram`.
///
/// Each feature's `StableHash(seed:)` (FNV-1a 64 + fmix64) picks bucket `hash % dimension` and the sign
/// `hash >> 63 == 1 ? -1 : +1`, so colliding features tend to cancel rather than pile up. A feature's weight is
/// `sign * (1 + ln tf) * idf(bucket)` (sublinear tf; idf 1 without frequencies), weights landing in the same
/// bucket are summed, and the vector is L2-normalised.
public struct HashedNGramFeaturizer: Sendable, Hashable {
    /// 2^18 buckets.
    public static let defaultDimension = 1 << 18

    /// Number of hash buckets (the sparse vectors' dimension).
    public var dimension: Int
    /// Hash seed; 0 gives plain FNV-1a before the finaliser.
    public var seed: UInt64
    /// Word n-gram orders, nil for none.
    public var wordOrders: ClosedRange<Int>?
    /// Character n-gram orders, nil for none.
    public var characterOrders: ClosedRange<Int>?

    /// A featurizer; the defaults are 2^18 buckets, seed 0, word 1-2-grams and character 3-5-grams.
    public init(
        dimension: Int = HashedNGramFeaturizer.defaultDimension,
        seed: UInt64 = 0,
        wordOrders: ClosedRange<Int>? = 1...2,
        characterOrders: ClosedRange<Int>? = 3...5
    ) {
        precondition(dimension >= 1 && dimension <= Int(Int32.max), "dimension must fit in Int32")
        self.dimension = dimension
        self.seed = seed
        self.wordOrders = wordOrders
        self.characterOrders = characterOrders
    }

    // MARK: features

    /// The feature strings of `text` as they are hashed (`"w:…"` then `"c:…"`), repeats included. For
    /// inspection and tests; `vector(_:frequencies:)` does not build these strings.
    public func features(_ text: String) -> [String] {
        let normalised = TextNormalisation.normalise(text)
        var out: [String] = []
        if let wordOrders {
            let words = TextNormalisation.words(normalised)
            out += TextNormalisation.wordNGrams(words, orders: wordOrders).map { "w:" + $0 }
        }
        if let characterOrders {
            out += TextNormalisation.characterNGrams(normalised, orders: characterOrders).map { "c:" + $0 }
        }
        return out
    }

    /// The bucket and sign of one feature string (as returned by `features(_:)`).
    public func bucket(of feature: String) -> (index: Int32, sign: Float) {
        var hash = StableHash(seed: seed)
        hash.combine(feature)
        return bucket(hash.finalised)
    }

    /// Raw counts per bucket: every bucket any feature of `text` hashes to, with the signed sum of the
    /// features' occurrence counts. Its indices are the buckets the text "contains" for document frequency.
    public func termCounts(_ text: String) -> SparseVector {
        SparseVector(pairs: hashedCounts(text).map { hash, count in
            let (index, sign) = bucket(hash)
            return (index, sign * Float(count))
        })
    }

    /// The L2-normalised, signed-hashed vector of `text`: sublinear tf times `frequencies`' idf when given.
    public func vector(_ text: String, frequencies: DocumentFrequencies? = nil) -> SparseVector {
        if let frequencies {
            precondition(frequencies.dimension == dimension, "document frequencies fitted for another dimension")
        }
        let pairs = hashedCounts(text).map { hash, count -> (Int32, Float) in
            let (index, sign) = bucket(hash)
            let tf = 1 + Float(log(Double(count)))
            return (index, sign * tf * (frequencies?.idf(index) ?? 1))
        }
        return SparseVector(pairs: pairs).l2Normalised()
    }

    /// Document frequencies of `texts` under this featurizer.
    public func fit<S: Sequence>(_ texts: S) -> DocumentFrequencies where S.Element == String {
        DocumentFrequencies.fit(texts, with: self)
    }

    /// `sparse` projected to `dimension` dense dimensions with this featurizer's seed (see
    /// `RandomSignProjection`); unit length unless `sparse` is zero.
    public func project(_ sparse: SparseVector, to dimension: Int = 512) -> [Float] {
        RandomSignProjection(dimension: dimension, seed: seed).project(sparse)
    }

    // MARK: hashing

    /// Occurrence count of every distinct feature of `text`, keyed by its finalised 64-bit hash.
    func hashedCounts(_ text: String) -> [UInt64: Int] {
        let normalised = TextNormalisation.normalise(text)
        var counts: [UInt64: Int] = [:]
        let base = StableHash(seed: seed)
        if let wordOrders {
            for gram in TextNormalisation.wordNGrams(TextNormalisation.words(normalised), orders: wordOrders) {
                var hash = base
                hash.combine(UInt8(ascii: "w"))
                hash.combine(UInt8(ascii: ":"))
                hash.combine(gram)
                counts[hash.finalised, default: 0] += 1
            }
        }
        if let characterOrders {
            var prefix = base
            prefix.combine(UInt8(ascii: "c"))
            prefix.combine(UInt8(ascii: ":"))
            TextNormalisation.forEachCharacterNGram(normalised, orders: characterOrders) { gram in
                var hash = prefix
                for scalar in gram { hash.combine(scalar) }
                counts[hash.finalised, default: 0] += 1
            }
        }
        return counts
    }

    @inline(__always)
    private func bucket(_ hash: UInt64) -> (index: Int32, sign: Float) {
        (Int32(truncatingIfNeeded: hash % UInt64(dimension)), hash >> 63 == 1 ? -1 : 1)
    }
}
