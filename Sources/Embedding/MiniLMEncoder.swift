// MiniLMEncoder: all-MiniLM-L6-v2 sentence embeddings in process. Loads config.json, vocab.txt and
// model.safetensors from a directory (see scripts/fetch-model.sh), runs the standard BERT encoder forward pass with
// OpenBLAS sgemm for every matrix product, mean-pools the last hidden states over each text's tokens and
// L2-normalises. Texts are tokenized, sorted by length and packed into batches without padding (each sequence
// attends only to its own tokens, which is what BERT's padding mask achieves); batches are spread over worker
// threads that each reuse one preallocated workspace. OpenBLAS is switched to one thread on init, since the
// encoder parallelises across batches itself (OPENBLAS_NUM_THREADS=1 in the environment has the same effect).

import CBLAS
import Dispatch
import Foundation
import Synchronization

/// all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT) as a sentence `Embedder`: 384-dim, unit-length vectors.
/// A value type whose weights never change after loading: one instance can be shared and called from any thread
/// (copies share the weight storage; `threadCount` and the batch limits can be tuned per copy).
public struct MiniLMEncoder: Embedder, Sendable {
    public let config: MiniLMConfig
    public let tokenizer: WordPieceTokenizer
    /// "minilm-l6-v2@" followed by the first 12 hex digits of the SHA-256 of model.safetensors.
    public let identifier: String
    /// Worker threads used by `embed` (batches are the unit of work); values below 1 count as 1.
    public var threadCount: Int
    /// At most this many texts go into one forward pass; values below 1 count as 1.
    public var batchSize: Int
    /// At most this many tokens go into one forward pass (unless one text alone is longer); bounds the per-thread
    /// workspace, about 15 KB per token for MiniLM (1,024 tokens: ~15 MB per thread).
    public var batchTokens: Int

    public var dimension: Int { config.hiddenSize }

    /// [V, H]: the largest tensor (47 MB), a lookup table of which a batch reads a few hundred rows. Read in place
    /// from the mapped model file and released after every `embed`, so it is resident only while in use; copied
    /// (`wordCopy`) only when the file cannot be read in place.
    private let wordRows: MappedFloatRows?
    private let wordCopy: [Float]
    private let positionEmbeddings: [Float] // [P, H]
    private let tokenTypeEmbedding: [Float] // [H]: token type 0
    private let embeddingNormGamma: [Float]
    private let embeddingNormBeta: [Float]
    private let layers: [BertLayerWeights]

    /// Loads the model in `directory` (config.json, vocab.txt, model.safetensors). `threadCount` defaults to the
    /// number of active cores; `maxTokens` (256, sentence-transformers' limit) truncates longer texts.
    /// Batches of 64 short prompts (~700 tokens) keep the sgemm calls large enough to run near peak.
    public init(directory: String, threadCount: Int? = nil, batchSize: Int = 64, batchTokens: Int = 1024,
                maxTokens: Int = 256) throws {
        let dir = URL(fileURLWithPath: directory)
        let config = try MiniLMConfig(contentsOf: dir.appendingPathComponent("config.json").path)
        guard maxTokens <= config.maxPositions else {
            throw EmbeddingError("maxTokens \(maxTokens) exceeds max_position_embeddings \(config.maxPositions)")
        }
        let tokenizer = try WordPieceTokenizer(vocabularyFile: dir.appendingPathComponent("vocab.txt").path, maxTokens: maxTokens)
        guard tokenizer.vocabulary.count <= config.vocabularySize else {
            throw EmbeddingError("vocab.txt has \(tokenizer.vocabulary.count) tokens, config.json vocab_size is \(config.vocabularySize)")
        }
        let file = try SafetensorsFile(contentsOf: dir.appendingPathComponent("model.safetensors").path)
        let digest = file.sha256Hex()  // first: hashing and copying each release their pages
        let prefix = file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        let h = config.hiddenSize
        let wordName = prefix + "embeddings.word_embeddings.weight"
        let rows = try file.mappedRows(wordName, rows: config.vocabularySize, width: h)
        wordCopy = rows == nil ? try file.floats(wordName, shape: [config.vocabularySize, h]) : []
        wordRows = rows
        positionEmbeddings = try file.floats(prefix + "embeddings.position_embeddings.weight", shape: [config.maxPositions, h])
        tokenTypeEmbedding = Array(try file.floats(prefix + "embeddings.token_type_embeddings.weight",
                                                   shape: [config.typeVocabularySize, h])[0..<h])
        embeddingNormGamma = try file.floats(prefix + "embeddings.LayerNorm.weight", shape: [h])
        embeddingNormBeta = try file.floats(prefix + "embeddings.LayerNorm.bias", shape: [h])
        layers = try (0..<config.layerCount).map { try BertLayerWeights(file: file, prefix: prefix, index: $0, config: config) }
        identifier = "minilm-l6-v2@" + digest.prefix(12)
        self.config = config
        self.tokenizer = tokenizer
        self.threadCount = threadCount ?? ProcessInfo.processInfo.activeProcessorCount
        self.batchSize = batchSize
        self.batchTokens = batchTokens
        BLASThreads.runOnCallingThread()
    }

    /// Embeds `texts` (384-dim, L2-normalised, in input order). An empty text embeds [CLS] [SEP].
    public func embed(_ texts: [String]) -> [[Float]] {
        if texts.isEmpty { return [] }
        let ids = texts.map(tokenizer.encode)
        let order = ids.indices.sorted { ids[$0].count < ids[$1].count }
        // Consecutive runs of the length-sorted order, each at most batchSize texts and batchTokens tokens
        // (a single text always fits: it has at most maxTokens ids).
        var plan: [ArraySlice<Int>] = []
        var start = 0, tokens = 0
        for (i, index) in order.enumerated() {
            let n = ids[index].count
            if i > start && (i - start >= max(1, batchSize) || tokens + n > batchTokens) {
                plan.append(order[start..<i])
                start = i
                tokens = 0
            }
            tokens += n
        }
        plan.append(order[start...])
        let batches = plan
        let maxTokens = batches.map { $0.reduce(0) { $0 + ids[$1].count } }.max() ?? 0
        let maxLength = ids.map(\.count).max() ?? 0
        let h = config.hiddenSize
        let output = UnsafeMutablePointer<Float>.allocate(capacity: texts.count * h)
        defer { output.deallocate() }
        let workers = min(max(1, threadCount), batches.count)
        let nextBatch = Atomic<Int>(0)
        let out = OutputRows(base: output, width: h)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let workspace = EncoderWorkspace(maxTokens: maxTokens, maxLength: maxLength, config: config)
            while true {
                // Longest batches first, so that no thread is left with a long one at the end.
                let taken = nextBatch.add(1, ordering: .relaxed).oldValue
                if taken >= batches.count { break }
                let b = batches.count - 1 - taken
                forward(batches[b].map { ids[$0] }, rows: batches[b].map { out.row($0) }, workspace: workspace)
            }
        }
        wordRows?.release()
        return (0..<texts.count).map { Array(UnsafeBufferPointer(start: output + $0 * h, count: h)) }
    }

    /// Calls `body` with the word-embedding table's first float, wherever the table lives.
    private func withWordTable<T>(_ body: (UnsafePointer<Float>) -> T) -> T {
        if let wordRows { return wordRows.withBase(body) }
        return wordCopy.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// `c += a · Wᵀ` for a half-precision layer matrix W ([outputs, inputs], row-major): W is widened a block of
    /// output rows at a time into the worker's scratch (`EncoderWorkspace.weightBlock` floats), each block one GEMM
    /// into its columns of `c`.
    private func dense(
        _ a: UnsafePointer<Float>, rows m: Int, inputs k: Int, weight: [Float16], outputs n: Int,
        into c: UnsafeMutablePointer<Float>, workspace ws: EncoderWorkspace
    ) {
        let block = max(1, EncoderWorkspace.weightBlock / k)
        weight.withUnsafeBufferPointer { w in
            var start = 0
            while start < n {
                let count = min(block, n - start)
                Kernels.widen(w.baseAddress! + start * k, count: count * k, into: ws.weights)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(count), Int32(k),
                            1, a, Int32(k), ws.weights, Int32(k), 1, c + start, Int32(n))
                start += count
            }
        }
    }

    /// One forward pass over `sequences` packed back to back; writes each pooled, normalised vector to `rows`.
    private func forward(_ sequences: [[Int]], rows: [UnsafeMutablePointer<Float>], workspace ws: EncoderWorkspace) {
        let h = config.hiddenSize, inter = config.intermediateSize, d = config.headSize, eps = config.layerNormEpsilon
        let tokens = sequences.reduce(0) { $0 + $1.count }
        let x = ws.hidden
        // Embeddings: word + position + token type 0, then LayerNorm.
        withWordTable { word in
            positionEmbeddings.withUnsafeBufferPointer { pos in
                tokenTypeEmbedding.withUnsafeBufferPointer { type in
                    var t = 0
                    for seq in sequences {
                        for (p, id) in seq.enumerated() {
                            let row = x + t * h, w = word + id * h, q = pos.baseAddress! + p * h
                            for j in 0..<h { row[j] = w[j] + q[j] + type[j] }
                            t += 1
                        }
                    }
                }
            }
        }
        embeddingNormGamma.withUnsafeBufferPointer { g in
            embeddingNormBeta.withUnsafeBufferPointer { b in
                Kernels.layerNorm(x, x, rows: tokens, width: h, gamma: g.baseAddress!, beta: b.baseAddress!, epsilon: eps)
            }
        }
        let scale = 1 / Float(d).squareRoot()
        for layer in layers {
            layer.qkvBias.withUnsafeBufferPointer { bias in
                Kernels.fillRows(ws.qkv, rows: tokens, bias: bias.baseAddress!, width: 3 * h)
            }
            dense(x, rows: tokens, inputs: h, weight: layer.qkvWeight, outputs: 3 * h, into: ws.qkv, workspace: ws)
            // Self-attention, per sequence and head, on strided views of the packed Q/K/V rows.
            var offset = 0
            for seq in sequences {
                let n = Int32(seq.count)
                for head in 0..<config.headCount {
                    let q = ws.qkv + offset * 3 * h + head * d
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, Int32(d), scale,
                                q, Int32(3 * h), q + h, Int32(3 * h), 0, ws.scores, n)
                    Kernels.softmaxRows(ws.scores, rows: seq.count, width: seq.count)
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, Int32(d), n, 1,
                                ws.scores, n, q + 2 * h, Int32(3 * h), 0, ws.context + offset * h + head * d, Int32(h))
                }
                offset += seq.count
            }
            // Attention output dense + residual + LayerNorm.
            layer.attentionOutBias.withUnsafeBufferPointer { bias in
                Kernels.fillRowsSum(ws.sum, x, rows: tokens, bias: bias.baseAddress!, width: h)
            }
            dense(ws.context, rows: tokens, inputs: h, weight: layer.attentionOutWeight, outputs: h, into: ws.sum, workspace: ws)
            layer.attentionNormGamma.withUnsafeBufferPointer { g in
                layer.attentionNormBeta.withUnsafeBufferPointer { b in
                    Kernels.layerNorm(ws.sum, x, rows: tokens, width: h, gamma: g.baseAddress!, beta: b.baseAddress!, epsilon: eps)
                }
            }
            // Feed-forward: intermediate dense + GELU, output dense + residual + LayerNorm.
            layer.intermediateBias.withUnsafeBufferPointer { bias in
                Kernels.fillRows(ws.intermediate, rows: tokens, bias: bias.baseAddress!, width: inter)
            }
            dense(x, rows: tokens, inputs: h, weight: layer.intermediateWeight, outputs: inter, into: ws.intermediate, workspace: ws)
            Kernels.gelu(ws.intermediate, count: tokens * inter)
            layer.outputBias.withUnsafeBufferPointer { bias in
                Kernels.fillRowsSum(ws.sum, x, rows: tokens, bias: bias.baseAddress!, width: h)
            }
            dense(ws.intermediate, rows: tokens, inputs: inter, weight: layer.outputWeight, outputs: h, into: ws.sum, workspace: ws)
            layer.outputNormGamma.withUnsafeBufferPointer { g in
                layer.outputNormBeta.withUnsafeBufferPointer { b in
                    Kernels.layerNorm(ws.sum, x, rows: tokens, width: h, gamma: g.baseAddress!, beta: b.baseAddress!, epsilon: eps)
                }
            }
        }
        // Mean pooling over each sequence's tokens, then L2 normalisation.
        var offset = 0
        for (s, seq) in sequences.enumerated() {
            let out = rows[s]
            out.update(repeating: 0, count: h)
            for t in offset..<(offset + seq.count) {
                let row = x + t * h
                for j in 0..<h { out[j] += row[j] }
            }
            var norm: Float = 0
            for j in 0..<h { norm += out[j] * out[j] }
            let inv = 1 / max(norm.squareRoot(), 1e-12)
            for j in 0..<h { out[j] *= inv }
            offset += seq.count
        }
    }
}

/// The flat result matrix, shared by the worker threads; each batch writes only its own texts' rows.
private struct OutputRows: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    let width: Int
    func row(_ index: Int) -> UnsafeMutablePointer<Float> { base + index * width }
}
