// StreamEvent: what the reassembler tells the layer above — ordered bytes per connection and
// direction, gaps (never zero-filled), half-closes and closes. The HTTP layer consumes only these.

import Wire

/// Which way bytes flow on a connection.
public enum Direction: UInt8, Hashable, Sendable, CustomStringConvertible {
    /// From the connection's client (the SYN sender, or the best guess when the handshake was missed).
    case clientToServer = 0
    /// From the server to the client.
    case serverToClient = 1

    public var reversed: Direction { self == .clientToServer ? .serverToClient : .clientToServer }
    public var description: String { self == .clientToServer ? "c2s" : "s2c" }
}

/// Identifies one TCP connection for its whole life; `serial` tells apart reuses of the same 4-tuple.
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    public var serial: UInt64
    public var client: Endpoint
    public var server: Endpoint

    public init(serial: UInt64, client: Endpoint, server: Endpoint) {
        self.serial = serial
        self.client = client
        self.server = server
    }

    public var description: String { "\(serial) \(client)->\(server)" }

    /// The serial alone: the reassembler gives every connection its own, so equal IDs hash alike, and the
    /// per-event lookups of the HTTP layer do not hash two addresses each time.
    public func hash(into hasher: inout Hasher) { hasher.combine(serial) }
}

/// Why a gap was declared in one direction's byte stream.
public enum GapReason: String, Sendable, Hashable {
    /// The peer acknowledged bytes that were never captured.
    case acknowledgedHole = "acked_hole"
    /// The connection went idle with data still waiting behind a hole.
    case timeout
    /// A per-connection or global memory cap forced delivery past a hole.
    case memoryCap = "memory_cap"
    /// The capture ended (or the connection closed) with data still waiting behind a hole.
    case closed
    /// Captured payload was shorter than the segment (snaplen).
    case snaplen
}

/// Why a connection ended.
public enum CloseReason: String, Sendable, Hashable {
    case fin
    case reset = "rst"
    case idleTimeout = "timeout"
    case evicted
    case endOfCapture = "end_of_capture"
}

/// One event of the reassembled stream, in packet-time order.
public enum StreamEvent: Sendable {
    /// A new connection was seen. `handshakeSeen` is false when it was picked up mid-stream.
    case opened(ConnectionID, handshakeSeen: Bool, at: Timestamp)
    /// In-order bytes for one direction, with the timestamp of the packet that completed them.
    case data(ConnectionID, Direction, ArraySlice<UInt8>, at: Timestamp)
    /// `length` bytes are missing from one direction (nil when unknown); delivery resumes after them.
    case gap(ConnectionID, Direction, length: UInt64?, reason: GapReason, at: Timestamp)
    /// One direction sent FIN: no more bytes will come that way.
    case finished(ConnectionID, Direction, at: Timestamp)
    /// The connection is gone; no further events for this id.
    case closed(ConnectionID, reason: CloseReason, at: Timestamp)
}
