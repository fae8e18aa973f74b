// Fuzz-style robustness: random bytes and random mutations of valid traffic (fixed seeds) must never
// trap, and the decoders' buffers must stay within their bounds throughout.

import HTTPStream
import Reassembly
import SliceWatchTesting
import Testing
import Wire

@Suite struct FuzzTests {
    static let corpus: [String] = [
        request("POST", "/v1/chat/completions", body: "{\"stream\":true}"),
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "10\r\ndata: 0123456789\n\r\n2\r\n\n\n\r\n0\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No\r\n\r\n",
        response(200, body: "hello", extra: "Content-Encoding: gzip\r\n"),
        "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n",
    ]

    @Test(arguments: [UInt64(1), 2, 3])
    func mutatedTrafficNeverTraps(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var tracker = HTTPConnectionTracker()
        var out: [HTTPExchange] = []
        for round in 0..<300 {
            let id = ConnectionID(serial: UInt64(round), client: testConnection.client, server: testConnection.server)
            tracker.handle(.opened(id, handshakeSeen: round % 2 == 0, at: .zero), into: &out)
            for k in 0..<6 {
                var bytes: [UInt8]
                if rng.next() % 4 == 0 {
                    bytes = (0..<Int(rng.next() % 2000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                } else {
                    bytes = Array(Self.corpus[Int(rng.next() % UInt64(Self.corpus.count))].utf8)
                    for _ in 0..<Int(rng.next() % 6) where !bytes.isEmpty {
                        let i = Int(rng.next() % UInt64(bytes.count))
                        switch rng.next() % 3 {
                        case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                        case 1: bytes.remove(at: i)
                        default: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + 8)], at: i)
                        }
                    }
                }
                let dir: Direction = rng.next() % 2 == 0 ? .clientToServer : .serverToClient
                let at = Timestamp(nanoseconds: Int64(round * 10 + k))
                var start = 0
                while start < bytes.count {
                    let n = min(bytes.count - start, Int(rng.next() % 300) + 1)
                    tracker.handle(.data(id, dir, bytes[start..<(start + n)], at: at), into: &out)
                    start += n
                }
                if rng.next() % 10 == 0 {
                    tracker.handle(
                        .gap(id, dir, length: rng.next() % 3 == 0 ? nil : rng.next() % 100, reason: .timeout, at: at),
                        into: &out)
                }
            }
            if round % 3 != 0 { tracker.handle(.closed(id, reason: .reset, at: .zero), into: &out) }
        }
        tracker.finish(into: &out)
        #expect(tracker.activeConnections == 0)
        #expect(out.allSatisfy { ($0.request?.body.bytes.count ?? 0) <= HTTPLimits.default.maxBodyBytes })
    }

    @Test func randomBytesDecoderStaysBounded() {
        var rng = SplitMix64(seed: 99)
        for role in [HTTPStreamRole.unknown, .requests, .responses] {
            var d = HTTPMessageDecoder(role: role)
            for _ in 0..<300 {
                let bytes = (0..<Int(rng.next() % 3000)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 128) }
                d.feed(bytes[...], at: .zero)
                while d.next() != nil {}
                #expect(d.bufferedBytes <= HTTPLimits.default.maxHeaderBytes + 3000)
            }
        }
    }
}
