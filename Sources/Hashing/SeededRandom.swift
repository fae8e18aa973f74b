// SeededRandom: SplitMix64, the one seeded generator behind every deterministic choice — k-means seeding, the
// embedding sampler, the store's interaction sample, MinHash permutations, the tests' fuzzing — so a replay picks
// the same items.

/// A deterministic 64-bit random number generator (SplitMix64).
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        let z = Self.mix(state)
        state &+= 0x9e37_79b9_7f4a_7c15
        return z
    }

    /// The value SplitMix64 returns for `x` as its state before the step: a stateless, well-mixed hash of `x`
    /// (used per element where a generator would be too slow, e.g. the projection's signs).
    @inlinable @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
