// ReassemblyCounters: what the reassembler saw, repaired and gave up on. Nothing is dropped, skipped or
// evicted without a count here, so operators can tell capture loss from reassembly limits.

/// Running totals kept by `Reassembler`, plus two gauges (`bufferedBytes`, `activeConnections`).
public struct ReassemblyCounters: Sendable, Equatable {
    /// TCP segments handed to `process`.
    public var segments: UInt64 = 0
    /// Captured payload bytes handed to `process`.
    public var payloadBytes: UInt64 = 0
    public var connectionsOpened: UInt64 = 0
    public var connectionsClosed: UInt64 = 0
    /// Connections opened without seeing a SYN.
    public var midStreamPickups: UInt64 = 0
    /// Segments that had to be buffered because they arrived ahead of a hole.
    public var outOfOrderSegments: UInt64 = 0
    /// Segments carrying nothing new (all bytes already delivered or buffered), and repeated SYNs.
    public var retransmittedSegments: UInt64 = 0
    /// Retransmitted or overlapping segments whose bytes differ from the first copy (the first copy wins).
    public var inconsistentRetransmissions: UInt64 = 0
    /// Segments partly new and partly already delivered or buffered.
    public var overlappingSegments: UInt64 = 0
    /// Gaps declared (all reasons) and the bytes they cover.
    public var gaps: UInt64 = 0
    public var gapBytes: UInt64 = 0
    /// Connections evicted because the flow table was full.
    public var evictions: UInt64 = 0
    /// Connections closed because they were idle for `idleTimeout`.
    public var idleTimeouts: UInt64 = 0
    /// Times a buffer cap (bytes per connection, bytes total, or segments per direction) forced a gap.
    public var memoryCapHits: UInt64 = 0
    /// Non-SYN segments for a recently FIN/RST-closed connection, dropped.
    public var segmentsAfterClose: UInt64 = 0
    /// Segments whose payload was cut short by the capture snapshot length.
    public var truncatedSegments: UInt64 = 0
    /// Segments without payload (pure ACK, FIN, RST) for an unknown connection, dropped.
    public var segmentsWithoutConnection: UInt64 = 0
    /// Segments too far outside the expected sequence window (more than 1 GiB ahead), dropped.
    public var outOfWindowSegments: UInt64 = 0
    /// Gauge: out-of-order bytes currently held across all connections.
    public var bufferedBytes: UInt64 = 0
    /// Gauge: connections currently in the flow table.
    public var activeConnections: UInt64 = 0

    public init() {}
}
