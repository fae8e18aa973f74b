// EmbeddingError: the one error type of the Embedding target (unreadable model files, malformed safetensors,
// missing or mis-shaped tensors, bad config or vocabulary).

/// Why an embedding model could not be loaded or used. `description` names the file or tensor at fault.
public struct EmbeddingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A human-readable explanation, naming the file, tensor or key involved.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
