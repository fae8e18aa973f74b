// TCPConversation: a test-kit builder for the TCP segments of one conversation. It tracks both sides'
// sequence numbers so tests can script a handshake, data, FIN and RST in a few lines, and still build
// hand-made segments (retransmits, overlaps, truncated payloads) with `segment(from:seq:ack:flags:payload:)`.

import Wire

/// Produces the TCPSegments of one client/server conversation, tracking sequence and ack numbers.
public struct TCPConversation: Sendable {
    /// Which side sends a segment.
    public enum Side: Sendable { case client, server }

    public var client: Endpoint
    public var server: Endpoint
    public var clientISN: UInt32
    public var serverISN: UInt32
    /// The sequence number of the next byte (or FIN) each side will send.
    public var clientNext: UInt32
    public var serverNext: UInt32

    public init(client: Endpoint, server: Endpoint, clientISN: UInt32 = 1000, serverISN: UInt32 = 5000) {
        self.client = client
        self.server = server
        self.clientISN = clientISN
        self.serverISN = serverISN
        self.clientNext = clientISN &+ 1
        self.serverNext = serverISN &+ 1
    }

    /// A default pair of IPv4 endpoints: 10.0.0.1:40000 -> 10.0.0.2:443.
    public init(clientISN: UInt32 = 1000, serverISN: UInt32 = 5000) {
        self.init(
            client: Endpoint(address: IPAddress(ipv4: 10, 0, 0, 1), port: 40000),
            server: Endpoint(address: IPAddress(ipv4: 10, 0, 0, 2), port: 443),
            clientISN: clientISN, serverISN: serverISN)
    }

    /// SYN, SYN+ACK, ACK.
    public func handshake() -> [TCPSegment] {
        [
            segment(from: .client, seq: clientISN, ack: 0, flags: .syn),
            segment(from: .server, seq: serverISN, ack: clientISN &+ 1, flags: [.syn, .ack]),
            segment(from: .client, seq: clientISN &+ 1, ack: serverISN &+ 1, flags: .ack),
        ]
    }

    /// The client sends `bytes` (advancing its sequence number), acknowledging everything the server sent.
    public mutating func clientSends(_ bytes: [UInt8], ack: Bool = true) -> TCPSegment {
        sends(.client, bytes, ack: ack)
    }

    public mutating func clientSends(_ text: String, ack: Bool = true) -> TCPSegment {
        sends(.client, Array(text.utf8), ack: ack)
    }

    /// The server sends `bytes` (advancing its sequence number), acknowledging everything the client sent.
    public mutating func serverSends(_ bytes: [UInt8], ack: Bool = true) -> TCPSegment {
        sends(.server, bytes, ack: ack)
    }

    public mutating func serverSends(_ text: String, ack: Bool = true) -> TCPSegment {
        sends(.server, Array(text.utf8), ack: ack)
    }

    /// A pure ACK from `side` acknowledging everything the other side sent so far.
    public func pureAck(from side: Side) -> TCPSegment {
        side == .client
            ? segment(from: .client, seq: clientNext, ack: serverNext, flags: .ack)
            : segment(from: .server, seq: serverNext, ack: clientNext, flags: .ack)
    }

    /// FIN+ACK from the client (consumes one sequence number).
    public mutating func clientFin() -> TCPSegment {
        let s = segment(from: .client, seq: clientNext, ack: serverNext, flags: [.fin, .ack])
        clientNext &+= 1
        return s
    }

    /// FIN+ACK from the server (consumes one sequence number).
    public mutating func serverFin() -> TCPSegment {
        let s = segment(from: .server, seq: serverNext, ack: clientNext, flags: [.fin, .ack])
        serverNext &+= 1
        return s
    }

    /// RST+ACK from the client.
    public func clientReset() -> TCPSegment {
        segment(from: .client, seq: clientNext, ack: serverNext, flags: [.rst, .ack])
    }

    /// RST+ACK from the server.
    public func serverReset() -> TCPSegment {
        segment(from: .server, seq: serverNext, ack: clientNext, flags: [.rst, .ack])
    }

    /// A hand-made segment; `payloadLength` larger than `payload.count` simulates snaplen truncation.
    /// Does not change the tracked sequence numbers.
    public func segment(
        from side: Side, seq: UInt32, ack: UInt32, flags: TCPFlags, payload: [UInt8] = [], payloadLength: Int? = nil
    ) -> TCPSegment {
        TCPSegment(
            source: side == .client ? client : server, destination: side == .client ? server : client,
            sequence: seq, acknowledgment: ack, flags: flags, payload: payload[...], payloadLength: payloadLength)
    }

    private mutating func sends(_ side: Side, _ bytes: [UInt8], ack: Bool) -> TCPSegment {
        let flags: TCPFlags = ack ? [.ack, .psh] : .psh
        if side == .client {
            let s = segment(from: .client, seq: clientNext, ack: ack ? serverNext : 0, flags: flags, payload: bytes)
            clientNext &+= UInt32(truncatingIfNeeded: bytes.count)
            return s
        }
        let s = segment(from: .server, seq: serverNext, ack: ack ? clientNext : 0, flags: flags, payload: bytes)
        serverNext &+= UInt32(truncatingIfNeeded: bytes.count)
        return s
    }
}
