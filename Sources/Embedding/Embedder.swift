// Embedder: the interface that slicing uses to turn prompts into fixed-size vectors, independent of the model.

/// A sentence-embedding model: maps texts to `dimension`-long vectors, one per text, in the input order.
public protocol Embedder: Sendable {
    /// Names the model and its exact weights (e.g. "minilm-l6-v2@53aa51172d14"), so that vectors from different
    /// models or weight files are never compared with each other.
    var identifier: String { get }
    /// The length of every vector `embed` returns.
    var dimension: Int { get }
    /// Embeds `texts`; the result has one vector per text, in the same order.
    func embed(_ texts: [String]) throws -> [[Float]]
}
