// Server-sent-event tests: WHATWG parsing rules, OpenAI- and Anthropic-style streams, gzip inside
// chunked inside SSE, event timestamps, bounds, and streams cut by a reset or a gap.

import HTTPStream
import Testing
import Wire

@Suite struct SSETests {
    static let sseHead =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"

    func sse(_ body: String, limits: HTTPLimits = .default) -> [SSEEvent] {
        let (ex, _) = run(
            [
                .c2s(request("POST", "/v1/chat/completions", body: "{}")), .s2c(Self.sseHead),
                .s2cBytes(chunked(Array(body.utf8), size: 7)),
            ],
            limits: limits)
        return Array(ex.first?.response?.events ?? [])
    }

    @Test func whatwgRules() {
        let body =
            "\u{FEFF}: comment\r\ndata: first\r\ndata:second\r\n\r\n"
            + "event: custom\rdata:  two spaces\rid: 42\rretry: 1500\r\r"
            + "data\n\n"
            + "id: bad\u{0}id\nretry: 12a\ndata: x\n\n"
            + "data: no dispatch at eof"
        let ev = sse(body)
        #expect(ev.count == 4)
        #expect(ev[0] == SSEEvent(event: "message", data: "first\nsecond", id: nil, retry: nil, at: .seconds(3)))
        #expect(ev[1].event == "custom" && ev[1].data == " two spaces" && ev[1].id == "42" && ev[1].retry == 1500)
        #expect(ev[2].data == "" && ev[2].id == "42")
        #expect(ev[3].data == "x" && ev[3].id == "42" && ev[3].retry == nil)
    }

    @Test func emptyDataDispatchesNothing() {
        #expect(sse("event: ping\n\n: keepalive\n\nid: 1\n\n").isEmpty)
    }

    @Test func openAIStyle() {
        let body =
            (0..<5).map { "data: {\"choices\":[{\"delta\":{\"content\":\"t\($0)\"}}]}\n\n" }.joined()
            + "data: [DONE]\n\n"
        let ev = sse(body)
        #expect(ev.count == 6)
        #expect(ev.last?.data == "[DONE]")
        #expect(ev.allSatisfy { $0.event == "message" })
    }

    @Test func anthropicStyle() {
        let body = """
            event: message_start\ndata: {"type":"message_start"}\n\n\
            event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"text":"Hi"}}\n\n\
            event: ping\ndata: {"type": "ping"}\n\n\
            event: message_stop\ndata: {"type":"message_stop"}\n\n
            """
        let ev = sse(body)
        #expect(ev.map(\.event) == ["message_start", "content_block_delta", "ping", "message_stop"])
        #expect(ev[1].data.contains("\"Hi\""))
    }

    @Test func eventTimestampsComeFromTheDispatchingPacket() {
        let (ex, _) = run([
            .c2s(request()),
            .s2c("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: a\n"),
            .s2c("\ndata: b\n"),
            .s2c("\n"),
            .fin(.serverToClient),
        ])
        #expect(ex[0].response?.events?.map(\.at) == [.seconds(3), .seconds(4)])
        #expect(ex[0].response?.complete == true)
    }

    @Test func gzipInsideChunkedInsideSSE() {
        let body = (0..<50).map { "event: delta\ndata: {\"n\":\($0)}\n\n" }.joined()
        let z = gzip(body)
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
        let (ex, c) = run([.c2s(request()), .s2cBytes(Array(head.utf8) + chunked(z, size: 13))])
        #expect(ex[0].response?.events?.count == 50)
        #expect(ex[0].response?.events?.last?.data == "{\"n\":49}")
        #expect(ex[0].response?.body.decodedBytes == body.utf8.count)
        #expect(c.sseEvents == 50)
    }

    @Test func eventStreamIsKeptAsEventsOnlyAndTheBodyCapBoundsThem() {
        let body = (0..<40).map { "data: {\"n\":\($0)}\n\n" }.joined()  // 40 events of 8 or 9 data bytes
        var limits = HTTPLimits.default
        let all = run(
            [.c2s(request()), .s2c(Self.sseHead), .s2cBytes(chunked(Array(body.utf8), size: 7))], limits: limits)
        let whole = all.0[0].response
        #expect(whole?.events?.count == 40)
        #expect(whole?.body.bytes.isEmpty == true)  // the data lives in the events, not twice
        #expect(whole?.body.decodedBytes == body.utf8.count)
        #expect(whole?.body.truncated == false)

        limits.maxBodyBytes = 100  // room for the data of about 11 events ("message" counts 7 bytes each)
        let (ex, c) = run(
            [.c2s(request()), .s2c(Self.sseHead), .s2cBytes(chunked(Array(body.utf8), size: 7))], limits: limits)
        let cut = ex[0].response
        #expect((cut?.events?.count ?? 0) > 0 && (cut?.events?.count ?? 0) < 40)
        #expect(cut?.events?.first?.data == "{\"n\":0}")
        #expect(cut?.body.truncated == true)
        #expect(ex[0].flags.contains(.bodyTruncated))
        #expect(c.memoryBudgetHits == 0)
        #expect(cut?.body.decodedBytes == body.utf8.count)
    }

    @Test func manyEventTypesKeepTheirNames() {
        // More types than the parser caches, each repeated, and one too long to cache.
        let types = (0..<12).map { "type_\($0)" } + [String(repeating: "t", count: 100)]
        let body = (types + types).map { "event: \($0)\ndata: x\n\n" }.joined()
        #expect(sse(body).map(\.event) == types + types)
    }

    @Test func resetMidStreamKeepsEventsSoFar() {
        let (ex, _) = run([
            .c2s(request("POST", "/v1/messages", body: "{}")),
            .s2c(Self.sseHead),
            .s2cBytes(Array("data: one\n\ndata: two\n\ndata: thr".utf8).chunkedPrefix()),
            .close(.reset),
        ])
        #expect(ex.count == 1)
        #expect(ex[0].flags == [.incomplete])
        #expect(ex[0].response?.events?.map(\.data) == ["one", "two"])
    }

    @Test func gapInsideSSEResyncsAtBlankLine() {
        let (ex, _) = run([
            .c2s(request()),
            .s2c("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: one\n\ndata: t"),
            .gap(.serverToClient, 50),
            .s2c("wo-tail\ndata: more\n\ndata: three\n\n"),
            .fin(.serverToClient),
        ])
        #expect(ex[0].response?.events?.map(\.data) == ["one", "three"])
        #expect(ex[0].flags == [.gap])
    }

    @Test func boundsAreCounted() {
        var limits = HTTPLimits()
        limits.maxSSEEvents = 3
        limits.maxSSEEventBytes = 100
        let body = (0..<5).map { "data: \($0)\n\n" }.joined() + "data: " + String(repeating: "y", count: 300) + "\n\n"
        let (ex, c) = run(
            [.c2s(request()), .s2c(Self.sseHead), .s2cBytes(chunked(Array(body.utf8), size: 50))], limits: limits)
        #expect(ex[0].response?.events?.count == 3)
        #expect(c.sseOverflow == 3)
        #expect(c.sseEvents == 3)
    }

    /// The parser's flat storage (shared types and ids, one byte buffer, a pending event after the kept ones)
    /// reads back as the same events as storage built from SSEEvent values, in place and as values.
    @Test func flatStorageReadsBackTheEvents() throws {
        var body = ""
        var expected: [SSEEvent] = []
        for k in 0..<40 {
            let type = ["message", "delta", "content_block_delta", "t\(k)"][k % 4]
            let id = k % 3 == 0 ? "id-\(k / 6)" : nil
            body += (type == "message" ? "" : "event: \(type)\n") + (id.map { "id: \($0)\n" } ?? "")
            body += (k % 5 == 0 ? "retry: \(k)\n" : "") + "data: {\"n\":\(k)}\ndata: \(String(repeating: "é", count: k))\n\n"
            let lastID = (0...k).reversed().first { $0 % 3 == 0 }.map { "id-\($0 / 6)" }
            expected.append(
                SSEEvent(
                    event: type, data: "{\"n\":\(k)}\n" + String(repeating: "é", count: k), id: lastID,
                    retry: k % 5 == 0 ? k : nil, at: .seconds(3)))
        }
        let (ex, _) = run(
            [
                .c2s(request("POST", "/v1/chat/completions", body: "{}")), .s2c(Self.sseHead),
                .s2cBytes(chunked(Array((body + "data: pending, never dispatched\n").utf8), size: 7)),
            ])
        let events = try #require(ex.first?.response?.events)
        #expect(Array(events) == expected)
        #expect(events == SSEEvents(expected))
        #expect(events.payloadBytes == expected.reduce(0) { $0 + $1.event.utf8.count + $1.dataBytes.count + ($1.id?.utf8.count ?? 0) })
        var inPlace: [SSEEvent] = []
        events.forEachEvent { inPlace.append(SSEEvent(event: $0.event, dataBytes: ArraySlice($0.data), at: $0.at)) }
        #expect(inPlace.map(\.data) == expected.map(\.data) && inPlace.map(\.event) == expected.map(\.event))
        #expect(events != SSEEvents(expected.dropLast()))
    }
}

extension Array where Element == UInt8 {
    /// A single chunk of chunked encoding with no terminating zero chunk.
    func chunkedPrefix() -> [UInt8] { Array(String(count, radix: 16).utf8) + [13, 10] + self + [13, 10] }
}
