// HashedNGramEmbedder: the model-free Embedder — hashed word and character n-grams, TF-IDF weighted with
// document frequencies fitted on the baseline's texts, projected to a dense unit vector. The fallback when
// no sentence encoder is installed; its document frequencies travel with the baseline.

import Embedding

/// Embeds texts as projected TF-IDF vectors of hashed n-grams.
public struct HashedNGramEmbedder: Embedder {
    public var featurizer: HashedNGramFeaturizer
    public var frequencies: DocumentFrequencies
    public let dimension: Int

    /// An embedder whose document frequencies are fitted on `corpus` (the baseline's texts).
    public init(fittingOn corpus: [String], featurizer: HashedNGramFeaturizer = HashedNGramFeaturizer(), dimension: Int = 512) {
        self.featurizer = featurizer
        self.frequencies = featurizer.fit(corpus)
        self.dimension = dimension
    }

    /// An embedder with given document frequencies (read back from a baseline).
    public init(featurizer: HashedNGramFeaturizer, frequencies: DocumentFrequencies, dimension: Int) {
        self.featurizer = featurizer
        self.frequencies = frequencies
        self.dimension = dimension
    }

    public var identifier: String {
        "hashed-ngrams@d\(featurizer.dimension)-s\(featurizer.seed)-p\(dimension)-n\(frequencies.documentCount)"
    }

    public func embed(_ texts: [String]) throws -> [[Float]] {
        texts.map { featurizer.project(featurizer.vector($0, frequencies: frequencies), to: dimension) }
    }
}
