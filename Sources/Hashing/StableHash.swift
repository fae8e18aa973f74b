// StableHash: FNV-1a 64 over UTF-8 bytes, plus a 64-bit finaliser — a hash that is the same on every run,
// machine and platform (Swift's `Hasher` is randomly seeded per process, so it cannot be used for features).

/// A seeded, platform-independent 64-bit hash of byte sequences.
///
/// The state starts at the FNV-1a 64 offset basis XOR `seed` and absorbs bytes with FNV-1a 64; with seed 0,
/// `fnv1a` is plain FNV-1a 64. `finalised` then applies the MurmurHash3 `fmix64` avalanche so that the low
/// bits (used for bucketing) and the high bit (used for the sign) depend on every input byte.
public struct StableHash: Sendable, Hashable {
    /// FNV-1a 64 offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a 64 prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The raw FNV-1a state.
    public var fnv1a: UInt64 { state }
    @usableFromInline var state: UInt64

    /// A hash with no input absorbed yet.
    @inlinable
    public init(seed: UInt64 = 0) { state = Self.offsetBasis ^ seed }

    // The combining steps run per byte in the featurizers and shingles of other modules: inlinable, so they are
    // inlined there.

    /// Absorbs one byte.
    @inlinable @inline(__always)
    public mutating func combine(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* Self.prime
    }

    /// Absorbs the UTF-8 encoding of `scalar`.
    @inlinable @inline(__always)
    public mutating func combine(_ scalar: Unicode.Scalar) {
        for byte in UTF8.encode(scalar)! { combine(byte) }
    }

    /// Absorbs a Unicode scalar as one 32-bit unit (its value, not its UTF-8 bytes).
    @inlinable @inline(__always)
    public mutating func combine(scalarValue scalar: Unicode.Scalar) {
        state = (state ^ UInt64(scalar.value)) &* Self.prime
    }

    /// Absorbs the UTF-8 bytes of `string`.
    public mutating func combine(_ string: String) {
        for byte in string.utf8 { combine(byte) }
    }

    /// The FNV-1a state after the `fmix64` avalanche.
    @inlinable
    public var finalised: UInt64 {
        var h = state
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// Plain FNV-1a 64 of the UTF-8 bytes of `string` (seed 0, no finaliser).
    public static func fnv1a64(_ string: String) -> UInt64 {
        var h = StableHash()
        h.combine(string)
        return h.fnv1a
    }
}
