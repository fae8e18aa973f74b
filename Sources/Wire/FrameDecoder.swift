// FrameDecoder: link layer -> IPv4/IPv6 -> TCP. A pure, checked decoder: every read is bounds-checked,
// malformed or uninteresting frames are counted and skipped, never trapped on.

/// Decodes captured frames of one link type into TCP segments.
public struct FrameDecoder: Sendable {
    public let linkType: LinkType
    public private(set) var counters = WireCounters()

    public init(linkType: LinkType) {
        self.linkType = linkType
    }

    /// Decodes one captured frame. Returns the TCP segment it carries, or nil (counted) when it carries none.
    public mutating func decode(_ frame: [UInt8]) -> TCPSegment? {
        decode(frame[...])
    }

    /// Decodes one captured frame held as a slice of a larger buffer (a capture batch); the segment's
    /// payload is a slice of the same buffer, so nothing is copied.
    public mutating func decode(_ frame: ArraySlice<UInt8>) -> TCPSegment? {
        counters.frames &+= 1
        return frame.withUnsafeBufferPointer { buffer -> TCPSegment? in
            let view = ByteView(buffer)
            guard let (ethertype, offset) = linkLayer(view) else { return nil }
            switch ethertype {
            case 0x0800: return ipv4(view, at: offset, frame: frame)
            case 0x86DD: return ipv6(view, at: offset, frame: frame)
            default:
                counters.nonIP &+= 1
                return nil
            }
        }
    }

    // MARK: link layer

    /// Returns the network protocol (as an EtherType) and the offset of the network header.
    private mutating func linkLayer(_ v: ByteView) -> (UInt16, Int)? {
        switch linkType {
        case .ethernet:
            guard var type = v.u16(12) else { return malformed() }
            var offset = 14
            var tagged = false
            // 802.1Q (0x8100), 802.1ad (0x88A8) and the legacy QinQ 0x9100; at most a few stacked tags.
            while type == 0x8100 || type == 0x88A8 || type == 0x9100 {
                guard let inner = v.u16(offset + 2), offset < 14 + 4 * 4 else { return malformed() }
                tagged = true
                type = inner
                offset += 4
            }
            if tagged { counters.vlanTagged &+= 1 }
            return (type, offset)
        case .linuxSLL:
            guard let type = v.u16(14) else { return malformed() }
            return (type, 16)
        case .linuxSLL2:
            guard let type = v.u16(0), v.count >= 20 else { return malformed() }
            return (type, 20)
        case .null, .loop:
            guard let b0 = v.u8(0), let b1 = v.u8(1), let b2 = v.u8(2), let b3 = v.u8(3) else { return malformed() }
            let big = UInt32(b0) << 24 | UInt32(b1) << 16 | UInt32(b2) << 8 | UInt32(b3)
            let little = UInt32(b3) << 24 | UInt32(b2) << 16 | UInt32(b1) << 8 | UInt32(b0)
            // AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS), 10 (Linux).
            let family = linkType == .loop ? big : (big < 256 ? big : little)
            switch family {
            case 2: return (0x0800, 4)
            case 10, 24, 28, 30: return (0x86DD, 4)
            default:
                counters.nonIP &+= 1
                return nil
            }
        case .raw:
            guard let first = v.u8(0) else { return malformed() }
            switch first >> 4 {
            case 4: return (0x0800, 0)
            case 6: return (0x86DD, 0)
            default: return malformed()
            }
        case .ipv4: return (0x0800, 0)
        case .ipv6: return (0x86DD, 0)
        }
    }

    // MARK: network layer

    private mutating func ipv4(_ v: ByteView, at o: Int, frame: ArraySlice<UInt8>) -> TCPSegment? {
        guard let vihl = v.u8(o), vihl >> 4 == 4 else { return malformed() }
        let headerLength = Int(vihl & 0x0f) * 4
        guard headerLength >= 20, let totalLength = v.u16(o + 2), let fragment = v.u16(o + 6),
            let proto = v.u8(o + 9), let src = v.u32(o + 12), let dst = v.u32(o + 16),
            Int(totalLength) >= headerLength
        else { return malformed() }
        counters.ipv4Packets &+= 1
        // More-fragments flag or a non-zero offset: a fragment.
        if fragment & 0x3fff != 0 {
            counters.fragments &+= 1
            return nil
        }
        guard proto == 6 else {
            counters.nonTCP &+= 1
            return nil
        }
        // Trim to the IP total length (drops Ethernet padding); the announced length survives snaplen cuts.
        // TSO-captured packets may carry total length 0: fall back to what was captured.
        let announcedEnd = totalLength == 0 ? v.count : o + Int(totalLength)
        return tcp(
            v, at: o + headerLength, announcedEnd: announcedEnd, frame: frame,
            source: IPAddress(ipv4: src), destination: IPAddress(ipv4: dst))
    }

    private mutating func ipv6(_ v: ByteView, at o: Int, frame: ArraySlice<UInt8>) -> TCPSegment? {
        guard let first = v.u8(o), first >> 4 == 6, let payloadLength = v.u16(o + 4),
            var next = v.u8(o + 6), v.count >= o + 40
        else { return malformed() }
        counters.ipv6Packets &+= 1
        let source = IPAddress(ipv6: v.bytes(o + 8, 16))
        let destination = IPAddress(ipv6: v.bytes(o + 24, 16))
        // A zero payload length means a jumbogram (or TSO): use what was captured.
        let announcedEnd = payloadLength == 0 ? v.count : o + 40 + Int(payloadLength)
        var offset = o + 40
        var headers = 0
        while true {
            headers += 1
            guard headers <= 16 else { return malformed() }
            switch next {
            case 6:
                return tcp(v, at: offset, announcedEnd: announcedEnd, frame: frame, source: source, destination: destination)
            case 0, 43, 60:  // hop-by-hop, routing, destination options: (len + 1) * 8 bytes
                guard let n = v.u8(offset), let len = v.u8(offset + 1) else { return malformed() }
                next = n
                offset += (Int(len) + 1) * 8
            case 51:  // authentication header: (len + 2) * 4 bytes
                guard let n = v.u8(offset), let len = v.u8(offset + 1) else { return malformed() }
                next = n
                offset += (Int(len) + 2) * 4
            case 44:  // fragment header
                guard let n = v.u8(offset), let fragment = v.u16(offset + 2) else { return malformed() }
                if fragment & 0xfff9 != 0 {  // offset != 0 or more-fragments set
                    counters.fragments &+= 1
                    return nil
                }
                next = n
                offset += 8
            default:
                counters.nonTCP &+= 1
                return nil
            }
        }
    }

    // MARK: transport layer

    private mutating func tcp(
        _ v: ByteView, at o: Int, announcedEnd: Int, frame: ArraySlice<UInt8>, source: IPAddress, destination: IPAddress
    ) -> TCPSegment? {
        guard let sport = v.u16(o), let dport = v.u16(o + 2), let seq = v.u32(o + 4), let ack = v.u32(o + 8),
            let offByte = v.u8(o + 12), let flags = v.u8(o + 13), let window = v.u16(o + 14)
        else { return malformed() }
        let headerLength = Int(offByte >> 4) * 4
        guard headerLength >= 20, o + headerLength <= v.count, o + headerLength <= announcedEnd else {
            return malformed()
        }
        let payloadStart = o + headerLength
        let capturedEnd = min(announcedEnd, v.count)
        let announced = announcedEnd - payloadStart
        if capturedEnd < announcedEnd { counters.snaplenTruncated &+= 1 }
        counters.tcpSegments &+= 1
        return TCPSegment(
            source: Endpoint(address: source, port: sport),
            destination: Endpoint(address: destination, port: dport),
            sequence: seq, acknowledgment: ack, flags: TCPFlags(rawValue: flags), window: window,
            payload: frame[(frame.startIndex + payloadStart)..<(frame.startIndex + capturedEnd)], payloadLength: announced)
    }

    private mutating func malformed<T>() -> T? {
        counters.malformed &+= 1
        return nil
    }
}

/// Bounds-checked big-endian reads over a frame; every accessor returns nil past the end.
struct ByteView {
    let base: UnsafeBufferPointer<UInt8>
    init(_ base: UnsafeBufferPointer<UInt8>) { self.base = base }
    var count: Int { base.count }

    @inline(__always) func u8(_ i: Int) -> UInt8? {
        i >= 0 && i < base.count ? base[i] : nil
    }
    @inline(__always) func u16(_ i: Int) -> UInt16? {
        guard i >= 0, i + 2 <= base.count else { return nil }
        return UInt16(base[i]) << 8 | UInt16(base[i + 1])
    }
    @inline(__always) func u32(_ i: Int) -> UInt32? {
        guard i >= 0, i + 4 <= base.count else { return nil }
        return UInt32(base[i]) << 24 | UInt32(base[i + 1]) << 16 | UInt32(base[i + 2]) << 8 | UInt32(base[i + 3])
    }
    func bytes(_ i: Int, _ n: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: base[i..<(i + n)])
    }
}
