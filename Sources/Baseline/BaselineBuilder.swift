// BaselineBuilder: eval items in, baseline out — embed every input, cluster into slices (k fixed or chosen
// by silhouette within bounds, every slice at least the minimum size), label slices by distinctive terms
// and majority tag, score each slice's quality with a Wilson interval, calibrate novelty by cross-fitting,
// and keep descriptor reference distributions. Deterministic for a seed.

import Embedding
import Foundation
import Slicing

/// A baseline build that cannot be done, with what would work.
public struct BaselineBuildError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Builds baselines.
public struct BaselineBuilder: Sendable {
    /// A fixed number of slices; nil chooses k within `kRange`: the smallest k whose mean silhouette is
    /// within `kTolerance` of the best candidate's (see `SphericalKMeans.cluster(_:kIn:)`).
    public var k: Int?
    public var kRange: ClosedRange<Int> = 2...40
    public var kTolerance = 0.01
    /// The smallest slice: small enough to be fine-grained, large enough to be tested in a window.
    public var minimumSliceSize = 10
    public var seed: UInt64 = 1
    /// A score at or above this counts as a pass when an item has a score but no pass field.
    public var passThreshold = 0.5
    public var noveltyQuantile = 0.95
    public var noveltyFolds = 5
    public var examplesPerSlice = 3

    public init() {}

    public func build(
        items: [EvalItem], embedder: any Embedder, embedderInfo: EmbedderInfo, provenance: Provenance
    ) throws -> BaselineDocument {
        let needed = max(2 * minimumSliceSize, noveltyFolds * 2, 20)
        guard items.count >= needed else {
            throw BaselineBuildError(
                "the eval set has \(items.count) items; a baseline needs at least \(needed) "
                    + "(lower --min-slice, now \(minimumSliceSize), or add items)")
        }
        if let k, k < 1 || k * minimumSliceSize > items.count {
            throw BaselineBuildError(
                "--k \(k) needs at least \(k * minimumSliceSize) items with --min-slice \(minimumSliceSize); "
                    + "the eval set has \(items.count): use --k \(max(1, items.count / minimumSliceSize)) or less")
        }
        let texts = items.map(\.input)
        let vectors = try embedder.embed(texts).map(normalised)
        guard vectors.count == items.count, vectors.allSatisfy({ $0.count == embedder.dimension }) else {
            throw BaselineBuildError("the embedder returned vectors of the wrong number or size")
        }
        var kmeans = SphericalKMeans(seed: seed, minimumClusterSize: minimumSliceSize)
        kmeans.silhouetteSample = 1200
        kmeans.kTolerance = kTolerance
        let clustering = k.map { kmeans.cluster(vectors, k: $0) } ?? kmeans.cluster(vectors, kIn: kRange)
        let sliceCount = clustering.centroids.count

        // Order slices by size (largest first) so ids are stable and readable.
        var members = [[Int]](repeating: [], count: sliceCount)
        for (i, c) in clustering.assignments.enumerated() { members[c].append(i) }
        let order = (0..<sliceCount).sorted { (members[$0].count, $1) > (members[$1].count, $0) }
        let labels = SliceLabeler().labels(texts: texts, clusters: clustering.assignments)

        let tagKey = Self.tagKey(items)
        var slices: [SliceSummary] = []
        for (rank, c) in order.enumerated() {
            let indices = members[c]
            let centroid = clustering.centroids[c]
            let majority = tagKey.flatMap { key in SliceLabeler.majorityTag(indices.map { items[$0].tags[key] }) }
            let nearest = indices.sorted { dot(vectors[$0], centroid) > dot(vectors[$1], centroid) }
            slices.append(
                SliceSummary(
                    id: String(format: "s%02d", rank), label: labels[c]?.label ?? "slice \(rank)",
                    topTerms: (labels[c]?.terms ?? []).prefix(8).map(\.term), majorityTag: majority?.tag,
                    majorityTagShare: majority?.share, evalItems: indices.count,
                    share: Double(indices.count) / Double(items.count),
                    quality: quality(indices.map { items[$0] }),
                    examples: nearest.prefix(examplesPerSlice).map { items[$0].input }, centroid: centroid))
        }
        let centroidsInOrder = order.map { clustering.centroids[$0] }
        let novelty = NoveltyCalibrator.calibrate(
            vectors, k: centroidsInOrder.count, folds: noveltyFolds, quantile: noveltyQuantile, kmeans: kmeans)
        let descriptors = DescriptorSketch(items.map { Descriptors(text: $0.input, turns: $0.turns) })
        var provenance = provenance
        provenance.kSelection = Self.describeKSelection(clustering, fixed: k != nil, tolerance: kTolerance)
        return BaselineDocument(
            embedder: embedderInfo, slices: slices, novelty: novelty, noveltyQuantile: noveltyQuantile,
            descriptors: descriptors, quality: quality(items), provenance: provenance)
    }

    /// The k-selection record stored in the provenance.
    static func describeKSelection(_ clustering: Clustering, fixed: Bool, tolerance: Double) -> String {
        let k = clustering.centroids.count
        guard !fixed, let best = clustering.kScores.max(by: { $0.silhouette < $1.silhouette }) else {
            return "k=\(k): fixed"
        }
        let tried = clustering.kScores.map { "\($0.k):" + String(format: "%.3f", $0.silhouette) }.joined(separator: " ")
        return "k=\(k): smallest k with mean silhouette within \(tolerance) of the best ("
            + String(format: "%.3f", best.silhouette) + " at k=\(best.k)); tried \(tried)"
    }

    /// Pass counts and mean score of a group of items.
    func quality(_ items: [EvalItem]) -> QualitySummary {
        var q = QualitySummary()
        var scoreSum = 0.0
        for item in items {
            if let s = item.score {
                scoreSum += s
                q.scored += 1
            }
            if let pass = item.pass ?? item.score.map({ $0 >= passThreshold }) {
                q.graded += 1
                if pass { q.passes += 1 }
            }
        }
        q.meanScore = q.scored > 0 ? scoreSum / Double(q.scored) : nil
        return q
    }

    /// The tag used for majority labels: "intent" when items carry it, else the most common tag key.
    static func tagKey(_ items: [EvalItem]) -> String? {
        var counts: [String: Int] = [:]
        for item in items { for key in item.tags.keys { counts[key, default: 0] += 1 } }
        if counts["intent"] != nil { return "intent" }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }
}

extension BaselineDocument {
    /// One call of reference traffic, as the operational tests see it.
    public struct ReferenceCall: Sendable, Hashable {
        public var isError: Bool
        public var latencyMilliseconds: Double?

        public init(isError: Bool, latencyMilliseconds: Double?) {
            self.isError = isError
            self.latencyMilliseconds = latencyMilliseconds
        }
    }

    /// Records the reference traffic (a period the team considers normal): each slice's share of its
    /// in-distribution inputs, and the share that was novel. `vectors` come from this baseline's embedder.
    /// `calls`, when given (one per vector, in order), record each slice's and the whole traffic's errors and
    /// latency.
    public mutating func applyReference(
        _ vectors: [[Float]], descriptors: DescriptorSketch? = nil, calls: [ReferenceCall]? = nil
    ) {
        guard !vectors.isEmpty else { return }
        precondition(calls == nil || calls!.count == vectors.count, "one reference call per vector")
        var counts = [Int](repeating: 0, count: slices.count)
        var operations = [OperationalProfile](repeating: OperationalProfile(), count: slices.count)
        var all = OperationalProfile()
        var novel = 0
        for (i, (slice, distance)) in assign(vectors).enumerated() {
            let call = calls?[i]
            if let call { all.add(isError: call.isError, latencyMilliseconds: call.latencyMilliseconds) }
            if novelty.isNovel(distance: distance) {
                novel += 1
            } else {
                counts[slice] += 1
                if let call { operations[slice].add(isError: call.isError, latencyMilliseconds: call.latencyMilliseconds) }
            }
        }
        let inDistribution = max(1, vectors.count - novel)
        for i in slices.indices {
            slices[i].referenceShare = Double(counts[i]) / Double(inDistribution)
            slices[i].referenceOperations = calls == nil ? nil : operations[i]
        }
        referenceInputs = vectors.count
        referenceNovelShare = Double(novel) / Double(vectors.count)
        referenceDescriptors = descriptors
        referenceOperations = calls == nil ? nil : all
    }
}
