// BaselineDocument: the stored evaluation baseline — which slices the eval set covers (centroids, labels,
// shares), how well each scored, the calibrated novelty threshold, descriptor references, and provenance.
// One versioned JSON file ("format": "slicewatch.baseline/1"); see BaselineDocument+JSON for the format.

import Slicing

/// The evaluation baseline live traffic is compared with.
public struct BaselineDocument: Sendable, Hashable {
    public static let format = "slicewatch.baseline/1"

    /// How inputs are embedded; live traffic must be embedded exactly the same way.
    public var embedder: EmbedderInfo
    public var slices: [SliceSummary]
    public var novelty: NoveltyCalibration
    /// The quantile of held-out distances the novelty threshold was taken at.
    public var noveltyQuantile: Double
    /// Reference distributions of the input descriptors (length, script, code, ...).
    public var descriptors: DescriptorSketch
    /// Pass rate over every graded eval item.
    public var quality: QualitySummary
    /// Inputs of the reference traffic, and the share of them that was novel (nil without reference traffic).
    public var referenceInputs: Int?
    public var referenceNovelShare: Double?
    /// Descriptors of the reference traffic, when it was given: live descriptors are compared with these.
    public var referenceDescriptors: DescriptorSketch?
    /// Errors and latency of all the reference traffic (novel inputs included), when it carried them.
    public var referenceOperations: OperationalProfile?
    public var provenance: Provenance

    public init(
        embedder: EmbedderInfo, slices: [SliceSummary], novelty: NoveltyCalibration, noveltyQuantile: Double,
        descriptors: DescriptorSketch, quality: QualitySummary, provenance: Provenance
    ) {
        self.embedder = embedder
        self.slices = slices
        self.novelty = novelty
        self.noveltyQuantile = noveltyQuantile
        self.descriptors = descriptors
        self.quality = quality
        self.provenance = provenance
    }
}

/// The embedder a baseline was built with.
public struct EmbedderInfo: Sendable, Hashable {
    /// "minilm", "hashed-ngrams" or "openai-compatible".
    public var kind: String
    /// The embedder's identifier (model and weights, or n-gram parameters).
    public var identifier: String
    public var dimension: Int
    /// For hashed n-grams: feature-space size, hash seed and the fitted document frequencies (bucket, count).
    public var hashedFeatureDimension: Int?
    public var hashedSeed: UInt64?
    public var documentCount: Int?
    public var documentFrequencies: [(Int32, Int32)]?
    /// For an OpenAI-compatible endpoint: the URL and model it was built with (live traffic may use another
    /// URL serving the same model).
    public var endpointURL: String?
    public var endpointModel: String?

    public init(kind: String, identifier: String, dimension: Int) {
        self.kind = kind
        self.identifier = identifier
        self.dimension = dimension
    }

    public static func == (a: EmbedderInfo, b: EmbedderInfo) -> Bool {
        a.kind == b.kind && a.identifier == b.identifier && a.dimension == b.dimension
            && a.hashedFeatureDimension == b.hashedFeatureDimension && a.hashedSeed == b.hashedSeed
            && a.documentCount == b.documentCount && a.endpointURL == b.endpointURL
            && a.endpointModel == b.endpointModel
            && a.documentFrequencies?.map(\.0) == b.documentFrequencies?.map(\.0)
            && a.documentFrequencies?.map(\.1) == b.documentFrequencies?.map(\.1)
    }

    public func hash(into h: inout Hasher) {
        h.combine(kind)
        h.combine(identifier)
        h.combine(dimension)
    }
}

/// Pass counts with their Wilson interval.
public struct QualitySummary: Sendable, Hashable {
    /// Items with a pass/fail (given, or derived from the score).
    public var graded: Int
    public var passes: Int
    /// Mean score over the items that have one.
    public var meanScore: Double?
    public var scored: Int

    public init(graded: Int = 0, passes: Int = 0, meanScore: Double? = nil, scored: Int = 0) {
        self.graded = graded
        self.passes = passes
        self.meanScore = meanScore
        self.scored = scored
    }

    public var interval: WilsonInterval { WilsonInterval(successes: passes, trials: graded) }
}

/// One slice of the eval set.
public struct SliceSummary: Sendable, Hashable {
    /// Stable id ("s00", "s01", ...) that every sidecar of a fleet counts into.
    public var id: String
    public var label: String
    public var topTerms: [String]
    public var majorityTag: String?
    public var majorityTagShare: Double?
    public var evalItems: Int
    /// The slice's share of the eval set.
    public var share: Double
    public var quality: QualitySummary
    /// A few example inputs (the ones nearest the centroid).
    public var examples: [String]
    /// Unit-length centroid in the embedder's space.
    public var centroid: [Float]
    /// The slice's share of the reference traffic (a period the team considers normal), when one was given:
    /// the expected live mix. Nil without reference traffic (the eval-set share is used instead).
    public var referenceShare: Double?
    /// Errors and latency of the slice's reference traffic, when it carried them: the live slice's error rate and
    /// latency tails are tested against these.
    public var referenceOperations: OperationalProfile?

    public init(
        id: String, label: String, topTerms: [String], majorityTag: String?, majorityTagShare: Double?,
        evalItems: Int, share: Double, quality: QualitySummary, examples: [String], centroid: [Float]
    ) {
        self.id = id
        self.label = label
        self.topTerms = topTerms
        self.majorityTag = majorityTag
        self.majorityTagShare = majorityTagShare
        self.evalItems = evalItems
        self.share = share
        self.quality = quality
        self.examples = examples
        self.centroid = centroid
    }
}

/// Where a baseline came from.
public struct Provenance: Sendable, Hashable {
    /// SHA-256 of the eval-set file, hex.
    public var evalSetSHA256: String
    public var evalItems: Int
    /// Lines skipped as invalid (with --skip-invalid).
    public var skippedLines: Int
    /// ISO 8601 time of the build.
    public var createdAt: String
    public var tool: String
    /// How the number of slices was chosen, in words (e.g. "k=24: smallest k with silhouette within 0.01 of
    /// the best, 0.081 at k=38; tried 2, 3, …"), or "fixed".
    public var kSelection: String?

    public init(evalSetSHA256: String, evalItems: Int, skippedLines: Int, createdAt: String, tool: String) {
        self.evalSetSHA256 = evalSetSHA256
        self.evalItems = evalItems
        self.skippedLines = skippedLines
        self.createdAt = createdAt
        self.tool = tool
    }
}

extension EmbedderInfo {
    /// The description of a hashed n-gram embedder, with its document frequencies so live traffic can be
    /// embedded exactly the same way.
    public init(hashed embedder: HashedNGramEmbedder) {
        self.init(kind: "hashed-ngrams", identifier: embedder.identifier, dimension: embedder.dimension)
        hashedFeatureDimension = embedder.featurizer.dimension
        hashedSeed = embedder.featurizer.seed
        documentCount = embedder.frequencies.documentCount
        documentFrequencies = embedder.frequencies.counts.enumerated().compactMap { i, c in
            c > 0 ? (Int32(i), c) : nil
        }
    }
}
