// HTTPPart: what HTTPMessageDecoder produces, one step at a time — message heads, transfer-decoded
// body bytes, message ends, and the out-of-band happenings (lost messages, protocol switches).

import Wire

/// One output of `HTTPMessageDecoder.next()`.
public enum HTTPPart: Sendable, Equatable {
    /// A request head; `at` is the packet time of its first byte.
    case requestHead(HTTPRequestHead, at: Timestamp)
    /// A response head (interim 1xx included); `at` is the packet time of its first byte.
    case responseHead(HTTPResponseHead, at: Timestamp)
    /// Body bytes with transfer coding removed (content coding still applied), from the packet at `at`.
    case body(ArraySlice<UInt8>, at: Timestamp)
    /// Body bytes missing inside a body whose framing survived (known-length region or close-delimited).
    case bodyGap(length: UInt64?)
    /// The current message ended (completely or not).
    case end(HTTPMessageEnd)
    /// A message whose head had started was dropped (gap or parse error) before its head was parsed.
    case lost(HTTPLossReason, at: Timestamp)
    /// The stream stopped being HTTP/1.x; the decoder ignores everything after this.
    case switched(HTTPProtocolSwitch, at: Timestamp)
}

/// How a message ended.
public struct HTTPMessageEnd: Sendable, Hashable {
    /// Packet time of the message's last byte.
    public var at: Timestamp
    /// True when the message reached its framed end with no bytes missing.
    public var complete: Bool
    /// True when bytes of the message were missing (gap).
    public var gap: Bool
    /// True when the message was cut by a framing error.
    public var parseError: Bool
    /// Body bytes on the wire including chunked framing.
    public var wireBodyBytes: Int
    /// True when the body was chunked.
    public var chunked: Bool

    public init(at: Timestamp, complete: Bool, gap: Bool, parseError: Bool, wireBodyBytes: Int, chunked: Bool) {
        self.at = at
        self.complete = complete
        self.gap = gap
        self.parseError = parseError
        self.wireBodyBytes = wireBodyBytes
        self.chunked = chunked
    }
}

/// Why a started message was dropped before its head could be parsed.
public enum HTTPLossReason: String, Sendable, Hashable {
    case gap
    case parseError = "parse_error"
}

/// Why a stream became opaque.
public enum HTTPProtocolSwitch: String, Sendable, Hashable {
    /// The stream starts with a TLS record.
    case tls
    /// The stream starts with the HTTP/2 connection preface.
    case http2
    /// 101 Switching Protocols or a successful CONNECT.
    case upgrade
}

/// What one direction of a connection carries, as detected from its bytes.
public enum HTTPStreamRole: Sendable, Hashable {
    case unknown
    case requests
    case responses
}
