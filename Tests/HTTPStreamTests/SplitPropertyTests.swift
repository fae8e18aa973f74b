// The split property: every scripted input, cut into two pieces at every byte position of every data
// step (and byte by byte), yields exactly the same exchanges and counters as the unsplit input.

import HTTPStream
import Reassembly
import Testing

@Suite struct SplitPropertyTests {
    static let sseHead =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n"

    static let scripts: [(String, [Step])] = [
        (
            "get-post",
            [
                .c2s(request("GET", "/a") + request("POST", "/b", body: "hello")),
                .s2c(response(200, body: "A") + response(201, body: "BB")),
            ]
        ),
        (
            "continue",
            [
                .c2s("POST /u HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"),
                .s2c("HTTP/1.1 100 Continue\r\n\r\n"),
                .c2s("data"), .s2c(response(200, body: "done")),
            ]
        ),
        (
            "head-204",
            [
                .c2s(request("HEAD", "/") + request("GET", "/n")),
                .s2c("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nHTTP/1.1 204 No\r\n\r\n"),
            ]
        ),
        (
            "chunked",
            [
                .c2s(request()),
                .s2c(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "00a;x=y\r\n0123456789\r\nB\r\nabcdefghijk\r\n0\r\nT: 1\r\n\r\n"
                ),
            ]
        ),
        (
            "close-delimited",
            [.c2s(request()), .s2c("HTTP/1.0 200 OK\r\n\r\nuntil the end"), .fin(.serverToClient), .close(.fin)]
        ),
        (
            "sse-gzip",
            [
                .c2s(request("POST", "/v1/chat/completions", body: "{}")),
                .s2cBytes(
                    Array(sseHead.utf8)
                        + chunked(gzip("data: {\"a\":1}\r\n\r\nevent: x\ndata: 2\n\ndata: [DONE]\n\n"), size: 9)),
            ]
        ),
        (
            "sse-cr",
            [
                .c2s(request()),
                .s2c("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n\u{FEFF}data: a\r\rdata: b\r\n\r\n"),
                .close(.reset),
            ]
        ),
        (
            "gap-resync",
            [
                .c2s(request() + request()), .s2c("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nabc"),
                .gap(.serverToClient, nil),
                .s2c("tail bytes\r\n" + response(200, body: "ok")),
            ]
        ),
        ("mid-stream", [.c2s("ly\": 1}" + request("GET", "/x")), .s2c("xx\r\n" + response(200, body: "y"))]),
        ("orphans", [.s2c(response(200, body: "o")), .c2s(request("GET", "/none")), .close(.reset)]),
        (
            "deflate",
            [
                .c2s(request()),
                .s2cBytes(encoded("deflate", compress(Array("zzzzzzzzzz".utf8), windowBits: -15))),
            ]
        ),
        (
            "chunk-overflow",
            [
                .c2s(request() + request()),
                .s2c(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000000\r\n"
                        + response(200, body: "r")),
            ]
        ),
    ]

    @Test(arguments: scripts.map(\.0))
    func everySplitYieldsTheSameExchanges(name: String) {
        let steps = Self.scripts.first { $0.0 == name }!.1
        let baseline = run(events(steps))
        #expect(!baseline.0.isEmpty)
        let byteByByte = run(events(steps, split: { _, n in Array(0..<n) }))
        #expect(byteByByte.0 == baseline.0, "byte-by-byte differs for \(name)")
        #expect(byteByByte.1 == baseline.1)
        for (i, step) in steps.enumerated() {
            let n = dataLength(step)
            guard n > 1 else { continue }
            for cut in 1..<n {
                let split = run(events(steps, split: { s, _ in s == i ? [cut] : [] }))
                if split.0 != baseline.0 || split.1 != baseline.1 {
                    Issue.record("\(name): step \(i) split at \(cut) differs")
                    return
                }
            }
        }
    }
}
