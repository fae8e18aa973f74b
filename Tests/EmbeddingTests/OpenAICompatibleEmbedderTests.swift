// OpenAICompatibleEmbedderTests: the external embedder against a real OpenAI-compatible embeddings server on
// 127.0.0.1 (Tests/Fixtures/embeddings/embeddings_server.py): batching, ordering by index, normalisation, the
// bearer key, and a clear error for every way the server can fail.

import Embedding
import Foundation
import SliceWatchTesting
import Testing

private let serverScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/embeddings/embeddings_server.py").path

private func endpoint(_ server: ScriptServer, model: String = "test-embed", batch: Int = 64, timeout: Duration = .seconds(10))
    -> EmbeddingEndpoint
{
    EmbeddingEndpoint(url: server.url("/v1/embeddings"), model: model, batchSize: batch, timeout: timeout)
}

private func statistics(_ server: ScriptServer) throws -> (requests: Int, batches: [Int]) {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: server.url("/stats"))) as! [String: Any]
    return (object["requests"] as! Int, object["batches"] as! [Int])
}

@Suite(.enabled(if: ScriptServer.python != nil, "python3 is not installed (needed for the local embeddings server)"))
struct OpenAICompatibleEmbedderTests {
    @Test func embedsInBatchesInInputOrderNormalised() throws {
        let server = try ScriptServer(script: serverScript)
        let embedder = try OpenAICompatibleEmbedder(endpoint: endpoint(server, batch: 2))
        #expect(embedder.dimension == 32)
        #expect(embedder.identifier == "openai-compatible:test-embed")
        let texts = ["book a flight to paris", "what is my balance", "book a flight to paris", "play jazz", ""]
        let vectors = try embedder.embed(texts)
        #expect(vectors.count == 5)
        for v in vectors { #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5) }
        #expect(vectors[0] == vectors[2])
        #expect(vectors[0] != vectors[1])
        let one = try embedder.embed(["what is my balance"])
        #expect(one[0] == vectors[1])  // the server answers in reverse order; index puts it back
        let seen = try statistics(server)
        #expect(seen.batches == [1, 2, 2, 1, 1])  // probe, 5 texts in batches of 2, then the single text
    }

    @Test func sendsTheBearerKey() throws {
        let server = try ScriptServer(script: serverScript, environment: ["EMBED_KEY": "sk-test"])
        var good = endpoint(server)
        good.apiKey = "sk-test"
        #expect(try OpenAICompatibleEmbedder(endpoint: good).embed(["hello"]).count == 1)
        let error = #expect(throws: EmbeddingError.self) { try OpenAICompatibleEmbedder(endpoint: endpoint(server)) }
        #expect(error?.description.contains("HTTP 401") == true)
    }

    @Test(arguments: [("error", "HTTP 500"), ("broken", "invalid JSON"), ("short", "returned 0 embeddings for 1 inputs")])
    func serverFailuresAreClearErrors(model: String, expected: String) throws {
        let server = try ScriptServer(script: serverScript)
        let error = #expect(throws: EmbeddingError.self) { try OpenAICompatibleEmbedder(endpoint: endpoint(server, model: model)) }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
    }

    @Test func timesOut() throws {
        let server = try ScriptServer(script: serverScript)
        let started = Date()
        #expect(throws: EmbeddingError.self) {
            try OpenAICompatibleEmbedder(endpoint: endpoint(server, model: "slow", timeout: .milliseconds(500)))
        }
        #expect(Date().timeIntervalSince(started) < 2.5)
    }

    @Test func unreachableEndpointIsAClearError() throws {
        let server = try ScriptServer(script: serverScript)
        let url = server.url("/v1/embeddings")
        server.stop()
        let error = #expect(throws: EmbeddingError.self) {
            try OpenAICompatibleEmbedder(endpoint: EmbeddingEndpoint(url: url, model: "m", timeout: .seconds(2)))
        }
        #expect(error?.description.contains(url.absoluteString) == true)
    }
}
