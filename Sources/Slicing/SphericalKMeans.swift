// SphericalKMeans: clusters unit vectors by cosine similarity — k-means++ seeding, Lloyd iterations with
// renormalised centroids (similarities through BLAS), a minimum cluster size, and k chosen within bounds as
// the smallest k whose mean silhouette on a sample is within a tolerance of the best. Deterministic, no I/O.

import CBLAS
import Hashing

/// The outcome of a clustering run.
public struct Clustering: Sendable, Hashable {
    /// Unit-length centroids, one per cluster.
    public var centroids: [[Float]]
    /// The cluster of every input vector.
    public var assignments: [Int]
    /// Mean silhouette (cosine distance) of the sample used to choose k; nil when k was fixed.
    public var silhouette: Double?
    /// Every k tried and its silhouette, when k was chosen.
    public var kScores: [(k: Int, silhouette: Double)] = []

    public static func == (a: Clustering, b: Clustering) -> Bool {
        a.centroids == b.centroids && a.assignments == b.assignments && a.silhouette == b.silhouette
            && a.kScores.map(\.k) == b.kScores.map(\.k) && a.kScores.map(\.silhouette) == b.kScores.map(\.silhouette)
    }

    public func hash(into h: inout Hasher) {
        h.combine(assignments)
        h.combine(silhouette)
    }
}

/// Spherical k-means (cosine similarity on L2-normalised vectors).
public struct SphericalKMeans: Sendable {
    public var seed: UInt64
    public var maxIterations = 50
    /// Independent seeded initialisations; the best (highest total similarity) is kept.
    public var restarts = 5
    /// Clusters smaller than this are dissolved into their nearest neighbours.
    public var minimumClusterSize: Int
    /// Points used to score each candidate k (silhouette is quadratic in the sample).
    public var silhouetteSample = 1500
    /// Initialisations per candidate while searching for k (the chosen k gets `restarts`).
    public var searchRestarts = 2
    /// The chosen k is the smallest whose silhouette is within this of the best candidate's.
    public var kTolerance = 0.01

    public init(seed: UInt64 = 1, minimumClusterSize: Int = 1) {
        self.seed = seed
        self.minimumClusterSize = minimumClusterSize
    }

    /// Clusters `vectors` (unit length) into `k` clusters (fewer only if small ones were dissolved). Runs
    /// `restarts` seeded k-means++ initialisations and keeps the one with the highest total similarity.
    public func cluster(_ vectors: [[Float]], k: Int) -> Clustering {
        precondition(k >= 1 && k <= vectors.count, "k must be within 1...number of vectors")
        var best: (objective: Float, centroids: [[Float]], assignments: [Int])?
        for restart in 0..<max(1, restarts) {
            var rng = SeededRandom(seed: seed &+ UInt64(restart) &* 0x9e37_79b9)
            let (centroids, assignments) = lloyd(vectors, from: seedPlusPlus(vectors, k: k, rng: &rng))
            var objective: Float = 0
            for (v, c) in zip(vectors, assignments) { objective += dot(v, centroids[c]) }
            if best == nil || objective > best!.objective { best = (objective, centroids, assignments) }
        }
        var (centroids, assignments) = (best!.centroids, best!.assignments)
        (centroids, assignments) = dissolveSmall(vectors, centroids, assignments)
        return Clustering(centroids: centroids, assignments: assignments, silhouette: nil)
    }

    /// Lloyd iterations from the given centroids until no assignment changes; the similarities of all
    /// vectors to all centroids come from one matrix product per iteration.
    private func lloyd(_ vectors: [[Float]], from initial: [[Float]]) -> ([[Float]], [Int]) {
        var centroids = initial
        var assignments = [Int](repeating: -1, count: vectors.count)
        let matrix = FlatMatrix(vectors)
        for _ in 0..<maxIterations {
            let similarities = matrix.similarities(to: FlatMatrix(centroids))
            var changed = false
            for i in 0..<vectors.count {
                var best = 0
                var bestValue = -Float.infinity
                for c in 0..<centroids.count where similarities[i * centroids.count + c] > bestValue {
                    bestValue = similarities[i * centroids.count + c]
                    best = c
                }
                if best != assignments[i] {
                    assignments[i] = best
                    changed = true
                }
            }
            centroids = recompute(vectors, assignments, count: centroids.count, previous: centroids)
            if !changed { break }
        }
        return (centroids, assignments)
    }

    /// Chooses k in `range` by mean silhouette (cosine distance) on a deterministic sample, preferring fewer
    /// slices: every candidate on a geometric grid (about 25% apart, both bounds included) is clustered with
    /// `searchRestarts` initialisations and scored; the chosen k is the smallest whose silhouette is within
    /// `kTolerance` of the best score, and it is then clustered again with the full `restarts`. Candidates are
    /// capped so that every cluster can reach `minimumClusterSize`.
    public func cluster(_ vectors: [[Float]], kIn range: ClosedRange<Int>) -> Clustering {
        let upper = min(range.upperBound, max(1, vectors.count / max(1, minimumClusterSize)))
        let lower = min(max(2, range.lowerBound), upper)
        let sample = silhouetteIndices(vectors.count)
        let sampleMatrix = FlatMatrix(sample.map { vectors[$0] })
        let gram = sampleMatrix.similarities(to: sampleMatrix)
        var search = self
        search.restarts = min(restarts, searchRestarts)
        var scores: [(k: Int, silhouette: Double)] = []
        for k in Self.candidates(lower...max(lower, upper)) {
            let result = search.cluster(vectors, k: k)
            scores.append((k, silhouette(sample: sample, gram: gram, assignments: result.assignments)))
        }
        guard let best = scores.map(\.silhouette).max() else { return cluster(vectors, k: 1) }
        let chosen = scores.first { $0.silhouette >= best - kTolerance }!
        var result = cluster(vectors, k: chosen.k)
        result.silhouette = silhouette(sample: sample, gram: gram, assignments: result.assignments)
        result.kScores = scores
        return result
    }

    /// The k tried within `range`: a geometric grid about 25% apart, with both bounds.
    static func candidates(_ range: ClosedRange<Int>) -> [Int] {
        var ks = [range.lowerBound]
        while let last = ks.last, last < range.upperBound {
            ks.append(min(range.upperBound, max(last + 1, Int((Double(last) * 1.25).rounded()))))
        }
        return ks
    }

    // MARK: steps

    private func seedPlusPlus(_ vectors: [[Float]], k: Int, rng: inout SeededRandom) -> [[Float]] {
        var centroids = [vectors[Int(rng.next() % UInt64(vectors.count))]]
        var distance = vectors.map { 1 - dot($0, centroids[0]) }
        while centroids.count < k {
            let total = distance.reduce(0, +)
            var pick = 0
            if total > 0 {
                var r = Float(Double(rng.next() % 1_000_000_007) / 1_000_000_007.0) * total
                for (i, d) in distance.enumerated() {
                    r -= d
                    if r <= 0 {
                        pick = i
                        break
                    }
                }
            } else {
                pick = Int(rng.next() % UInt64(vectors.count))
            }
            centroids.append(vectors[pick])
            for (i, v) in vectors.enumerated() { distance[i] = min(distance[i], max(0, 1 - dot(v, vectors[pick]))) }
        }
        return centroids
    }

    private func recompute(_ vectors: [[Float]], _ assignments: [Int], count: Int, previous: [[Float]]) -> [[Float]] {
        let dimension = vectors.first?.count ?? 0
        var sums = [[Float]](repeating: [Float](repeating: 0, count: dimension), count: count)
        var members = [Int](repeating: 0, count: count)
        for (v, c) in zip(vectors, assignments) where c >= 0 {
            members[c] += 1
            for d in 0..<dimension { sums[c][d] += v[d] }
        }
        return (0..<count).map { c in members[c] == 0 ? previous[c] : normalised(sums[c]) }
    }

    private func dissolveSmall(_ vectors: [[Float]], _ centroids: [[Float]], _ assignments: [Int]) -> ([[Float]], [Int]) {
        var centroids = centroids
        var assignments = assignments
        while centroids.count > 1 {
            var sizes = [Int](repeating: 0, count: centroids.count)
            for c in assignments { sizes[c] += 1 }
            guard let smallest = sizes.indices.min(by: { sizes[$0] < sizes[$1] }), sizes[smallest] < minimumClusterSize
            else { break }
            centroids.remove(at: smallest)
            for i in assignments.indices {
                if assignments[i] == smallest {
                    assignments[i] = nearest(vectors[i], centroids)
                } else if assignments[i] > smallest {
                    assignments[i] -= 1
                }
            }
            centroids = recompute(vectors, assignments, count: centroids.count, previous: centroids)
        }
        return (centroids, assignments)
    }

    /// The deterministic sample of points the silhouette is computed on.
    func silhouetteIndices(_ count: Int) -> [Int] {
        let step = max(1, count / silhouetteSample)
        return Array(stride(from: 0, to: count, by: step))
    }

    /// Mean silhouette with cosine distance over the sample, from the sample's similarity matrix.
    func silhouette(sample: [Int], gram: [Float], assignments: [Int]) -> Double {
        let clusters = (assignments.max() ?? 0) + 1
        guard clusters > 1 else { return -1 }
        let s = sample.count
        var total = 0.0
        var sum = [Double](repeating: 0, count: clusters)
        var count = [Int](repeating: 0, count: clusters)
        for a in 0..<s {
            for c in 0..<clusters {
                sum[c] = 0
                count[c] = 0
            }
            for b in 0..<s where b != a {
                let cluster = assignments[sample[b]]
                sum[cluster] += Double(1 - gram[a * s + b])
                count[cluster] += 1
            }
            let own = assignments[sample[a]]
            guard count[own] > 0 else { continue }
            let inner = sum[own] / Double(count[own])
            var outer = Double.infinity
            for c in 0..<clusters where c != own && count[c] > 0 { outer = min(outer, sum[c] / Double(count[c])) }
            guard outer.isFinite else { continue }
            total += (outer - inner) / max(inner, outer)
        }
        return total / Double(s)
    }
}

/// Row-major vectors in one buffer, for matrix products.
struct FlatMatrix {
    var values: [Float]
    let rows: Int
    let columns: Int

    init(_ vectors: [[Float]]) {
        rows = vectors.count
        columns = vectors.first?.count ?? 0
        values = []
        values.reserveCapacity(rows * columns)
        for v in vectors { values.append(contentsOf: v) }
    }

    /// self · otherᵀ (rows × other.rows), row-major.
    func similarities(to other: FlatMatrix) -> [Float] {
        var out = [Float](repeating: 0, count: rows * other.rows)
        guard rows > 0, other.rows > 0, columns > 0 else { return out }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(other.rows), Int32(columns), 1, values,
            Int32(columns), other.values, Int32(columns), 0, &out, Int32(other.rows))
        return out
    }
}

/// The index of the centroid most similar to `v`.
public func nearest(_ v: [Float], _ centroids: [[Float]]) -> Int {
    var best = 0
    var bestSimilarity = -Float.infinity
    for (c, centroid) in centroids.enumerated() {
        let s = dot(v, centroid)
        if s > bestSimilarity {
            bestSimilarity = s
            best = c
        }
    }
    return best
}

/// Dot product (cosine similarity for unit vectors).
@inline(__always)
public func dot(_ a: [Float], _ b: [Float]) -> Float {
    var s: Float = 0
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            for i in 0..<min(pa.count, pb.count) { s += pa[i] * pb[i] }
        }
    }
    return s
}

/// `v` scaled to unit length (unchanged when it is zero).
public func normalised(_ v: [Float]) -> [Float] {
    let norm = dot(v, v).squareRoot()
    return norm > 0 ? v.map { $0 / norm } : v
}
