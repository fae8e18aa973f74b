// OpenAICompatibleEmbedder: an Embedder that calls any OpenAI-compatible `POST /v1/embeddings` endpoint
// (OpenAI, vLLM, Ollama, text-embeddings-inference, LiteLLM, ...) in batches, with a timeout and an optional
// bearer key. Vectors are L2-normalised so they compare like the in-process encoder's.

import Foundation
import JSON

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where and how to reach an embeddings endpoint.
public struct EmbeddingEndpoint: Sendable, Hashable {
    /// The full endpoint URL, e.g. `http://127.0.0.1:8080/v1/embeddings`.
    public var url: URL
    /// The `model` field sent with every request; recorded in the baseline.
    public var model: String
    /// Texts per request.
    public var batchSize: Int
    /// Per-request timeout.
    public var timeout: Duration
    /// Sent as `Authorization: Bearer <key>` when set.
    public var apiKey: String?

    public init(url: URL, model: String, batchSize: Int = 64, timeout: Duration = .seconds(30), apiKey: String? = nil) {
        self.url = url
        self.model = model
        self.batchSize = max(1, batchSize)
        self.timeout = timeout
        self.apiKey = apiKey
    }
}

/// Embeds through an OpenAI-compatible HTTP endpoint. `init` sends one probe request to learn the dimension.
public final class OpenAICompatibleEmbedder: Embedder {
    public let endpoint: EmbeddingEndpoint
    public let dimension: Int
    /// `openai-compatible:<model>`: the model is what must match between baseline and live traffic, not the host.
    public var identifier: String { "openai-compatible:\(endpoint.model)" }
    private let session: URLSession

    public init(endpoint: EmbeddingEndpoint) throws {
        self.endpoint = endpoint
        let configuration = URLSessionConfiguration.ephemeral
        let seconds = Double(endpoint.timeout.components.seconds) + Double(endpoint.timeout.components.attoseconds) * 1e-18
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        session = URLSession(configuration: configuration)
        let probe = try Self.request(["dimension probe"], endpoint: endpoint, session: session)
        guard let first = probe.first, !first.isEmpty else {
            throw EmbeddingError("\(endpoint.url): the probe request returned an empty vector")
        }
        dimension = first.count
    }

    public func embed(_ texts: [String]) throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            let batch = Array(texts[start..<min(texts.count, start + endpoint.batchSize)])
            let result = try Self.request(batch, endpoint: endpoint, session: session)
            for v in result where v.count != dimension {
                throw EmbeddingError("\(endpoint.url) returned a \(v.count)-dimensional vector; expected \(dimension)")
            }
            vectors += result
            start += batch.count
        }
        return vectors
    }

    /// One POST for `texts`; the vectors in input order (by each item's `index`), L2-normalised.
    static func request(_ texts: [String], endpoint: EmbeddingEndpoint, session: URLSession) throws -> [[Float]] {
        var w = JSONWriter(reserving: 256 + texts.reduce(0) { $0 + $1.utf8.count + 8 })
        w.beginObject()
        w.key("model")
        w.string(endpoint.model)
        w.key("input")
        w.beginArray()
        for t in texts { w.string(t.isEmpty ? " " : t) }  // some servers reject empty strings
        w.endArray()
        w.key("encoding_format")
        w.string("float")
        w.endObject()
        var request = URLRequest(url: endpoint.url)
        request.httpMethod = "POST"
        request.httpBody = Data(w.bytes)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let key = endpoint.apiKey { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }

        let (data, status) = try send(request, session: session, endpoint: endpoint)
        guard status == 200 else {
            let snippet = String(decoding: data.prefix(200), as: UTF8.self)
            throw EmbeddingError("\(endpoint.url) answered HTTP \(status): \(snippet)")
        }
        let value: JSONValue
        do { value = try JSONParser().parse([UInt8](data)) } catch {
            throw EmbeddingError("\(endpoint.url) answered invalid JSON: \(error)")
        }
        guard let items = value["data"]?.array else {
            throw EmbeddingError("\(endpoint.url): the answer has no \"data\" array")
        }
        guard items.count == texts.count else {
            throw EmbeddingError("\(endpoint.url) returned \(items.count) embeddings for \(texts.count) inputs")
        }
        var out = [[Float]](repeating: [], count: texts.count)
        for (position, item) in items.enumerated() {
            let index = item["index"]?.int ?? position
            guard out.indices.contains(index), out[index].isEmpty,
                let numbers = item["embedding"]?.array, !numbers.isEmpty
            else { throw EmbeddingError("\(endpoint.url): data[\(position)] has no usable \"embedding\" or \"index\"") }
            var v = [Float]()
            v.reserveCapacity(numbers.count)
            for n in numbers {
                guard let d = n.double, d.isFinite else {
                    throw EmbeddingError("\(endpoint.url): data[\(position)].embedding holds a non-number")
                }
                v.append(Float(d))
            }
            let norm = v.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { for i in v.indices { v[i] /= norm } }
            out[index] = v
        }
        return out
    }

    /// Sends synchronously: the Embedder interface is blocking and runs on the encoder's own thread.
    private static func send(_ request: URLRequest, session: URLSession, endpoint: EmbeddingEndpoint) throws -> (Data, Int) {
        final class Box: @unchecked Sendable {
            var result: Result<(Data, Int), any Error> = .failure(EmbeddingError("no answer"))
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            if let error {
                box.result = .failure(EmbeddingError("\(endpoint.url): \(error.localizedDescription)"))
            } else {
                box.result = .success((data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0))
            }
            done.signal()
        }.resume()
        done.wait()
        return try box.result.get()
    }
}
