// Decoder tests: HTTPMessageDecoder on its own — chunked framing edge cases, detection of what a
// stream carries, timestamps of first and last bytes, and bounded buffering.

import HTTPStream
import SliceWatchTesting
import Testing
import Wire

@Suite struct DecoderTests {
    func body(_ parts: [HTTPPart]) -> String {
        var bytes: [UInt8] = []
        for case .body(let b, _) in parts { bytes += b }
        return String(decoding: bytes, as: UTF8.self)
    }

    func ends(_ parts: [HTTPPart]) -> [HTTPMessageEnd] {
        parts.compactMap { if case .end(let e) = $0 { return e } else { return nil } }
    }

    static let chunkedCases: [(String, String)] = [
        ("5\r\nhello\r\n0\r\n\r\n", "hello"),
        ("5;name=value;x\r\nhello\r\n6 ; ext\r\n world\r\n0\r\n\r\n", "hello world"),
        ("A\r\n0123456789\r\n0\r\nX-Trailer: 1\r\nY: 2\r\n\r\n", "0123456789"),
        ("a\r\n0123456789\r\n00000000000000000000000000000000000000\r\n\r\n", "0123456789"),
        ("0000000000000000000000000003\r\nabc\r\n0\r\n\r\n", "abc"),
        ("3\nabc\n0\n\n", "abc"),
    ]

    @Test(arguments: chunkedCases)
    func chunkedEdgeCases(encoded: String, expected: String) {
        let parts = decode([
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + encoded + response(200, body: "n")
        ])
        #expect(body(parts) == expected + "n")
        let e = ends(parts)
        #expect(e.count == 2)
        #expect(e[0].complete && e[0].chunked && !e[0].parseError)
        #expect(e[0].wireBodyBytes == encoded.utf8.count)
    }

    @Test(arguments: ["FFFFFFFFFFFFFFFFFFFF\r\nabc", "zz\r\nabc\r\n0\r\n\r\n", "3\r\nabcX0\r\n\r\n", "-1\r\n"])
    func chunkedErrorsDoNotTrap(encoded: String) {
        let parts = decode([
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + encoded + "\r\n" + response(200, body: "ok")
        ])
        let e = ends(parts)
        #expect(e.first?.parseError == true)
        #expect(e.first?.complete == false)
        #expect(e.last?.complete == true)
        #expect(body(parts).hasSuffix("ok"))
    }

    @Test func detection() {
        var d = HTTPMessageDecoder()
        d.feed(Array("HTT".utf8)[...], at: .zero)
        #expect(d.next() == nil && d.role == .unknown)
        d.feed(Array("P/1.1 200 OK\r\n".utf8)[...], at: .zero)
        _ = d.next()
        #expect(d.role == .responses)

        var r = HTTPMessageDecoder()
        r.feed(Array("OPTIONS * HTTP/1.1\r\n\r\n".utf8)[...], at: .zero)
        var parts: [HTTPPart] = []
        while let p = r.next() { parts.append(p) }
        #expect(r.role == .requests)
        #expect(parts.count == 2)
    }

    @Test func timestampsOfFirstAndLastByte() {
        var d = HTTPMessageDecoder()
        var parts: [HTTPPart] = []
        let chunks = ["\r\nPOST /x HTTP/1.1\r\nContent", "-Length: 6\r\n\r\nab", "cd", "ef"]
        for (i, c) in chunks.enumerated() {
            d.feed(Array(c.utf8)[...], at: Timestamp(nanoseconds: Int64(i + 1)))
            while let p = d.next() { parts.append(p) }
        }
        guard case .requestHead(let head, let at) = parts.first else {
            Issue.record("no head")
            return
        }
        #expect(head.headers["content-length"] == "6")
        #expect(at == Timestamp(nanoseconds: 1))
        #expect(ends(parts).first?.at == Timestamp(nanoseconds: 4))
    }

    @Test func partialHeadIsBoundedAndNotRescanned() {
        var d = HTTPMessageDecoder()
        d.feed(Array("GET / HTTP/1.1\r\n".utf8)[...], at: .zero)
        #expect(d.next() == nil)
        for _ in 0..<2000 {
            d.feed(Array("X-Filler: 0123456789012345678901234567890123456789\r\n".utf8)[...], at: .zero)
            while d.next() != nil {}
            #expect(d.bufferedBytes <= HTTPLimits.default.maxHeaderBytes + 64)
        }
        #expect(d.takeCounters().parseErrors == 1)
    }

    @Test func garbageScanKeepsOnlyABoundedTail() {
        var d = HTTPMessageDecoder(role: .responses)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            var junk = [UInt8](repeating: 0, count: 4096)
            for i in junk.indices { junk[i] = UInt8(truncatingIfNeeded: rng.next() % 200 + 50) }
            d.feed(junk[...], at: .zero)
            while d.next() != nil {}
            #expect(d.bufferedBytes <= 16)
        }
        d.feed(Array(response(200, body: "ok").utf8)[...], at: .zero)
        var parts: [HTTPPart] = []
        while let p = d.next() { parts.append(p) }
        #expect(body(parts) == "ok")
    }
}

@Suite struct HeaderTests {
    @Test func caseInsensitiveLookupAndObsFold() {
        let parts = decode([
            "GET / HTTP/1.1\r\nX-Multi: a\r\n  continued\r\nx-multi: b\r\ncontent-TYPE: text/plain\r\n\r\n"
        ])
        guard case .requestHead(let head, _)? = parts.first else {
            Issue.record("no head")
            return
        }
        #expect(head.headers["Content-Type"] == "text/plain")
        #expect(head.headers.values(for: "X-MULTI") == ["a continued", "b"])
        #expect(head.headers.map(\.name) == ["X-Multi", "x-multi", "content-TYPE"])
    }

    @Test(arguments: [
        "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nBad Header: x\r\n\r\n",
        "GET / HTTP/9\r\n\r\n",
    ])
    func invalidHeadsAreParseErrors(head: String) {
        var d = HTTPMessageDecoder()
        d.feed(Array((head + "GET /next HTTP/1.1\r\n\r\n").utf8)[...], at: .zero)
        var parts: [HTTPPart] = []
        while let p = d.next() { parts.append(p) }
        #expect(d.takeCounters().parseErrors == 1)
        let targets = parts.compactMap { if case .requestHead(let h, _) = $0 { return h.target } else { return nil } }
        #expect(targets == ["/next"])
    }

    @Test func keepAliveManyExchanges() {
        var steps: [Step] = []
        for i in 0..<20 {
            steps.append(.c2s(request("POST", "/\(i)", body: "req\(i)")))
            steps.append(.s2c(response(200, body: "resp\(i)")))
        }
        let (ex, c) = run(steps)
        #expect(ex.count == 20)
        #expect(ex.map(\.index) == Array(0..<20))
        #expect(ex.allSatisfy { $0.responseText == "resp\($0.index)" && $0.requestText == "req\($0.index)" })
        #expect(c.parseErrors == 0 && c.skippedBytes == 0)
    }
}
