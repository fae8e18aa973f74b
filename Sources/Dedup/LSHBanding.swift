// LSHBanding: how a signature is cut into b bands of r rows, and the rule that picks (b, r) from the target
// Jaccard threshold — the S-curve that decides which stored items become candidates for verification.

import Hashing

/// Locality-sensitive hashing by banding: two signatures are candidates when all r rows of at least one of the
/// b bands agree, which happens with probability `1 − (1 − J^r)^b` for Jaccard similarity J (the S-curve).
///
/// Banding is only a filter: every candidate is verified against the threshold on its full signature, so a
/// spurious candidate costs one k-value comparison, while a pair the bands miss is lost for good. The rule
/// therefore places the S-curve *below* the threshold: it uses the most rows per band (fewest spurious
/// candidates) for which a pair exactly at the threshold still becomes a candidate with probability
/// ≥ `recall` (default 0.99). For k = 128 and threshold 0.8 that is 21 bands × 6 rows (126 of the 128
/// values, S-curve midpoint (1/b)^(1/r) ≈ 0.60): candidate probability 0.998 at J = 0.8, 0.28 at 0.5, 0.015
/// at 0.3 and 0.001 at 0.2; 18 × 7 would reach only 0.986 at 0.8.
public struct LSHBanding: Sendable, Hashable {
    /// Number of bands (b).
    public let bands: Int
    /// Signature values per band (r).
    public let rows: Int

    /// Explicit banding; `bands * rows` must not exceed the signature length it is used with.
    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0, "bands and rows must be positive")
        self.bands = bands
        self.rows = rows
    }

    /// The banding for signatures of `signatureLength` values that makes a pair at `threshold` a candidate with
    /// probability at least `recall`, with as many rows per band as allows (see the type's description).
    public init(threshold: Double, signatureLength: Int, recall: Double = 0.99) {
        precondition(threshold > 0 && threshold <= 1, "threshold must be in (0, 1]")
        precondition(signatureLength > 0, "signature length must be positive")
        var rows = signatureLength
        while rows > 1,
            LSHBanding(bands: signatureLength / rows, rows: rows).candidateProbability(jaccard: threshold) < recall
        {
            rows -= 1
        }
        self.init(bands: signatureLength / rows, rows: rows)
    }

    /// The probability that two texts with Jaccard similarity `jaccard` share at least one band.
    public func candidateProbability(jaccard: Double) -> Double {
        1 - pow(1 - pow(jaccard, rows), bands)
    }

    /// The bucket key of band `band` of `signature`: FNV-1a over the band's r values, seeded by the band index.
    func key(ofBand band: Int, in signature: MinHashSignature) -> UInt64 {
        var h = StableHash(seed: UInt64(band))
        for value in signature.values[(band * rows)..<((band + 1) * rows)] {
            for shift in stride(from: 0, to: 64, by: 8) { h.combine(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        return h.fnv1a
    }
}

/// `base` to the non-negative integer power `exponent`, by squaring (keeps the package free of Foundation).
private func pow(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0
    var factor = base
    var remaining = exponent
    while remaining > 0 {
        if remaining & 1 == 1 { result *= factor }
        factor *= factor
        remaining >>= 1
    }
    return result
}
