// SyntheticCaptureTests: byte-exact captures from the test kit through the whole pipeline (libpcap file
// reading, every link layer, reassembly, HTTP, SSE) — including gzip inside chunked inside SSE,
// out-of-order segments, a reset mid-stream and snaplen-cut packets.

import Foundation
import HTTPStream
import Sidecar
import SliceWatchTesting
import Testing
import Wire

private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("slicewatch-e2e-\(getpid())-\(name)").path
}

private func run(_ script: PcapScript, name: String) throws -> ([HTTPExchange], CaptureSummary) {
    let path = temporaryPath(name)
    try script.write(to: path)
    defer { unlink(path) }
    return try capture(path)
}

private let requestBody = #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"book a table for two"}]}"#
private let words = ["Sure", "!", " I", " can", " help", " with", " that", "."]
    + " A table for two at eight tonight at the little Italian place on Main Street is booked; you will get a confirmation shortly by text message and e-mail."
    .split(separator: " ").map { " " + $0 }
private var sseText: String {
    words.map { "data: {\"choices\":[{\"delta\":{\"content\":\"\($0)\"}}]}\n\n" }.joined() + "data: [DONE]\n\n"
}

/// A streamed chat completion: request, then an SSE body gzip-compressed and sent in chunks of `chunk` bytes.
private func streamedExchange(
    _ conv: inout TCPConversation, chunk: Int = 40, segmentsReversed: Bool = false
) -> (request: [TCPSegment], response: [TCPSegment]) {
    let request = conv.clientSends(
        "POST /v1/chat/completions HTTP/1.1\r\nHost: api.local\r\nAuthorization: Bearer sk-x\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(requestBody.utf8.count)\r\n\r\n\(requestBody)")
    let compressed = compress(Array(sseText.utf8))
    var wire = Array(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
    var i = 0
    while i < compressed.count {
        let piece = compressed[i..<min(i + chunk, compressed.count)]
        wire += Array(String(piece.count, radix: 16).utf8) + [13, 10] + piece + [13, 10]
        i += chunk
    }
    wire += Array("0\r\n\r\n".utf8)
    var response: [TCPSegment] = []
    var j = 0
    while j < wire.count {
        response.append(conv.serverSends(Array(wire[j..<min(j + 50, wire.count)])))
        j += 50
    }
    return ([request], segmentsReversed ? response.reversed() : response)
}

struct LinkVariant: CustomTestStringConvertible, Sendable {
    var builder: FrameBuilder
    var ipv6: Bool
    var testDescription: String { "\(builder.linkType) vlan=\(builder.vlanTags) ipv6=\(ipv6)" }
}

@Test(arguments: [
    LinkVariant(builder: FrameBuilder(), ipv6: false),
    LinkVariant(builder: FrameBuilder(linkType: .ethernet, vlanTags: [10, 20]), ipv6: false),
    LinkVariant(builder: FrameBuilder(linkType: .linuxSLL2), ipv6: true),
    LinkVariant(builder: FrameBuilder(linkType: .linuxSLL), ipv6: false),
    LinkVariant(builder: FrameBuilder(linkType: .null), ipv6: true),
    LinkVariant(builder: FrameBuilder(linkType: .raw), ipv6: true),
])
func gzipInsideChunkedInsideSSEOnEveryLinkLayer(_ variant: LinkVariant) throws {
    var conv =
        variant.ipv6
        ? TCPConversation(
            client: Endpoint(address: IPAddress(ipv6: [0xfd] + [UInt8](repeating: 0, count: 14) + [2]), port: 51_000),
            server: Endpoint(address: IPAddress(ipv6: [0xfd] + [UInt8](repeating: 0, count: 14) + [1]), port: 8080))
        : TCPConversation()
    var script = PcapScript(builder: variant.builder)
    script.add(conv.handshake())
    let (request, response) = streamedExchange(&conv)
    script.add(request)
    let responseStart = script.time
    script.add(response, gap: .milliseconds(10))
    script.add([conv.clientFin(), conv.serverFin()])

    let (exchanges, summary) = try run(script, name: "sse-\(variant.builder.linkType).pcap")
    #expect(summary.exchanges == 1)
    let exchange = try #require(exchanges.first)
    #expect(exchange.flags.isEmpty)
    #expect(exchange.request?.body.text == requestBody)
    #expect(exchange.response?.body.contentEncoding == "gzip")
    let events = try #require(exchange.response?.events)
    #expect(events.count == words.count + 1)
    #expect(events.last?.data == "[DONE]")
    #expect(events.first?.data.contains("Sure") == true)
    // Events carry packet times: never before the response began, never decreasing.
    #expect(events.allSatisfy { $0.at >= responseStart })
    #expect(events.map(\.at) == events.map(\.at).sorted())
    #expect(exchange.response?.firstByte == responseStart)
}

@Test func outOfOrderResponseSegmentsStillDecode() throws {
    var conv = TCPConversation()
    var script = PcapScript()
    script.add(conv.handshake())
    let (request, response) = streamedExchange(&conv, segmentsReversed: true)
    script.add(request)
    script.add(response)
    script.add([conv.clientFin(), conv.serverFin()])
    let (exchanges, summary) = try run(script, name: "ooo.pcap")
    #expect(summary.reassembly.outOfOrderSegments > 0)
    #expect(exchanges.count == 1)
    #expect(exchanges.first?.response?.events?.count == words.count + 1)
    #expect(exchanges.first?.flags.isEmpty == true)
}

@Test func resetMidStreamIsIncompleteWithTheEventsSoFar() throws {
    var conv = TCPConversation()
    var script = PcapScript()
    script.add(conv.handshake())
    let (request, response) = streamedExchange(&conv, chunk: 8)
    script.add(request)
    script.add(Array(response.prefix(response.count * 2 / 3)))
    script.add(conv.serverReset())
    let (exchanges, _) = try run(script, name: "rst.pcap")
    let exchange = try #require(exchanges.first)
    #expect(exchange.flags.contains(.incomplete))
    #expect(exchange.response?.complete == false)
    let count = exchange.response?.events?.count ?? 0
    #expect(count > 0 && count < words.count + 1)
}

@Test func snaplenCutPacketsBecomeGapsNotGarbage() throws {
    var conv = TCPConversation()
    var script = PcapScript(snaplen: 14 + 20 + 20 + 30)  // keep only 30 payload bytes of each packet
    script.add(conv.handshake())
    let (request, response) = streamedExchange(&conv)
    script.add(request)
    script.add(response)
    let (exchanges, summary) = try run(script, name: "snaplen.pcap")
    #expect(summary.wire.snaplenTruncated > 0)
    #expect(summary.reassembly.gaps > 0)
    #expect(exchanges.allSatisfy { $0.flags.contains(.gap) || $0.flags.contains(.incomplete) })
}

@Test func keepAliveConnectionsInterleavedAcrossClients() throws {
    var script = PcapScript()
    var conversations = (0..<8).map { i in
        TCPConversation(
            client: Endpoint(address: IPAddress(ipv4: 10, 0, 0, UInt8(10 + i)), port: UInt16(40_000 + i)),
            server: Endpoint(address: IPAddress(ipv4: 10, 0, 0, 1), port: 8080))
    }
    for i in conversations.indices { script.add(conversations[i].handshake()) }
    for round in 0..<5 {
        for i in conversations.indices {
            let body = "{\"round\":\(round),\"client\":\(i)}"
            script.add(conversations[i].clientSends(
                "POST /v1/messages HTTP/1.1\r\nHost: h\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"))
        }
        for i in conversations.indices {
            let answer = "{\"ok\":\(round * 10 + i)}"
            script.add(conversations[i].serverSends(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(answer.utf8.count)\r\n\r\n\(answer)"))
        }
    }
    let (exchanges, summary) = try run(script, name: "keepalive.pcap")
    #expect(summary.reassembly.connectionsOpened == 8)
    #expect(exchanges.count == 40)
    for e in exchanges {
        let request = try #require(e.request?.body.text)
        let numbers = request.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let (round, client) = (numbers[0], numbers[1])
        #expect(e.index == round)
        #expect(e.response?.body.text == "{\"ok\":\(round * 10 + client)}")
    }
}
