// BaselineDocument+Embedder: rebuilds the embedder a baseline was made with, so live traffic is embedded
// exactly the same way — the same model weights (checked by identifier), the same n-gram hashing and
// document frequencies, or the same model behind an OpenAI-compatible endpoint.

import Embedding
import Foundation
import Slicing

extension BaselineDocument {
    /// The baseline's embedder. For MiniLM the model in `modelDirectory` must be the one the baseline names;
    /// for an endpoint, `endpoint` (when given) replaces the recorded URL but must serve the recorded model.
    public func makeEmbedder(modelDirectory: String, endpoint: EmbeddingEndpoint? = nil) throws -> any Embedder {
        switch embedder.kind {
        case "openai-compatible":
            guard let model = embedder.endpointModel, let recorded = embedder.endpointURL.flatMap(URL.init(string:))
            else { throw BaselineFileError("the embedding endpoint's url or model is missing") }
            let chosen = endpoint ?? EmbeddingEndpoint(url: recorded, model: model)
            guard chosen.model == model else {
                throw BaselineFileError("the baseline was embedded with model \"\(model)\", not \"\(chosen.model)\"")
            }
            let external = try OpenAICompatibleEmbedder(endpoint: chosen)
            guard external.dimension == embedder.dimension else {
                throw BaselineFileError(
                    "\(chosen.url) returns \(external.dimension)-dimensional vectors; the baseline has \(embedder.dimension)")
            }
            return external
        case "minilm":
            let encoder = try MiniLMEncoder(directory: modelDirectory)
            guard encoder.identifier == embedder.identifier else {
                throw BaselineFileError(
                    "the baseline was built with \(embedder.identifier) but \(modelDirectory) holds \(encoder.identifier)")
            }
            return encoder
        default:
            guard let features = embedder.hashedFeatureDimension, let seed = embedder.hashedSeed,
                let documents = embedder.documentCount, let df = embedder.documentFrequencies
            else { throw BaselineFileError("the hashed n-gram embedder's parameters are missing") }
            let featurizer = HashedNGramFeaturizer(dimension: features, seed: seed)
            return HashedNGramEmbedder(
                featurizer: featurizer,
                frequencies: DocumentFrequencies(dimension: features, documentCount: documents, sparseCounts: df),
                dimension: embedder.dimension)
        }
    }

    /// The index of the nearest slice and the cosine distance to it, for each vector.
    public func assign(_ vectors: [[Float]]) -> [(slice: Int, distance: Float)] {
        let centroids = slices.map(\.centroid)
        return vectors.map { v in
            let n = normalised(v)
            let s = nearest(n, centroids)
            return (s, 1 - dot(n, centroids[s]))
        }
    }
}
