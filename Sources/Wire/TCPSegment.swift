// TCPSegment: one decoded TCP segment with its payload as a slice of the captured frame (no copy).

/// TCP header flags.
public struct TCPFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
    public static let urg = TCPFlags(rawValue: 0x20)
    public static let ece = TCPFlags(rawValue: 0x40)
    public static let cwr = TCPFlags(rawValue: 0x80)
}

/// One TCP segment as seen on the wire.
public struct TCPSegment: Sendable {
    public var source: Endpoint
    public var destination: Endpoint
    public var sequence: UInt32
    public var acknowledgment: UInt32
    public var flags: TCPFlags
    public var window: UInt16
    /// The TCP payload actually captured (may be shorter than `payloadLength` under snaplen truncation).
    public var payload: ArraySlice<UInt8>
    /// The payload length the IP header announces; larger than `payload.count` when the capture was cut short.
    public var payloadLength: Int

    public init(
        source: Endpoint, destination: Endpoint, sequence: UInt32, acknowledgment: UInt32,
        flags: TCPFlags, window: UInt16 = 65535, payload: ArraySlice<UInt8>, payloadLength: Int? = nil
    ) {
        self.source = source
        self.destination = destination
        self.sequence = sequence
        self.acknowledgment = acknowledgment
        self.flags = flags
        self.window = window
        self.payload = payload
        self.payloadLength = payloadLength ?? payload.count
    }

    public var flowKey: FlowKey { FlowKey(source, destination) }

    /// True when snaplen cut off part of the payload.
    public var isTruncated: Bool { payload.count < payloadLength }
}
