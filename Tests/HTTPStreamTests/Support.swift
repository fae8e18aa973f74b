// Test support for HTTPStream: scripted connections (steps of bytes, gaps, FINs, closes) replayed
// through HTTPConnectionTracker, re-chunking helpers for the split property, and a zlib compressor.

import CZlib
import HTTPStream
import Reassembly
import Wire

let testConnection = ConnectionID(
    serial: 1,
    client: Endpoint(address: IPAddress(ipv4: 10, 0, 0, 1), port: 40000),
    server: Endpoint(address: IPAddress(ipv4: 10, 0, 0, 2), port: 80))

/// One scripted happening on the test connection.
enum Step: Sendable {
    case c2s(String)
    case s2c(String)
    case c2sBytes([UInt8])
    case s2cBytes([UInt8])
    case gap(Direction, UInt64?)
    case fin(Direction)
    case close(CloseReason)
}

/// Turns steps into stream events; data step i carries timestamp i+1 seconds. `split` maps a step index
/// to the chunk boundaries to cut it at (all pieces keep the step's timestamp).
func events(_ steps: [Step], split: (Int, Int) -> [Int] = { _, _ in [] }, handshake: Bool = true) -> [StreamEvent] {
    var out: [StreamEvent] = [.opened(testConnection, handshakeSeen: handshake, at: .zero)]
    for (i, step) in steps.enumerated() {
        let at = Timestamp(nanoseconds: Int64(i + 1) * 1_000_000_000)
        func data(_ d: Direction, _ bytes: [UInt8]) {
            var cuts = split(i, bytes.count).filter { $0 > 0 && $0 < bytes.count }
            cuts.append(bytes.count)
            var start = 0
            for c in cuts where c > start {
                out.append(.data(testConnection, d, bytes[start..<c], at: at))
                start = c
            }
        }
        switch step {
        case .c2s(let s): data(.clientToServer, Array(s.utf8))
        case .s2c(let s): data(.serverToClient, Array(s.utf8))
        case .c2sBytes(let b): data(.clientToServer, b)
        case .s2cBytes(let b): data(.serverToClient, b)
        case .gap(let d, let l): out.append(.gap(testConnection, d, length: l, reason: .acknowledgedHole, at: at))
        case .fin(let d): out.append(.finished(testConnection, d, at: at))
        case .close(let r): out.append(.closed(testConnection, reason: r, at: at))
        }
    }
    return out
}

func dataLength(_ step: Step) -> Int {
    switch step {
    case .c2s(let s), .s2c(let s): return s.utf8.count
    case .c2sBytes(let b), .s2cBytes(let b): return b.count
    default: return 0
    }
}

/// Replays events through a tracker (then finishes it) and returns the exchanges and counters.
func run(_ evs: [StreamEvent], limits: HTTPLimits = .default) -> ([HTTPExchange], HTTPCounters) {
    var tracker = HTTPConnectionTracker(limits: limits)
    var out: [HTTPExchange] = []
    for e in evs { tracker.handle(e, into: &out) }
    tracker.finish(into: &out)
    return (out, tracker.counters)
}

func run(_ steps: [Step], limits: HTTPLimits = .default) -> ([HTTPExchange], HTTPCounters) {
    run(events(steps), limits: limits)
}

/// Feeds a decoder and collects all parts.
func decode(_ chunks: [String], role: HTTPStreamRole = .unknown, eof: Bool = true) -> [HTTPPart] {
    var d = HTTPMessageDecoder(role: role)
    var parts: [HTTPPart] = []
    for (i, c) in chunks.enumerated() {
        d.feed(Array(c.utf8)[...], at: Timestamp(nanoseconds: Int64(i)))
        while let p = d.next() { parts.append(p) }
    }
    if eof {
        d.finish(seenEOF: true)
        while let p = d.next() { parts.append(p) }
    }
    return parts
}

/// Compresses with zlib: windowBits 15+16 gzip, 15 zlib, -15 raw deflate.
func compress(_ input: [UInt8], windowBits: Int32) -> [UInt8] {
    var stream = z_stream()
    let rc = deflateInit2_(
        &stream, Z_BEST_COMPRESSION, Z_DEFLATED, windowBits, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size))
    precondition(rc == Z_OK)
    defer { deflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
    var input = input
    let total = input.withUnsafeMutableBufferPointer { inp -> Int in
        out.withUnsafeMutableBufferPointer { o -> Int in
            stream.next_in = inp.baseAddress
            stream.avail_in = uInt(inp.count)
            stream.next_out = o.baseAddress
            stream.avail_out = uInt(o.count)
            let r = deflate(&stream, Z_FINISH)
            precondition(r == Z_STREAM_END)
            return o.count - Int(stream.avail_out)
        }
    }
    return Array(out[0..<total])
}

func gzip(_ s: String) -> [UInt8] { compress(Array(s.utf8), windowBits: 15 + 16) }

/// Chunked transfer encoding of `body` in pieces of `size` bytes.
func chunked(_ body: [UInt8], size: Int) -> [UInt8] {
    var out: [UInt8] = []
    var i = 0
    while i < body.count {
        let n = min(size, body.count - i)
        out += Array(String(n, radix: 16).utf8) + [13, 10] + body[i..<(i + n)] + [13, 10]
        i += n
    }
    return out + Array("0\r\n\r\n".utf8)
}

func request(_ method: String = "GET", _ target: String = "/", body: String = "", extra: String = "") -> String {
    let cl = body.isEmpty && method == "GET" ? "" : "Content-Length: \(body.utf8.count)\r\n"
    return "\(method) \(target) HTTP/1.1\r\nHost: api.example.com\r\n\(extra)\(cl)\r\n\(body)"
}

func response(_ status: Int = 200, body: String = "", extra: String = "") -> String {
    "HTTP/1.1 \(status) X\r\n\(extra)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
}

/// A Content-Length response carrying `body` with the given Content-Encoding.
func encoded(_ encoding: String, _ body: [UInt8]) -> [UInt8] {
    Array("HTTP/1.1 200 OK\r\nContent-Encoding: \(encoding)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
}

extension HTTPExchange {
    var requestText: String? { request?.body.text }
    var responseText: String? { response?.body.text }
}
