// NovelGrouping: candidate new slices among novel inputs — online leader clustering of their embeddings (an
// input joins the nearest group whose centroid is within the threshold, else starts a group), labelled by their
// most distinctive words (c-TF-IDF, as the baseline labels its slices).

import Slicing

/// Groups of novel inputs that could become new slices.
public struct NovelGrouping: Sendable, Hashable {
    /// Group index of each input, in input order; groups are numbered by size, largest first.
    public var groups: [Int]
    /// Each group's label and size.
    public var labels: [String]
    public var sizes: [Int]

    /// Groups unit-length `vectors` (one per text): an input joins the group whose running centroid is nearest,
    /// when its cosine distance is under `threshold`, else starts a new group. One pass, in input order.
    public init(texts: [String], vectors: [[Float]], threshold: Float) {
        precondition(texts.count == vectors.count, "one vector per text")
        var sums: [[Float]] = []
        var counts: [Int] = []
        var raw: [Int] = []
        for v in vectors {
            var best = -1
            var bestDistance = Float.infinity
            for (g, sum) in sums.enumerated() {
                var dot: Float = 0, norm: Float = 0
                for k in v.indices {
                    dot += v[k] * sum[k]
                    norm += sum[k] * sum[k]
                }
                let distance = 1 - dot / max(norm.squareRoot(), 1e-12)
                if distance < bestDistance {
                    bestDistance = distance
                    best = g
                }
            }
            if best >= 0, bestDistance < threshold {
                for k in v.indices { sums[best][k] += v[k] }
                counts[best] += 1
                raw.append(best)
            } else {
                sums.append(v)
                counts.append(1)
                raw.append(sums.count - 1)
            }
        }
        // Renumber largest first (ties: first seen first).
        let order = counts.indices.sorted { (counts[$0], -$0) > (counts[$1], -$1) }
        var rank = [Int](repeating: 0, count: counts.count)
        for (r, g) in order.enumerated() { rank[g] = r }
        groups = raw.map { rank[$0] }
        sizes = order.map { counts[$0] }
        var members: [Int: [String]] = [:]
        for (i, g) in groups.enumerated() { members[g, default: []].append(texts[i]) }
        let named = SliceLabeler().labels(groups: members)
        labels = sizes.indices.map { named[$0]?.label ?? "" }
    }
}
