// Tracker tests: request/response pairing over StreamEvents — content length, pipelining, keep-alive,
// interim responses, no-body responses, close-delimited bodies, gaps, mid-stream pickup, orphan
// messages, protocol switches and detection.

import HTTPStream
import Reassembly
import Testing
import Wire

@Suite struct TrackerTests {
    @Test func simpleGetAndPost() {
        let (ex, counters) = run([
            .c2s(request("GET", "/v1/models")),
            .s2c(response(200, body: "{\"ok\":true}", extra: "Content-Type: application/json\r\n")),
            .c2s(request("POST", "/v1/chat/completions", body: "{\"model\":\"gpt\"}")),
            .s2c(response(201, body: "created")),
            .close(.fin),
        ])
        #expect(ex.count == 2)
        #expect(ex[0].index == 0 && ex[1].index == 1)
        #expect(ex[0].request?.head.method == "GET")
        #expect(ex[0].request?.head.target == "/v1/models")
        #expect(ex[0].request?.head.headers["HOST"] == "api.example.com")
        #expect(ex[0].response?.head.status == 200)
        #expect(ex[0].response?.head.headers["content-type"] == "application/json")
        #expect(ex[0].responseText == "{\"ok\":true}")
        #expect(ex[0].flags == [])
        #expect(ex[0].request?.firstByte == .seconds(1))
        #expect(ex[0].response?.lastByte == .seconds(2))
        #expect(ex[1].requestText == "{\"model\":\"gpt\"}")
        #expect(ex[1].request?.body.wireBytes == 15)
        #expect(ex[1].response?.head.status == 201)
        #expect(ex[1].response?.complete == true)
        #expect(counters.exchanges == 2 && counters.requests == 2 && counters.responses == 2)
        #expect(counters.parseErrors == 0)
    }

    @Test func pipelining() {
        let (ex, _) = run([
            .c2s(request("GET", "/a") + request("POST", "/b", body: "bb") + request("GET", "/c")),
            .s2c(response(200, body: "A") + response(200, body: "BB") + response(404, body: "CCC")),
        ])
        #expect(ex.map { $0.request?.head.target } == ["/a", "/b", "/c"])
        #expect(ex.map { $0.responseText } == ["A", "BB", "CCC"])
        #expect(ex.map(\.flags) == [[], [], []])
    }

    @Test func headRequestResponseHasNoBody() {
        let (ex, _) = run([
            .c2s(request("HEAD", "/big")),
            .s2c("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"),
            .c2s(request("GET", "/small")),
            .s2c(response(200, body: "hi")),
        ])
        #expect(ex.count == 2)
        #expect(ex[0].response?.body.wireBytes == 0)
        #expect(ex[0].response?.complete == true)
        #expect(ex[1].responseText == "hi")
    }

    @Test(arguments: [204, 304, 103])
    func noBodyStatuses(status: Int) {
        let (ex, _) = run([
            .c2s(request("GET", "/x") + request("GET", "/y")),
            .s2c("HTTP/1.1 \(status) S\r\nContent-Length: 10\r\n\r\n" + response(200, body: "after")),
        ])
        if status == 103 {
            #expect(ex.count == 2)
            #expect(ex[0].response?.interim == [103])
            #expect(ex[0].responseText == "after")
            #expect(ex[1].response == nil)
            #expect(ex[1].flags.contains(.noResponse))
        } else {
            #expect(ex.count == 2)
            #expect(ex[0].response?.head.status == status)
            #expect(ex[1].responseText == "after")
        }
    }

    @Test func expectContinue() {
        let (ex, _) = run([
            .c2s("POST /upload HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"),
            .s2c("HTTP/1.1 100 Continue\r\n\r\n"),
            .c2s("data"),
            .s2c(response(200, body: "done")),
        ])
        #expect(ex.count == 1)
        #expect(ex[0].response?.interim == [100])
        #expect(ex[0].response?.head.status == 200)
        #expect(ex[0].requestText == "data")
        #expect(ex[0].flags == [])
    }

    @Test func closeDelimitedBodyEndsAtFin() {
        let (ex, _) = run([
            .c2s(request("GET", "/stream")),
            .s2c("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello "),
            .s2c("world"),
            .fin(.serverToClient),
            .close(.fin),
        ])
        #expect(ex.count == 1)
        #expect(ex[0].responseText == "hello world")
        #expect(ex[0].response?.complete == true)
        #expect(ex[0].response?.lastByte == .seconds(3))
        #expect(ex[0].flags == [])
    }

    @Test func closeDelimitedBodyCutByReset() {
        let (ex, _) = run([.c2s(request()), .s2c("HTTP/1.1 200 OK\r\n\r\npartial"), .close(.reset)])
        #expect(ex[0].flags == [.incomplete])
        #expect(ex[0].response?.complete == false)
    }

    @Test func responseOnlyAndNoResponse() {
        let (ex, counters) = run([
            .s2c(response(200, body: "orphan")),
            .c2s(request("GET", "/never")),
            .close(.reset),
        ])
        #expect(ex.count == 2)
        #expect(ex[0].flags == [.responseOnly])
        #expect(ex[0].request == nil)
        #expect(ex[1].flags == [.noResponse])
        #expect(ex[1].response == nil)
        #expect(counters.responseOnly == 1 && counters.noResponse == 1)
    }

    @Test func rolesDetectedFromBytesNotDirection() {
        // The reassembler guessed the roles wrong: requests flow "server to client".
        let (ex, _) = run([.s2c(request("GET", "/swapped")), .c2s(response(200, body: "ok"))])
        #expect(ex.count == 1)
        #expect(ex[0].request?.head.target == "/swapped")
        #expect(ex[0].responseText == "ok")
    }

    @Test func tlsAndHTTP2AreIgnored() {
        let (tls, c1) = run([.c2sBytes([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]), .s2cBytes([0x16, 0x03, 0x03, 0, 1])])
        #expect(tls.isEmpty)
        #expect(c1.tlsConnections == 1 && c1.parseErrors == 0)
        let (h2, c2) = run([.c2s("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), .s2cBytes([0, 0, 0, 4, 0, 0, 0, 0, 0])])
        #expect(h2.isEmpty)
        #expect(c2.http2Connections == 1 && c2.parseErrors == 0)
    }

    @Test func upgradeAndConnectBecomeOpaque() {
        let (ex, c) = run([
            .c2s("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
            .s2c("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"),
            .s2cBytes([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]),
            .c2sBytes([0x81, 0x85, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        ])
        #expect(ex.count == 1 && ex[0].response?.head.status == 101 && ex[0].flags == [])
        #expect(c.upgrades == 1 && c.parseErrors == 0 && c.skippedBytes == 0)
        let (ex2, c2) = run([
            .c2s("CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n"),
            .s2c("HTTP/1.1 200 Connection established\r\n\r\n"),
            .c2sBytes([0x16, 0x03, 0x01, 0, 5, 1, 2, 3, 4, 5]),
            .s2cBytes([0x16, 0x03, 0x03, 0, 1, 9]),
        ])
        #expect(ex2.count == 1 && ex2[0].response?.head.status == 200 && ex2[0].flags == [])
        #expect(c2.upgrades == 1 && c2.parseErrors == 0)
    }

    @Test func gapInsideKnownLengthBodyKeepsFraming() {
        let (ex, c) = run([
            .c2s(request("GET", "/a") + request("GET", "/b")),
            .s2c("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
            .gap(.serverToClient, 4),
            .s2c("hij" + response(200, body: "next")),
        ])
        #expect(ex.count == 2)
        #expect(ex[0].flags == [.gap])
        #expect(ex[0].responseText == "abchij")
        #expect(ex[0].response?.body.wireBytes == 10)
        #expect(ex[1].responseText == "next" && ex[1].flags == [])
        #expect(c.resyncs == 0)
    }

    @Test func gapOfUnknownLengthResynchronises() {
        let (ex, c) = run([
            .c2s(request("GET", "/a") + request("GET", "/b")),
            .s2c("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n"),
            .gap(.serverToClient, nil),
            .s2c("garbage that is left of a chunk\r\n0\r\n\r\n" + response(200, body: "next")),
        ])
        #expect(ex.count == 2)
        #expect(ex[0].flags == [.gap])
        #expect(ex[0].responseText == "abcde")
        #expect(ex[1].responseText == "next" && ex[1].flags == [])
        #expect(c.resyncs == 1 && c.skippedBytes > 0)
    }

    @Test func gapInsideRequestHeadKeepsPairing() {
        let (ex, _) = run([
            .c2s("GET /lost HTTP/1.1\r\nHost: x\r\n"),
            .gap(.clientToServer, 100),
            .c2s("X-Tail: 1\r\n\r\n" + request("GET", "/kept")),
            .s2c(response(200, body: "one") + response(200, body: "two")),
        ])
        #expect(ex.count == 2)
        #expect(ex[0].request == nil && ex[0].flags == [.gap] && ex[0].responseText == "one")
        #expect(ex[1].request?.head.target == "/kept" && ex[1].responseText == "two")
    }

    @Test func midStreamPickupSkipsGarbage() {
        let evs = events(
            [
                .c2s("dy of an earlier request}" + request("POST", "/v1/messages", body: "{}")),
                .s2c("rest of an earlier response body\r\n" + response(200, body: "fresh")),
            ], handshake: false)
        let (ex, c) = run(evs)
        #expect(ex.count == 1)
        #expect(ex[0].request?.head.target == "/v1/messages")
        #expect(ex[0].responseText == "fresh")
        #expect(ex[0].flags == [])
        #expect(c.skippedBytes == 25 + 34)
        #expect(c.resyncs == 2)
    }

    @Test func headerLimits() {
        var limits = HTTPLimits()
        limits.maxHeaders = 4
        let many = (0..<10).map { "X-\($0): v\r\n" }.joined()
        let (ex, c) = run(
            [
                .c2s("GET /many HTTP/1.1\r\n\(many)\r\n" + request("GET", "/ok")),
                .s2c(response(400, body: "bad") + response(200, body: "good")),
            ], limits: limits)
        #expect(c.parseErrors == 1)
        #expect(ex.count == 2)
        #expect(ex[0].flags == [.parseError] && ex[0].request == nil)
        #expect(ex[1].request?.head.target == "/ok" && ex[1].responseText == "good")

        limits = HTTPLimits()
        limits.maxHeaderBytes = 1024
        let huge = "GET /huge HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 5000) + "\r\n\r\n"
        let (ex2, c2) = run([.c2s(huge + request("GET", "/after")), .s2c(response(200, body: "z"))], limits: limits)
        #expect(c2.parseErrors == 1)
        #expect(ex2.last?.request?.head.target == "/after")
    }

    @Test func pendingFIFOIsBounded() {
        var limits = HTTPLimits()
        limits.maxPendingRequests = 4
        let reqs = (0..<10).map { request("GET", "/\($0)") }.joined()
        let (ex, c) = run([.c2s(reqs), .close(.fin)], limits: limits)
        #expect(ex.count == 10)
        #expect(ex.allSatisfy { $0.flags == [.noResponse] })
        #expect(c.pendingOverflow == 6)
    }

    @Test func stateRemovedOnClose() {
        var tracker = HTTPConnectionTracker()
        var out: [HTTPExchange] = []
        for e in events([.c2s(request()), .s2c(response(200, body: "x"))]) { tracker.handle(e, into: &out) }
        #expect(tracker.activeConnections == 1)
        tracker.handle(.closed(testConnection, reason: .fin, at: .seconds(9)), into: &out)
        #expect(tracker.activeConnections == 0)
        #expect(out.count == 1)
    }
}
