// Memory-budget tests: the global HTTPLimits.maxStoredBytesTotal over many connections — large bodies in
// progress, requests waiting for responses that never come, long event streams, header blocks and framing
// lines under pressure. After every event the charged total stays within the budget and equals what the
// buffers really hold; framing and byte counts are unaffected; everything is released at the end.

@testable import HTTPStream
import Reassembly
import Testing
import Wire

@Suite struct MemoryBudgetTests {
    static let budget = 1024 * 1024

    static func limits(_ budget: Int = budget) -> HTTPLimits {
        var l = HTTPLimits()
        l.maxStoredBytesTotal = budget
        return l
    }

    static func connection(_ n: Int) -> ConnectionID {
        ConnectionID(
            serial: UInt64(n),
            client: Endpoint(address: IPAddress(ipv4: 10, 0, UInt8(n >> 8), UInt8(n & 0xff)), port: 40000),
            server: Endpoint(address: IPAddress(ipv4: 10, 1, 0, 1), port: 80))
    }

    /// A tracker driven event by event, checking the budget invariants after each one.
    struct Driver {
        var tracker: HTTPConnectionTracker
        var out: [HTTPExchange] = []
        var peak = 0
        var tick: Int64 = 0

        init(limits: HTTPLimits) { tracker = HTTPConnectionTracker(limits: limits) }

        mutating func send(_ event: StreamEvent) {
            tracker.handle(event, into: &out)
            check()
        }

        mutating func data(_ c: Int, _ d: Direction, _ bytes: [UInt8]) {
            tick += 1
            send(.data(connection(c), d, bytes[...], at: Timestamp(nanoseconds: tick)))
        }

        mutating func data(_ c: Int, _ d: Direction, _ s: String) { data(c, d, Array(s.utf8)) }

        mutating func close(_ c: Int) { send(.closed(connection(c), reason: .fin, at: Timestamp(nanoseconds: tick))) }

        mutating func finish() {
            tracker.finish(into: &out)
            check()
        }

        mutating func check() {
            let stored = tracker.storedBytes
            peak = max(peak, stored)
            #expect(stored <= tracker.limits.maxStoredBytesTotal)
            #expect(stored == tracker.measuredStoredBytes())
        }
    }

    static func body(_ n: Int, seed: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) } }

    @Test func manyLargeBodiesInProgress() {
        let conns = 200
        let size = 100_000
        let piece = 10_000
        var d = Driver(limits: Self.limits())
        let bodies = (0..<conns).map { Self.body(size, seed: $0) }
        for c in 0..<conns {
            d.send(.opened(Self.connection(c), handshakeSeen: true, at: .zero))
            d.data(c, .clientToServer, "POST /v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: \(size)\r\n\r\n")
        }
        // Interleave the bodies so that all 200 are in progress at once.
        for offset in stride(from: 0, to: size, by: piece) {
            for c in 0..<conns { d.data(c, .clientToServer, Array(bodies[c][offset..<(offset + piece)])) }
        }
        #expect(d.out.isEmpty)
        #expect(d.peak > Self.budget / 2)
        for c in 0..<conns {
            d.data(c, .serverToClient, response(200, body: "ok"))
            d.close(c)
        }
        #expect(d.tracker.storedBytes == 0)
        #expect(d.tracker.activeConnections == 0)
        #expect(d.out.count == conns)
        var truncated = 0
        for e in d.out {
            let c = Int(e.connection.serial)
            let b = e.request!.body
            #expect(b.wireBytes == size && b.decodedBytes == size)
            #expect(e.request!.complete && e.response?.complete == true)
            #expect(b.bytes[...] == bodies[c].prefix(b.bytes.count))
            #expect(b.truncated == (b.bytes.count < size))
            // The small response may be cut too while the requests fill the budget.
            let r = e.response!.body
            #expect(r.decodedBytes == 2 && r.truncated == (r.bytes.count < 2))
            #expect(e.flags.contains(.bodyTruncated) == (b.truncated || r.truncated))
            #expect(e.flags.subtracting(.bodyTruncated).isEmpty)
            if b.truncated { truncated += 1 }
            if r.truncated { truncated += 1 }
        }
        #expect(d.out.filter { $0.request!.body.truncated }.count > conns / 2)
        #expect(d.tracker.counters.memoryBudgetHits == UInt64(truncated))
        #expect(d.tracker.counters.bodyTruncations == UInt64(truncated))
        #expect(d.tracker.counters.exchanges == UInt64(conns))
    }

    @Test func chunkedFramingSurvivesAFullBudget() {
        // Chunk-size lines split across packets still parse once bodies have used up their share.
        let conns = 40
        let size = 60_000
        var d = Driver(limits: Self.limits(256 * 1024))
        let wire = (0..<conns).map { chunked(Self.body(size, seed: $0), size: 1000) }
        for c in 0..<conns {
            d.data(c, .serverToClient, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        }
        for offset in stride(from: 0, to: wire[0].count, by: 997) {
            for c in 0..<conns { d.data(c, .serverToClient, Array(wire[c][offset..<min(offset + 997, wire[c].count)])) }
        }
        d.finish()
        #expect(d.tracker.storedBytes == 0)
        #expect(d.out.count == conns)
        for e in d.out {
            let b = e.response!.body
            #expect(e.response!.complete)
            #expect(b.decodedBytes == size && b.wireBytes == wire[Int(e.connection.serial)].count && b.chunked)
            #expect(e.flags.subtracting(.bodyTruncated) == [.responseOnly])
        }
        #expect(d.tracker.counters.parseErrors == 0)
        #expect(d.tracker.counters.memoryBudgetHits > 0)
    }

    @Test func pendingRequestsWithoutResponses() {
        let conns = 30
        let perConn = 10
        let size = 20_000
        var d = Driver(limits: Self.limits())
        for c in 0..<conns {
            for r in 0..<perConn {
                let b = Self.body(size, seed: c * 100 + r)
                d.data(c, .clientToServer, Array("POST /big\(r) HTTP/1.1\r\nContent-Length: \(size)\r\n\r\n".utf8) + b)
            }
        }
        #expect(d.out.isEmpty)
        #expect(d.peak > Self.budget / 2)
        // Closing half the connections frees their share; new requests are stored whole again.
        for c in 0..<(conns / 2) { d.close(c) }
        let freed = d.tracker.storedBytes
        d.data(conns - 1, .clientToServer, Array("POST /late HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello".utf8))
        #expect(freed < Self.budget / 2)
        #expect(d.tracker.storedBytes == freed + 5)
        d.finish()
        #expect(d.tracker.storedBytes == 0)
        let big = d.out.filter { $0.request?.head.target.hasPrefix("/big") == true }
        #expect(big.count == conns * perConn)
        var truncated = 0
        for e in big {
            let b = e.request!.body
            #expect(b.wireBytes == size && b.decodedBytes == size && e.request!.complete)
            #expect(e.flags.contains(.noResponse))
            #expect(e.flags.contains(.bodyTruncated) == b.truncated)
            #expect(b.truncated == (b.bytes.count < size))
            if b.truncated { truncated += 1 }
        }
        #expect(truncated > 0)
        #expect(d.tracker.counters.memoryBudgetHits == UInt64(truncated))
        #expect(d.out.first { $0.request?.head.target == "/late" }?.requestText == "hello")
    }

    @Test func longEventStreams() {
        let conns = 20
        let eventsPerConn = 3000
        var d = Driver(limits: Self.limits(256 * 1024))
        for c in 0..<conns {
            d.data(c, .clientToServer, request("POST", "/v1/messages", body: "{}"))
            d.data(c, .serverToClient, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
        }
        let payload = String(repeating: "x", count: 80)
        for i in 0..<eventsPerConn {
            for c in 0..<conns {
                // Each event's data line arrives split over two packets, so the line buffer is used too.
                d.data(c, .serverToClient, "event: delta\nid: \(i)\ndata: {\"i\":\(i),\"t\":\"\(payload.prefix(40))")
                d.data(c, .serverToClient, "\(payload.suffix(40))\"}\n\n")
            }
        }
        var wire = 0
        for i in 0..<eventsPerConn {
            wire += "event: delta\nid: \(i)\ndata: {\"i\":\(i),\"t\":\"\(payload)\"}\n\n".utf8.count
        }
        for c in 0..<conns { d.close(c) }
        #expect(d.tracker.storedBytes == 0)
        #expect(d.out.count == conns)
        var kept = 0
        for e in d.out {
            let r = e.response!
            #expect(r.body.wireBytes == wire && r.body.decodedBytes == wire)
            #expect(r.complete)
            let events = r.events ?? []
            kept += events.count
            // Whatever was kept is intact.
            for ev in events { #expect(ev.event == "delta" && ev.data == "{\"i\":\(ev.id!),\"t\":\"\(payload)\"}") }
            #expect(e.flags.contains(.bodyTruncated) == r.body.truncated)
        }
        let counters = d.tracker.counters
        #expect(kept < conns * eventsPerConn)
        #expect(counters.sseEvents == UInt64(kept))
        #expect(counters.sseEvents + counters.sseOverflow == UInt64(conns * eventsPerConn))
        #expect(counters.memoryBudgetHits == UInt64(conns))
    }

    @Test func headerBlocksBeyondTheBudgetFailLikeTheSizeLimit() {
        let conns = 40
        var d = Driver(limits: Self.limits(512 * 1024))
        let filler = "X-Pad: " + String(repeating: "p", count: 1000) + "\r\n"
        for c in 0..<conns {
            d.data(c, .clientToServer, "GET / HTTP/1.1\r\nHost: x\r\n")
            for _ in 0..<30 { d.data(c, .clientToServer, filler) }
        }
        let failedHeads = Int(d.tracker.counters.parseErrors)
        #expect(failedHeads > 0 && failedHeads < conns)
        #expect(d.tracker.counters.memoryBudgetHits >= UInt64(failedHeads))
        // Heads that fitted complete; connections whose head failed resynchronise on the next request.
        for c in 0..<conns { d.data(c, .clientToServer, "\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n") }
        d.finish()
        #expect(d.tracker.storedBytes == 0)
        #expect(d.out.filter { $0.request?.head.target == "/next" }.count == conns)
        #expect(d.out.filter { $0.request?.head.target == "/" }.count == conns - failedHeads)
        #expect(d.tracker.counters.parseErrors == UInt64(failedHeads))
    }

    @Test func defaultBudgetStoresLargeBodiesWhole() {
        var d = Driver(limits: .default)
        let b = Self.body(3_000_000, seed: 7)
        for c in 0..<8 {
            d.data(c, .clientToServer, Array("POST / HTTP/1.1\r\nContent-Length: \(b.count)\r\n\r\n".utf8) + b)
        }
        #expect(d.tracker.storedBytes == 8 * b.count)
        d.finish()
        #expect(d.tracker.storedBytes == 0)
        #expect(d.out.allSatisfy { $0.request?.body.bytes == b && $0.flags == [.noResponse] })
        #expect(d.tracker.counters.memoryBudgetHits == 0)
    }
}
