// HTTPMessageDecoder+Budget: what the decoder does when the bytes it must keep buffered (partial head,
// chunk-size line, trailers, resync tail) exceed the allowance the tracker's global budget leaves it —
// the same as the matching size limit: a head or framing line fails (parse error, resync), a resync tail
// is shortened. Every case is counted in memoryBudgetHits; skipped bytes are counted as usual.

extension HTTPMessageDecoder {
    /// Called when `step()` needs input but `buf` is over `bufferAllowance`; true when parts may follow.
    mutating func shedForBudget() -> Bool {
        counters.memoryBudgetHits &+= 1
        switch state {
        case .head:
            return headError(drop: buf.count)
        case .chunkSize, .chunkDataEnd, .trailers:
            _ = bodyError()
            dropAll()
            return true
        case .resync:
            let drop = buf.count - max(0, bufferAllowance)
            skip(drop)
            scanPos = max(0, scanPos - drop)
            return false
        case .detect, .idle:
            dropAll()
            enterResync()
            return true
        case .fixedBody, .chunkData, .closeBody, .opaque, .done:
            // These never wait with bytes buffered; drop defensively.
            dropAll()
            return false
        }
    }
}
