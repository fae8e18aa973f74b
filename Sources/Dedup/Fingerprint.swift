// Fingerprint: everything the index needs to know about one text, computed once — the exact key of its
// normalised form and its MinHash signature.

import Hashing

/// A text's exact-duplicate key and MinHash signature.
public struct Fingerprint: Sendable, Hashable {
    /// FNV-1a 64 of the normalised text: equal for texts that are equal after `TextNormalizer.normalize`
    /// (distinct normalised texts collide with probability about n² / 2⁶⁵ among n texts).
    public let exactKey: UInt64
    /// The MinHash signature of the normalised text.
    public let signature: MinHashSignature

    /// The fingerprint of `text` under `hasher`.
    public init(text: String, hasher: MinHasher) {
        let normalised = TextNormalizer.normalize(text)
        exactKey = StableHash.fnv1a64(normalised)
        signature = hasher.signature(ofNormalized: normalised)
    }
}
