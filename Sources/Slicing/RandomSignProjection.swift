// RandomSignProjection: a fixed, seeded random ±1 projection of sparse hashed vectors into a small dense space
// (Achlioptas' database-friendly Johnson–Lindenstrauss projection), so TF-IDF vectors can be clustered by the
// same dense code path as sentence embeddings. The matrix is never stored: each entry is a hash bit.

import Hashing

/// Projects sparse vectors onto `dimension` dense dimensions with a seeded ±1 matrix.
///
/// Entry (input index `i`, output dimension `d`) is bit `d % 64` of `splitmix64(seed ^ (i * φ) + d / 64 * c)`
/// (φ = 0x9E3779B97F4A7C15, c = 0xD1B54A32D192ED03): 1 means −1, 0 means +1. The projection is
/// `y_d = Σ_i sign(i, d) · x_i / √dimension`, which preserves inner products in expectation; `project` then
/// L2-normalises `y` so the output is a unit vector like a sentence embedding.
public struct RandomSignProjection: Sendable, Hashable {
    /// Output dimension.
    public var dimension: Int
    /// Seed of the sign matrix.
    public var seed: UInt64

    /// A projection onto `dimension` dense dimensions (512 by default).
    public init(dimension: Int = 512, seed: UInt64 = 0) {
        precondition(dimension >= 1, "dimension must be positive")
        self.dimension = dimension
        self.seed = seed
    }

    /// The unit-length projection of `sparse` (all zeros when `sparse` is zero).
    public func project(_ sparse: SparseVector) -> [Float] {
        var out = [Float](repeating: 0, count: dimension)
        let blocks = (dimension + 63) / 64
        out.withUnsafeMutableBufferPointer { y in
            for (index, value) in zip(sparse.indices, sparse.values) where value != 0 {
                let row = seed ^ (UInt64(UInt32(bitPattern: index)) &* 0x9e37_79b9_7f4a_7c15)
                for block in 0..<blocks {
                    var bits = SeededRandom.mix(row &+ UInt64(block) &* 0xd1b5_4a32_d192_ed03)
                    let start = block * 64
                    for d in start..<min(start + 64, dimension) {
                        y[d] += (bits & 1 == 1) ? -value : value
                        bits >>= 1
                    }
                }
            }
        }
        let norm = out.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? out.map { $0 / norm } : out
    }
}
