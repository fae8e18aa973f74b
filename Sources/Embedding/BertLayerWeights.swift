// BertLayerWeights: the parameters of one BERT encoder layer, loaded from safetensors under HF BertModel names.
// Query, key and value projections are stacked into one [3H, H] matrix so that one GEMM computes all three. The
// four matrices are kept in half precision (21 MB instead of 42 MB for the model) and widened to Float one at a
// time, into the worker's scratch, right before their GEMM; biases and norms stay Float.

/// One transformer layer's weights; matrices are row-major [out, in], as stored by PyTorch's nn.Linear.
struct BertLayerWeights: Sendable {
    var qkvWeight: [Float16]          // [3H, H]: query rows, then key rows, then value rows
    var qkvBias: [Float]            // [3H]
    var attentionOutWeight: [Float16] // [H, H]
    var attentionOutBias: [Float]   // [H]
    var attentionNormGamma: [Float] // [H]
    var attentionNormBeta: [Float]  // [H]
    var intermediateWeight: [Float16] // [I, H]
    var intermediateBias: [Float]   // [I]
    var outputWeight: [Float16]       // [H, I]
    var outputBias: [Float]         // [H]
    var outputNormGamma: [Float]    // [H]
    var outputNormBeta: [Float]     // [H]

    /// Loads layer `index`; `prefix` is "" or "bert." depending on how the checkpoint was saved.
    init(file: SafetensorsFile, prefix: String, index: Int, config: MiniLMConfig) throws {
        let h = config.hiddenSize, i = config.intermediateSize
        let base = "\(prefix)encoder.layer.\(index)."
        func t(_ name: String, _ shape: [Int]) throws -> [Float] { try file.floats(base + name, shape: shape) }
        func half(_ name: String, _ shape: [Int]) throws -> [Float16] { try t(name, shape).map(Float16.init) }
        qkvWeight = try half("attention.self.query.weight", [h, h]) + half("attention.self.key.weight", [h, h])
            + half("attention.self.value.weight", [h, h])
        qkvBias = try t("attention.self.query.bias", [h]) + t("attention.self.key.bias", [h]) + t("attention.self.value.bias", [h])
        attentionOutWeight = try half("attention.output.dense.weight", [h, h])
        attentionOutBias = try t("attention.output.dense.bias", [h])
        attentionNormGamma = try t("attention.output.LayerNorm.weight", [h])
        attentionNormBeta = try t("attention.output.LayerNorm.bias", [h])
        intermediateWeight = try half("intermediate.dense.weight", [i, h])
        intermediateBias = try t("intermediate.dense.bias", [i])
        outputWeight = try half("output.dense.weight", [h, i])
        outputBias = try t("output.dense.bias", [h])
        outputNormGamma = try t("output.LayerNorm.weight", [h])
        outputNormBeta = try t("output.LayerNorm.bias", [h])
    }
}
