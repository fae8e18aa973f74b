// ExternalEmbedderBaselineTests: a baseline built through a real OpenAI-compatible embeddings server on
// 127.0.0.1 records the endpoint and model, and rebuilding its embedder from the file assigns inputs to the
// same slices; a different model is refused.

import Baseline
import Embedding
import Foundation
import JSON
import SliceWatchTesting
import Testing

private let serverScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/embeddings/embeddings_server.py").path

@Test(.enabled(if: ScriptServer.python != nil, "python3 is not installed (needed for the local embeddings server)"))
func baselineThroughAnEmbeddingsEndpointRoundTrips() throws {
    let server = try ScriptServer(script: serverScript)
    let endpoint = EmbeddingEndpoint(url: server.url("/v1/embeddings"), model: "test-embed", batchSize: 16)
    let embedder = try OpenAICompatibleEmbedder(endpoint: endpoint)
    let topics = ["flight hotel trip", "bank card balance", "recipe dinner oven"]
    var items: [EvalItem] = []
    for (t, words) in topics.enumerated() {
        for i in 0..<12 { items.append(EvalItem(id: "\(t)-\(i)", input: "\(words) \(["please", "now", "today", "soon"][i % 4])", line: items.count + 1)) }
    }
    var info = EmbedderInfo(kind: "openai-compatible", identifier: embedder.identifier, dimension: embedder.dimension)
    info.endpointURL = endpoint.url.absoluteString
    info.endpointModel = endpoint.model
    var builder = BaselineBuilder()
    builder.k = 3
    builder.minimumSliceSize = 5
    let provenance = Provenance(evalSetSHA256: "00", evalItems: items.count, skippedLines: 0, createdAt: "2026-11-23T00:00:00Z", tool: "test")
    let baseline = try builder.build(items: items, embedder: embedder, embedderInfo: info, provenance: provenance)

    var w = JSONWriter()
    baseline.writeJSON(into: &w)
    let back = try BaselineDocument(json: try JSONParser().parse(w.bytes))
    #expect(back.embedder.endpointURL == endpoint.url.absoluteString)
    #expect(back.embedder.endpointModel == "test-embed")
    let rebuilt = try back.makeEmbedder(modelDirectory: "/nonexistent")
    let inputs = items.map(\.input)
    #expect(back.assign(try rebuilt.embed(inputs)).map(\.slice) == baseline.assign(try embedder.embed(inputs)).map(\.slice))

    var other = endpoint
    other.model = "another-model"
    let error = #expect(throws: BaselineFileError.self) { try back.makeEmbedder(modelDirectory: "", endpoint: other) }
    #expect(error?.description.contains("test-embed") == true)
}
