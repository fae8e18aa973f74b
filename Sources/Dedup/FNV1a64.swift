// FNV1a64: the 64-bit FNV-1a hash — the exact-duplicate key of a normalised text, and (with a kind seed and
// the fmix64 finaliser) the base hash of every shingle.

/// Incremental 64-bit FNV-1a, plus the MurmurHash3 `fmix64` avalanche for callers that need well-mixed bits.
public struct FNV1a64: Sendable, Hashable {
    /// FNV-1a 64 offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a 64 prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The raw FNV-1a state.
    public private(set) var value: UInt64

    /// A hash with nothing absorbed; `seed` 0 gives plain FNV-1a, other seeds give independent hash families.
    public init(seed: UInt64 = 0) { value = Self.offsetBasis ^ seed }

    /// Absorbs one byte.
    @inline(__always)
    public mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    /// Absorbs a Unicode scalar as one 32-bit unit (not its UTF-8 bytes: shingles are hashed scalar by scalar).
    @inline(__always)
    public mutating func combine(_ scalar: Unicode.Scalar) {
        value = (value ^ UInt64(scalar.value)) &* Self.prime
    }

    /// The state after the `fmix64` avalanche, so every output bit depends on every input.
    public var finalised: UInt64 {
        var h = value
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// Plain FNV-1a 64 of the UTF-8 bytes of `string` — the exact key of a normalised text.
    public static func hash(_ string: String) -> UInt64 {
        var h = FNV1a64()
        for byte in string.utf8 { h.combine(byte) }
        return h.value
    }
}
