// FrameBuilder: synthesises captured frames (any supported link layer, IPv4/IPv6, TCP with valid
// checksums) from TCPSegments, so decoder, capture and end-to-end tests use byte-exact input.

import Wire

/// Builds link-layer frames around TCP segments.
public struct FrameBuilder: Sendable {
    /// The link layer to wrap packets in.
    public var linkType: LinkType
    /// 802.1Q tags (VLAN ids) to insert into Ethernet frames, outermost first; two or more make QinQ.
    public var vlanTags: [UInt16]
    /// Extension headers to put before TCP in IPv6 packets (next-header numbers: 0, 43, 60).
    public var ipv6ExtensionHeaders: [UInt8]

    public init(linkType: LinkType = .ethernet, vlanTags: [UInt16] = [], ipv6ExtensionHeaders: [UInt8] = []) {
        self.linkType = linkType
        self.vlanTags = vlanTags
        self.ipv6ExtensionHeaders = ipv6ExtensionHeaders
    }

    /// The complete frame for one segment; IPv4 or IPv6 from the segment's addresses.
    public func frame(_ segment: TCPSegment, ipID: UInt16 = 0) -> [UInt8] {
        let isV4 = segment.source.address.isIPv4
        let packet = isV4 ? ipv4Packet(segment, id: ipID) : ipv6Packet(segment)
        return linkHeader(ipv6: !isV4) + packet
    }

    /// The link-layer header for an IPv4 or IPv6 payload.
    public func linkHeader(ipv6: Bool) -> [UInt8] {
        let ethertype: UInt16 = ipv6 ? 0x86DD : 0x0800
        switch linkType {
        case .ethernet:
            var h: [UInt8] = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01]
            for (i, tag) in vlanTags.enumerated() {
                // Outer tags of a QinQ stack use 802.1ad (0x88A8); the innermost uses 802.1Q.
                let tpid: UInt16 = (vlanTags.count > 1 && i < vlanTags.count - 1) ? 0x88A8 : 0x8100
                h += be16(tpid) + be16(tag & 0x0fff)
            }
            return h + be16(ethertype)
        case .linuxSLL:
            return be16(0) + be16(772) + be16(6) + [0, 0, 0, 0, 0, 0, 0, 0] + be16(ethertype)
        case .linuxSLL2:
            return be16(ethertype) + be16(0) + be32(1) + be16(772) + [0, 6] + [0, 0, 0, 0, 0, 0, 0, 0]
        case .null:
            let family: UInt32 = ipv6 ? 30 : 2
            return [UInt8(family & 0xff), 0, 0, 0]  // host (little-endian) byte order
        case .loop:
            return be32(ipv6 ? 24 : 2)
        case .raw, .ipv4, .ipv6:
            return []
        }
    }

    public func ipv4Packet(_ s: TCPSegment, id: UInt16 = 0, fragmentField: UInt16 = 0x4000) -> [UInt8] {
        let tcp = tcpHeaderAndPayload(s)
        var ip: [UInt8] = [0x45, 0] + be16(UInt16(20 + tcp.count)) + be16(id) + be16(fragmentField) + [64, 6, 0, 0]
        ip += be32(UInt32(truncatingIfNeeded: s.source.address.low))
        ip += be32(UInt32(truncatingIfNeeded: s.destination.address.low))
        let sum = checksum(ip)
        ip[10] = UInt8(sum >> 8)
        ip[11] = UInt8(sum & 0xff)
        var packet = ip + tcp
        let tsum = tcpChecksum(tcp, pseudo: ip[12..<20] + [0, 6] + be16(UInt16(tcp.count)))
        packet[20 + 16] = UInt8(tsum >> 8)
        packet[20 + 17] = UInt8(tsum & 0xff)
        return packet
    }

    public func ipv6Packet(_ s: TCPSegment) -> [UInt8] {
        var tcp = tcpHeaderAndPayload(s)
        let src = bytes(of: s.source.address)
        let dst = bytes(of: s.destination.address)
        let tsum = tcpChecksum(tcp, pseudo: src + dst + be32(UInt32(tcp.count)) + [0, 0, 0, 6])
        tcp[16] = UInt8(tsum >> 8)
        tcp[17] = UInt8(tsum & 0xff)
        var ext: [UInt8] = []
        let chain = ipv6ExtensionHeaders + [6]
        for i in 0..<ipv6ExtensionHeaders.count {
            ext += [chain[i + 1], 0, 1, 4, 0, 0, 0, 0]  // 8 bytes: next header, len 0, PadN option
        }
        let first = chain[0]
        return [0x60, 0, 0, 0] + be16(UInt16(ext.count + tcp.count)) + [first, 64] + src + dst + ext + tcp
    }

    public func tcpHeaderAndPayload(_ s: TCPSegment) -> [UInt8] {
        var h = be16(s.source.port) + be16(s.destination.port) + be32(s.sequence) + be32(s.acknowledgment)
        h += [0x50, s.flags.rawValue] + be16(s.window) + [0, 0, 0, 0]
        return h + Array(s.payload)
    }

    private func bytes(of a: IPAddress) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: a.high >> UInt64(56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: a.low >> UInt64(56 - 8 * $0)) }
    }

    private func tcpChecksum(_ tcp: [UInt8], pseudo: some Collection<UInt8>) -> UInt16 {
        checksum(Array(pseudo) + tcp)
    }
}

/// The Internet checksum (RFC 1071).
public func checksum(_ data: [UInt8]) -> UInt16 {
    var sum: UInt32 = 0
    var i = 0
    while i + 1 < data.count {
        sum &+= UInt32(data[i]) << 8 | UInt32(data[i + 1])
        i += 2
    }
    if i < data.count { sum &+= UInt32(data[i]) << 8 }
    while sum >> 16 != 0 { sum = (sum & 0xffff) &+ (sum >> 16) }
    return ~UInt16(sum)
}

@inline(__always) func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xff)] }
@inline(__always) func be32(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)]
}
