// ReassemblyLimits: the knobs that bound the reassembler's memory and the lifetime of idle state.
// Every limit is enforced by `Reassembler`; exceeding one produces a counted gap or eviction, never
// unbounded growth.

/// Bounds on what the reassembler may hold. Defaults suit a sidecar watching a few thousand connections.
public struct ReassemblyLimits: Sendable, Equatable {
    /// Out-of-order bytes held per connection (both directions together).
    public var maxBufferedBytesPerConnection: Int = 1 << 20
    /// Out-of-order bytes held across all connections.
    public var maxBufferedBytesTotal: Int = 32 << 20
    /// Flow-table capacity; the least recently active connection is evicted when a new one would exceed it.
    /// With `retransmissionCheckBytes` this bounds the per-connection state: 16,384 x 2 x 512 B = 16 MiB.
    public var maxConnections: Int = 16_384
    /// A connection with no segment for this long (packet time) is closed. Never a total-lifetime limit.
    public var idleTimeout: Duration = .seconds(300)
    /// Out-of-order segments held per direction.
    public var maxSegmentsPerDirection: Int = 1024
    /// How long a FIN- or RST-closed flow key is remembered so late ACKs and retransmits are dropped
    /// (counted as `segmentsAfterClose`) instead of opening a mid-stream connection.
    public var recentlyClosedTTL: Duration = .seconds(60)
    /// Capacity of the recently-closed set; the oldest entries are forgotten first.
    public var maxRecentlyClosed: Int = 16_384
    /// Bytes of already-delivered data remembered per direction (rounded up to a power of two) to detect
    /// retransmissions whose content differs from what was delivered. Allocated on a direction's first
    /// delivery; 0 disables the check for delivered bytes (buffered bytes are always compared).
    public var retransmissionCheckBytes: Int = 512

    public init(
        maxBufferedBytesPerConnection: Int = 1 << 20,
        maxBufferedBytesTotal: Int = 32 << 20,
        maxConnections: Int = 16_384,
        idleTimeout: Duration = .seconds(300),
        maxSegmentsPerDirection: Int = 1024,
        recentlyClosedTTL: Duration = .seconds(60),
        maxRecentlyClosed: Int = 16_384,
        retransmissionCheckBytes: Int = 512
    ) {
        self.maxBufferedBytesPerConnection = maxBufferedBytesPerConnection
        self.maxBufferedBytesTotal = maxBufferedBytesTotal
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.maxSegmentsPerDirection = maxSegmentsPerDirection
        self.recentlyClosedTTL = recentlyClosedTTL
        self.maxRecentlyClosed = maxRecentlyClosed
        self.retransmissionCheckBytes = retransmissionCheckBytes
    }
}
