// MiniLMEncoderTests: the real all-MiniLM-L6-v2 against Tests/Fixtures/embeddings/reference.json (made by
// scripts/reference_embeddings.py, an independent NumPy forward pass): identical token ids and cosine >= 0.999 per
// sentence, unit-length 384-dim vectors, and results that do not depend on batching or thread count.
// Skipped, with the reason shown, when the model is not installed (scripts/fetch-model.sh installs it).

import Embedding
import Foundation
import Testing

@Suite(.enabled(if: TestModel.isInstalled, "model not installed: run scripts/fetch-model.sh"))
struct MiniLMEncoderTests {
    func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) { dot += Double(x) * Double(y); na += Double(x * x); nb += Double(y * y) }
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    @Test func loadsAndDescribesItself() throws {
        let encoder = try #require(TestModel.encoder)
        #expect(encoder.dimension == 384)
        #expect(encoder.identifier == "minilm-l6-v2@53aa51172d14")
        #expect(encoder.config.layerCount == 6 && encoder.config.headCount == 12 && encoder.config.intermediateSize == 1536)
        #expect(encoder.embed([]).isEmpty)
    }

    @Test func tokenIDsEqualTheReference() throws {
        let encoder = try #require(TestModel.encoder)
        for c in try TestModel.referenceCases() {
            #expect(encoder.tokenizer.encode(c.text) == c.ids, "\(c.text.prefix(60))")
        }
    }

    @Test func embeddingsMatchTheReference() throws {
        let encoder = try #require(TestModel.encoder)
        let cases = try TestModel.referenceCases()
        let vectors = encoder.embed(cases.map(\.text))
        var worst = 1.0
        for (c, v) in zip(cases, vectors) {
            #expect(v.count == 384)
            let norm = v.reduce(0) { $0 + Double($1 * $1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
            let cos = cosine(v, c.embedding)
            worst = min(worst, cos)
            #expect(cos >= 0.999, "\(c.text.prefix(60)): cosine \(cos)")
        }
        print("MiniLMEncoder vs NumPy reference: min cosine \(worst) over \(cases.count) sentences")
    }

    @Test func resultsDoNotDependOnBatchingOrThreads() throws {
        let cases = try TestModel.referenceCases().map(\.text)
        let all = try #require(TestModel.encoder).embed(cases)
        var small = try #require(TestModel.encoder)
        small.threadCount = 2
        small.batchSize = 3
        let batched = small.embed(cases)
        let single = cases.map { small.embed([$0])[0] }
        for i in cases.indices {
            #expect(cosine(all[i], batched[i]) > 0.99999)
            #expect(cosine(all[i], single[i]) > 0.99999)
        }
        // Duplicates in one call get the same vector (up to float rounding: GEMM blocking depends on the row).
        let twice = small.embed([cases[0], cases[1], cases[0]])
        #expect(cosine(twice[0], twice[2]) > 0.99999)
    }
}

@Test func missingModelDirectoryThrows() {
    #expect(throws: EmbeddingError.self) { try MiniLMEncoder(directory: "/nonexistent/model") }
}

@Test func configIsValidated() throws {
    let good = #"{"hidden_size":384,"num_hidden_layers":6,"num_attention_heads":12,"intermediate_size":1536,"#
        + #""max_position_embeddings":512,"vocab_size":30522,"type_vocab_size":2,"layer_norm_eps":1e-12,"hidden_act":"gelu"}"#
    let config = try MiniLMConfig(json: Array(good.utf8))
    #expect(config.headSize == 32 && config.layerNormEpsilon == 1e-12)
    #expect(throws: EmbeddingError("config.json: hidden_act relu is not supported (only gelu)")) {
        try MiniLMConfig(json: Array(good.replacingOccurrences(of: #""gelu""#, with: #""relu""#).utf8))
    }
    #expect(throws: EmbeddingError.self) {
        try MiniLMConfig(json: Array(good.replacingOccurrences(of: #""num_attention_heads":12"#, with: #""num_attention_heads":5"#).utf8))
    }
    #expect(throws: EmbeddingError("config.json: missing or invalid vocab_size")) {
        try MiniLMConfig(json: Array(good.replacingOccurrences(of: #""vocab_size":30522,"#, with: "").utf8))
    }
}
