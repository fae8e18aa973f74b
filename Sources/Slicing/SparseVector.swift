// SparseVector: a sparse Float vector as parallel index/value arrays sorted by index — what the hashed n-gram
// featurizer produces — with the few operations drift detection needs (dot, norm, cosine).

/// A sparse vector: strictly increasing `indices`, with `values[i]` stored at `indices[i]`.
public struct SparseVector: Sendable, Hashable {
    /// Strictly increasing bucket indices.
    public private(set) var indices: [Int32]
    /// The value at each index.
    public private(set) var values: [Float]

    /// The empty vector.
    public init() {
        indices = []
        values = []
    }

    /// A vector from (index, value) pairs in any order; values at the same index are summed. Entries whose
    /// sum is exactly zero are kept (signed hashing can cancel, and keeping them keeps the result a pure
    /// function of the pairs' multiset).
    public init<S: Sequence>(pairs: S) where S.Element == (Int32, Float) {
        let sorted = pairs.sorted { $0.0 < $1.0 }
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(sorted.count)
        values.reserveCapacity(sorted.count)
        for (index, value) in sorted {
            if let last = indices.last, last == index {
                values[values.count - 1] += value
            } else {
                indices.append(index)
                values.append(value)
            }
        }
        self.indices = indices
        self.values = values
    }

    /// Number of stored entries.
    public var count: Int { indices.count }

    /// The value at `index` (zero when absent).
    public subscript(index: Int32) -> Float {
        var low = 0
        var high = indices.count
        while low < high {
            let mid = (low + high) / 2
            if indices[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low < indices.count && indices[low] == index ? values[low] : 0
    }

    /// Inner product (merge of the two sorted index lists).
    public func dot(_ other: SparseVector) -> Float {
        var i = 0
        var j = 0
        var sum: Float = 0
        while i < indices.count && j < other.indices.count {
            let a = indices[i]
            let b = other.indices[j]
            if a == b {
                sum += values[i] * other.values[j]
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// Euclidean norm.
    public var norm: Float { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// This vector scaled to unit length (unchanged when it is zero).
    public func l2Normalised() -> SparseVector {
        let n = norm
        guard n > 0 else { return self }
        var copy = self
        copy.values = values.map { $0 / n }
        return copy
    }

    /// Cosine similarity; 0 when either vector is zero.
    public func cosine(_ other: SparseVector) -> Float {
        let denominator = norm * other.norm
        return denominator > 0 ? dot(other) / denominator : 0
    }
}
