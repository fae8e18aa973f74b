// HTTPCounters: monotonically increasing statistics of the HTTP layer, for the metrics endpoint.

/// Counts of messages, exchanges and everything unusual the HTTP layer saw.
public struct HTTPCounters: Sendable, Hashable {
    public var requests: UInt64 = 0
    public var responses: UInt64 = 0
    public var exchanges: UInt64 = 0
    public var parseErrors: UInt64 = 0
    public var resyncs: UInt64 = 0
    public var skippedBytes: UInt64 = 0
    public var tlsConnections: UInt64 = 0
    public var http2Connections: UInt64 = 0
    public var upgrades: UInt64 = 0
    public var bodyTruncations: UInt64 = 0
    public var decodeErrors: UInt64 = 0
    public var sseEvents: UInt64 = 0
    public var sseOverflow: UInt64 = 0
    public var pendingOverflow: UInt64 = 0
    public var responseOnly: UInt64 = 0
    public var noResponse: UInt64 = 0
    /// Messages whose stored body or events, and decoder buffers whose bytes, were cut because the global
    /// `HTTPLimits.maxStoredBytesTotal` budget was full (at most once per message or buffer episode).
    public var memoryBudgetHits: UInt64 = 0

    public init() {}

    /// Adds every counter of `other` to this one (wrapping, never trapping).
    public mutating func add(_ other: HTTPCounters) {
        requests &+= other.requests
        responses &+= other.responses
        exchanges &+= other.exchanges
        parseErrors &+= other.parseErrors
        resyncs &+= other.resyncs
        skippedBytes &+= other.skippedBytes
        tlsConnections &+= other.tlsConnections
        http2Connections &+= other.http2Connections
        upgrades &+= other.upgrades
        bodyTruncations &+= other.bodyTruncations
        decodeErrors &+= other.decodeErrors
        sseEvents &+= other.sseEvents
        sseOverflow &+= other.sseOverflow
        pendingOverflow &+= other.pendingOverflow
        responseOnly &+= other.responseOnly
        noResponse &+= other.noResponse
        memoryBudgetHits &+= other.memoryBudgetHits
    }
}
