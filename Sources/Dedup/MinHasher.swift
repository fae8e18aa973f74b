// MinHasher: the seeded family of k hash permutations and the text -> MinHashSignature computation.

import Hashing

/// Computes MinHash signatures with k cheap permutations of one 64-bit base hash per shingle.
///
/// Permutation i maps a shingle hash h to `a_i · h + b_i mod 2^64`, with `a_i` odd (so the map is a bijection
/// of 64-bit values) and `a_i`, `b_i` drawn from `SeededRandom(seed:)` (SplitMix64). The base hashes are already avalanched
/// (`Shingler`), which is what lets such an affine map behave as a random permutation for minimum-taking;
/// `MinHashTests` checks the estimates against exact Jaccard. The same count and seed give the same signatures
/// on every run and platform.
public struct MinHasher: Sendable, Hashable {
    /// The default number of permutations.
    public static let defaultCount = 128
    /// The default seed.
    public static let defaultSeed: UInt64 = 0x5eed_d0d0_1234_abcd

    /// Number of permutations (signature length).
    public let count: Int
    /// The seed the coefficients were drawn from.
    public let seed: UInt64
    private let multipliers: [UInt64]
    private let addends: [UInt64]

    /// A hasher with `count` permutations drawn from `seed`.
    public init(count: Int = MinHasher.defaultCount, seed: UInt64 = MinHasher.defaultSeed) {
        precondition(count > 0, "a signature needs at least one permutation")
        self.count = count
        self.seed = seed
        var random = SeededRandom(seed: seed)
        var multipliers: [UInt64] = []
        var addends: [UInt64] = []
        for _ in 0..<count {
            multipliers.append(random.next() | 1)
            addends.append(random.next())
        }
        self.multipliers = multipliers
        self.addends = addends
    }

    /// The signature of already-normalised text (its `Shingler` shingles).
    public func signature(ofNormalized normalised: String) -> MinHashSignature {
        signature(ofShingles: Shingler.shingles(ofNormalized: normalised))
    }

    /// The signature of a set (or multiset) of shingle hashes; all `UInt64.max` when `shingles` is empty.
    public func signature(ofShingles shingles: [UInt64]) -> MinHashSignature {
        let minima = shingles.withUnsafeBufferPointer { hashes in
            (0..<count).map { i in
                let a = multipliers[i], b = addends[i]
                var minimum = UInt64.max
                for h in hashes { minimum = min(minimum, a &* h &+ b) }
                return minimum
            }
        }
        return MinHashSignature(values: minima)
    }
}
