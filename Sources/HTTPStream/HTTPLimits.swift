// HTTPLimits: every bound the HTTP layer enforces so hostile or broken traffic cannot make it buffer
// without limit, per message and (maxStoredBytesTotal) over all connections. All sizes are in bytes.

/// Caps for header parsing, bodies, decompression, server-sent events and request pipelining.
public struct HTTPLimits: Sendable, Hashable {
    /// Largest request/status line plus header block (and chunked trailer block).
    public var maxHeaderBytes = 64 * 1024
    /// Most header fields in one block.
    public var maxHeaders = 128
    /// Longest chunk-size line, extensions included.
    public var maxChunkLineBytes = 4096
    /// Longest request line considered while resynchronising after a gap.
    public var maxResyncLineBytes = 8192
    /// Largest decoded body prefix stored per message.
    public var maxBodyBytes = 8 * 1024 * 1024
    /// Most bytes a compressed body may inflate to.
    public var maxDecodedBytes = 8 * 1024 * 1024
    /// Largest inflate ratio (decoded / compressed) tolerated beyond `ratioGraceBytes`.
    public var maxDecompressionRatio = 1000
    /// Decoded bytes allowed before the ratio check applies.
    public var ratioGraceBytes = 1024 * 1024
    /// Most server-sent events kept per response.
    public var maxSSEEvents = 100_000
    /// Largest pending server-sent event (data buffer or a single line).
    public var maxSSEEventBytes = 1024 * 1024
    /// Most requests waiting for a response on one connection.
    public var maxPendingRequests = 64
    /// Most payload bytes the tracker holds across all connections at once: stored body prefixes of
    /// messages in progress, bodies and events of finished messages waiting in a pending FIFO, server-sent
    /// event buffers, and each direction's decoder buffer (partial head, chunk-size line, trailers, resync
    /// tail). Bodies and events may use at most 7/8 of it, so header blocks and framing lines still fit
    /// when bodies have filled the rest. Past it bodies are truncated and events dropped (framing and byte
    /// counts are kept); a decoder buffer that does not fit fails like a size-limit violation.
    public var maxStoredBytesTotal = 64 * 1024 * 1024

    public init() {}

    public static let `default` = HTTPLimits()
}
