// EncoderWorkspace: the scratch buffers one worker thread reuses for every batch it encodes, sized once for the
// largest batch (in tokens) and longest sequence, so that the forward pass allocates nothing per batch or token.

/// Per-thread activation buffers for `MiniLMEncoder`'s forward pass. Not shared between threads.
final class EncoderWorkspace {
    let hidden: UnsafeMutablePointer<Float>       // [tokens, H]: the running hidden state
    let qkv: UnsafeMutablePointer<Float>          // [tokens, 3H]
    let context: UnsafeMutablePointer<Float>      // [tokens, H]: attention output before its dense layer
    let sum: UnsafeMutablePointer<Float>          // [tokens, H]: dense output + residual, before LayerNorm
    let intermediate: UnsafeMutablePointer<Float> // [tokens, I]
    let scores: UnsafeMutablePointer<Float>       // [maxLength, maxLength]: one head's attention matrix
    let weights: UnsafeMutablePointer<Float>      // a block of a layer matrix's rows, widened from half precision
    /// Floats of a widened weight block: one [H, H] matrix's worth for MiniLM (0.6 MB).
    static let weightBlock = 384 * 384
    private let sizes: [Int]

    init(maxTokens: Int, maxLength: Int, config: MiniLMConfig) {
        let h = config.hiddenSize
        sizes = [maxTokens * h, maxTokens * 3 * h, maxTokens * h, maxTokens * h, maxTokens * config.intermediateSize,
                 maxLength * maxLength, max(Self.weightBlock, max(h, config.intermediateSize))]
        let buffers = sizes.map { count in
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            p.initialize(repeating: 0, count: max(count, 1))
            return p
        }
        (hidden, qkv, context, sum, intermediate, scores) = (buffers[0], buffers[1], buffers[2], buffers[3], buffers[4], buffers[5])
        weights = buffers[6]
    }

    deinit {
        for p in [hidden, qkv, context, sum, intermediate, scores, weights] { p.deallocate() }
    }
}
