// FrameDecoderTests: every link layer and IP version round-trips through FrameBuilder -> FrameDecoder;
// malformed, fragmented, non-TCP and cut frames are counted, never trapped on.

import SliceWatchTesting
import Testing
import Wire

private let client4 = Endpoint(address: IPAddress(ipv4: 10, 0, 0, 7), port: 50_123)
private let server4 = Endpoint(address: IPAddress(ipv4: 10, 1, 0, 1), port: 8080)
private let client6 = Endpoint(address: IPAddress(ipv6: [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]), port: 50_123)
private let server6 = Endpoint(address: IPAddress(ipv6: [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), port: 443)

private func segment(_ c: Endpoint, _ s: Endpoint, _ text: String = "GET / HTTP/1.1\r\n\r\n") -> TCPSegment {
    TCPSegment(
        source: c, destination: s, sequence: 0xdead_beef, acknowledgment: 42, flags: [.ack, .psh],
        payload: Array(text.utf8)[...])
}

struct LinkCase: CustomTestStringConvertible, Sendable {
    var builder: FrameBuilder
    var ipv6: Bool
    var testDescription: String { "\(builder.linkType) vlan=\(builder.vlanTags) v6=\(ipv6)" }
}

private let linkCases: [LinkCase] = {
    var cases: [LinkCase] = []
    let builders: [FrameBuilder] = [
        FrameBuilder(linkType: .ethernet), FrameBuilder(linkType: .ethernet, vlanTags: [100]),
        FrameBuilder(linkType: .ethernet, vlanTags: [100, 200]), FrameBuilder(linkType: .linuxSLL),
        FrameBuilder(linkType: .linuxSLL2), FrameBuilder(linkType: .null), FrameBuilder(linkType: .loop),
        FrameBuilder(linkType: .raw),
    ]
    for b in builders { cases += [LinkCase(builder: b, ipv6: false), LinkCase(builder: b, ipv6: true)] }
    cases.append(LinkCase(builder: FrameBuilder(linkType: .ipv4), ipv6: false))
    cases.append(LinkCase(builder: FrameBuilder(linkType: .ipv6), ipv6: true))
    cases.append(LinkCase(builder: FrameBuilder(linkType: .ethernet, ipv6ExtensionHeaders: [0, 60]), ipv6: true))
    return cases
}()

@Test(arguments: linkCases)
func decodesEveryLinkLayer(_ c: LinkCase) throws {
    let seg = c.ipv6 ? segment(client6, server6) : segment(client4, server4)
    var decoder = FrameDecoder(linkType: c.builder.linkType)
    let result = decoder.decode(c.builder.frame(seg))
    let decoded = try #require(result)
    #expect(decoded.source == seg.source)
    #expect(decoded.destination == seg.destination)
    #expect(decoded.sequence == 0xdead_beef)
    #expect(decoded.acknowledgment == 42)
    #expect(decoded.flags == [.ack, .psh])
    #expect(Array(decoded.payload) == Array(seg.payload))
    #expect(!decoded.isTruncated)
    #expect(decoder.counters.tcpSegments == 1)
    #expect(decoder.counters.vlanTagged == (c.builder.vlanTags.isEmpty ? 0 : 1))
}

@Test func ethernetPaddingIsTrimmedToIPTotalLength() throws {
    let b = FrameBuilder()
    let seg = segment(client4, server4, "")
    let padded = b.frame(seg) + [0, 0, 0, 0, 0, 0]  // minimum-size Ethernet frames carry padding
    var decoder = FrameDecoder(linkType: .ethernet)
    let result = decoder.decode(padded)
    let decoded = try #require(result)
    #expect(decoded.payload.isEmpty)
}

@Test func snaplenCutPayloadIsFlagged() throws {
    let b = FrameBuilder()
    let seg = segment(client4, server4, String(repeating: "x", count: 1000))
    let frame = Array(b.frame(seg).prefix(14 + 20 + 20 + 100))
    var decoder = FrameDecoder(linkType: .ethernet)
    let result = decoder.decode(frame)
    let decoded = try #require(result)
    #expect(decoded.payload.count == 100)
    #expect(decoded.payloadLength == 1000)
    #expect(decoded.isTruncated)
    #expect(decoder.counters.snaplenTruncated == 1)
}

@Test(arguments: [UInt16(0x2000), 0x0010, 0x2010])
func ipv4FragmentsAreCountedAndSkipped(_ fragmentField: UInt16) {
    let b = FrameBuilder()
    let frame = b.linkHeader(ipv6: false) + b.ipv4Packet(segment(client4, server4), fragmentField: fragmentField)
    var decoder = FrameDecoder(linkType: .ethernet)
    let result = decoder.decode(frame)
    #expect(result == nil)
    #expect(decoder.counters.fragments == 1)
}

@Test func ipv6FragmentHeaderWithOffsetIsSkipped() {
    let b = FrameBuilder()
    var packet = b.ipv6Packet(segment(client6, server6))
    // Insert a fragment header (offset 8, more fragments) before TCP.
    packet[6] = 44
    packet.insert(contentsOf: [6, 0, 0, 0x41, 0, 0, 0, 1], at: 40)
    var decoder = FrameDecoder(linkType: .ipv6)
    let result = decoder.decode(packet)
    #expect(result == nil)
    #expect(decoder.counters.fragments == 1)
}

@Test func nonTCPAndNonIPAreCounted() {
    var decoder = FrameDecoder(linkType: .ethernet)
    let arp: [UInt8] = [UInt8](repeating: 0xff, count: 12) + [0x08, 0x06] + [UInt8](repeating: 0, count: 28)
    let result = decoder.decode(arp)
    #expect(result == nil)
    var udp = FrameBuilder().frame(segment(client4, server4))
    udp[14 + 9] = 17
    let second = decoder.decode(udp)
    #expect(second == nil)
    #expect(decoder.counters.nonIP == 1)
    #expect(decoder.counters.nonTCP == 1)
}

@Test(arguments: linkCases)
func everyPrefixOfAFrameIsSafe(_ c: LinkCase) {
    let seg = c.ipv6 ? segment(client6, server6) : segment(client4, server4)
    let frame = c.builder.frame(seg)
    var decoder = FrameDecoder(linkType: c.builder.linkType)
    for n in 0..<frame.count {
        if let s = decoder.decode(Array(frame.prefix(n))) {
            #expect(s.payload.count <= s.payloadLength)
        }
    }
    #expect(decoder.counters.frames == UInt64(frame.count))
}

@Test func randomBytesNeverTrap() {
    var rng = SplitMix64(seed: 7)
    for link in [LinkType.ethernet, .linuxSLL, .linuxSLL2, .null, .loop, .raw, .ipv4, .ipv6] {
        var decoder = FrameDecoder(linkType: link)
        let valid = FrameBuilder(linkType: link).frame(segment(client4, server4))
        for _ in 0..<2000 {
            var frame = valid
            for _ in 0..<Int(rng.next() % 6) {
                frame[Int(rng.next() % UInt64(frame.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.next() % 4 == 0 { frame = Array(frame.prefix(Int(rng.next() % UInt64(frame.count)))) }
            _ = decoder.decode(frame)
        }
        #expect(decoder.counters.frames == 2000)
    }
}

@Test func addressesPrintConventionally() {
    #expect("\(client4)" == "10.0.0.7:50123")
    #expect("\(server6)" == "[fd00::1]:443")
    #expect("\(IPAddress(ipv6: [UInt8](repeating: 0, count: 16)))" == "::")
    #expect(FlowKey(client4, server4) == FlowKey(server4, client4))
}
