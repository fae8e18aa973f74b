// Body tests: content decoding (gzip, x-gzip, zlib and raw deflate), a decompression bomb staying
// bounded, and the stored-body cap truncating while framing keeps the next message parseable.

import HTTPStream
import Testing

@Suite struct BodyTests {
    static let text = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 200)

    @Test(arguments: [("gzip", Int32(31)), ("x-gzip", 31), ("deflate", 15), ("deflate", -15)])
    func contentEncodings(name: String, windowBits: Int32) {
        let z = compress(Array(Self.text.utf8), windowBits: windowBits)
        let head = "HTTP/1.1 200 OK\r\nContent-Encoding: \(name)\r\nContent-Length: \(z.count)\r\n\r\n"
        let (ex, c) = run([.c2s(request()), .s2cBytes(Array(head.utf8) + z)])
        #expect(ex.count == 1)
        #expect(ex[0].responseText == Self.text)
        #expect(ex[0].response?.body.wireBytes == z.count)
        #expect(ex[0].response?.body.decodedBytes == Self.text.utf8.count)
        #expect(ex[0].response?.body.contentEncoding == name)
        #expect(ex[0].flags == [] && c.decodeErrors == 0)
    }

    @Test func corruptGzipIsADecodeError() {
        var z = gzip(Self.text)
        for i in 20..<40 { z[i] ^= 0x5a }
        let head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: \(z.count)\r\n\r\n"
        let (ex, c) = run([
            .c2s(request() + request()), .s2cBytes(Array(head.utf8) + z + Array(response(200, body: "k").utf8)),
        ])
        #expect(ex.count == 2)
        #expect(ex[0].flags.contains(.decodeError))
        #expect(ex[0].response?.body.decodeError != nil)
        #expect(ex[1].responseText == "k")
        #expect(c.decodeErrors == 1)
    }

    @Test func unsupportedEncodingIsFlagged() {
        let (ex, _) = run([.c2s(request()), .s2c(response(200, body: "xx", extra: "Content-Encoding: br\r\n"))])
        #expect(ex[0].flags == [.decodeError])
        #expect(ex[0].response?.body.bytes == Array("xx".utf8))
    }

    @Test func gzipBombStaysBounded() {
        let bomb = compress([UInt8](repeating: 0, count: 64 * 1024 * 1024), windowBits: 31)
        var limits = HTTPLimits()
        limits.maxDecodedBytes = 4 * 1024 * 1024
        let head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: \(bomb.count)\r\n\r\n"
        let (ex, c) = run(
            [.c2s(request()), .s2cBytes(Array(head.utf8) + bomb), .s2c(response(200, body: "z"))], limits: limits)
        #expect(ex.count == 2)
        let b = ex[0].response?.body
        #expect(b?.truncated == true)
        #expect((b?.decodedBytes ?? .max) <= limits.maxDecodedBytes + 16 * 1024)
        #expect((b?.bytes.count ?? .max) <= limits.maxDecodedBytes)
        #expect(b?.wireBytes == bomb.count)
        #expect(ex[0].flags == [.bodyTruncated])
        #expect(c.bodyTruncations == 1)
        #expect(ex[1].flags == [.responseOnly])
    }

    @Test func ratioCapStopsInflation() {
        var limits = HTTPLimits()
        limits.ratioGraceBytes = 64 * 1024
        limits.maxDecompressionRatio = 10
        let z = compress([UInt8](repeating: 65, count: 2 * 1024 * 1024), windowBits: 31)
        let head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: \(z.count)\r\n\r\n"
        let (ex, _) = run([.c2s(request()), .s2cBytes(Array(head.utf8) + z)], limits: limits)
        #expect(ex[0].response?.body.truncated == true)
        #expect((ex[0].response?.body.decodedBytes ?? .max) < 200 * 1024)
    }

    @Test func bodyCapKeepsFraming() {
        var limits = HTTPLimits()
        limits.maxBodyBytes = 10
        let big = String(repeating: "x", count: 1000)
        let (ex, c) = run(
            [
                .c2s(request("POST", "/big", body: big) + request("GET", "/next")),
                .s2c("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
                .s2cBytes(chunked(Array(big.utf8), size: 77)), .s2c(response(200, body: "second")),
            ], limits: limits)
        #expect(ex.count == 2)
        #expect(ex[0].request?.body.bytes.count == 10)
        #expect(ex[0].request?.body.truncated == true)
        #expect(ex[0].request?.body.decodedBytes == 1000)
        #expect(ex[0].response?.body.bytes.count == 10)
        #expect(ex[0].flags == [.bodyTruncated])
        #expect(ex[1].request?.head.target == "/next")
        #expect(ex[1].responseText == "second")
        #expect(c.bodyTruncations == 2)
    }
}
