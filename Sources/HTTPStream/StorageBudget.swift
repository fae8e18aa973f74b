// StorageBudget: the tracker-wide count of payload bytes held for all connections, checked against
// HTTPLimits.maxStoredBytesTotal. Bodies and events draw on the content share; decoder buffers may use
// the whole budget, so the last eighth stays available for header blocks and framing lines.

struct StorageBudget: Sendable {
    /// The whole budget (decoder buffers may fill it).
    let limit: Int
    /// The part bodies and server-sent events may fill.
    let contentLimit: Int
    /// Bytes currently charged.
    private(set) var used = 0

    init(limit: Int) {
        self.limit = max(0, limit)
        contentLimit = self.limit - self.limit / 8
    }

    /// Bytes a body or event store may still add.
    var contentRoom: Int { max(0, contentLimit - used) }

    /// Bytes a decoder buffer currently charged at `holding` may grow to.
    func decoderAllowance(holding: Int) -> Int { max(0, limit - used + holding) }

    /// Charges (positive) or releases (negative) `delta` bytes.
    mutating func adjust(by delta: Int) {
        used += delta
        assert(used >= 0, "stored-bytes accounting went negative")
        if used < 0 { used = 0 }
    }
}
