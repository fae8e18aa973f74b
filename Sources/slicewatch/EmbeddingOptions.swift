// EmbeddingOptions: the command-line options that locate an embedder — the MiniLM model directory and an
// OpenAI-compatible embeddings endpoint — shared by `baseline build`, `baseline evaluate` and `replay`.

import ArgumentParser
import Embedding
import Foundation

struct EmbeddingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Directory of the MiniLM model files (default: $SLICEWATCH_MODEL_DIR or models/all-MiniLM-L6-v2).", valueName: "dir"))
    var modelDir: String?

    @Option(help: ArgumentHelp("An OpenAI-compatible embeddings endpoint, e.g. http://127.0.0.1:8080/v1/embeddings.", valueName: "url"))
    var embeddingURL: String?

    @Option(help: ArgumentHelp("The model name sent to the embeddings endpoint.", valueName: "name"))
    var embeddingModel: String?

    @Option(help: "Texts per embeddings request.") var embeddingBatch = 64
    @Option(help: "Seconds before an embeddings request times out.") var embeddingTimeout = 30.0

    /// The model directory to use.
    var modelDirectory: String {
        modelDir ?? ProcessInfo.processInfo.environment["SLICEWATCH_MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
    }

    /// The endpoint named by the options (the key comes from $SLICEWATCH_EMBEDDING_API_KEY), or nil.
    func endpoint(defaultModel: String? = nil) throws -> EmbeddingEndpoint? {
        guard let embeddingURL else { return nil }
        guard let url = URL(string: embeddingURL), url.scheme == "http" || url.scheme == "https" else {
            throw ValidationError("--embedding-url \"\(embeddingURL)\" is not an http(s) URL")
        }
        guard let model = embeddingModel ?? defaultModel else {
            throw ValidationError("--embedding-url needs --embedding-model (the model the endpoint serves)")
        }
        guard embeddingBatch >= 1, embeddingTimeout > 0 else {
            throw ValidationError("--embedding-batch must be at least 1 and --embedding-timeout positive")
        }
        return EmbeddingEndpoint(
            url: url, model: model, batchSize: embeddingBatch, timeout: .milliseconds(Int(embeddingTimeout * 1000)),
            apiKey: ProcessInfo.processInfo.environment["SLICEWATCH_EMBEDDING_API_KEY"])
    }
}
