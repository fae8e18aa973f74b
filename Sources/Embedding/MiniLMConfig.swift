// MiniLMConfig: the few fields of a Hugging Face BERT config.json that the encoder needs, validated on load.

import Foundation
import JSON

/// Dimensions of a BERT encoder, read from config.json (all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads,
/// intermediate 1536, 512 positions, vocabulary 30522, exact GELU, LayerNorm eps 1e-12).
public struct MiniLMConfig: Sendable, Hashable {
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var vocabularySize: Int
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Float

    public var headSize: Int { hiddenSize / headCount }

    /// Parses config.json bytes; throws for missing fields, inconsistent sizes or an activation other than "gelu".
    public init(json bytes: [UInt8]) throws {
        let root: JSONValue
        do { root = try JSONParser().parse(bytes) } catch { throw EmbeddingError("config.json is not valid JSON: \(error)") }
        func int(_ key: String) throws -> Int {
            guard let v = root[key]?.int, v > 0 else { throw EmbeddingError("config.json: missing or invalid \(key)") }
            return v
        }
        hiddenSize = try int("hidden_size")
        layerCount = try int("num_hidden_layers")
        headCount = try int("num_attention_heads")
        intermediateSize = try int("intermediate_size")
        maxPositions = try int("max_position_embeddings")
        vocabularySize = try int("vocab_size")
        typeVocabularySize = try int("type_vocab_size")
        layerNormEpsilon = Float(root["layer_norm_eps"]?.double ?? 1e-12)
        guard hiddenSize % headCount == 0 else {
            throw EmbeddingError("config.json: hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(headCount)")
        }
        let activation = root["hidden_act"]?.string ?? "gelu"
        guard activation == "gelu" else { throw EmbeddingError("config.json: hidden_act \(activation) is not supported (only gelu)") }
        if let type = root["position_embedding_type"]?.string, type != "absolute" {
            throw EmbeddingError("config.json: position_embedding_type \(type) is not supported (only absolute)")
        }
    }

    /// Reads and parses the config.json at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw EmbeddingError("cannot read \(path)") }
        try self.init(json: [UInt8](data))
    }
}
