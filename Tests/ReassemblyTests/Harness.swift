// Harness: a tiny driver for reassembler tests — feeds segments with packet times, keeps every event,
// renders events as short strings for exact-sequence assertions, and concatenates delivered bytes.

import Reassembly
import SliceWatchTesting
import Wire

/// Drives a Reassembler and records its events.
struct Harness {
    var reassembler: Reassembler
    var events: [StreamEvent] = []
    var now = Timestamp(seconds: 1_700_000_000, microseconds: 0)
    /// Largest `counters.bufferedBytes` observed after any call.
    var peakBuffered: UInt64 = 0

    init(limits: ReassemblyLimits = .init()) {
        reassembler = Reassembler(limits: limits)
    }

    var counters: ReassemblyCounters { reassembler.counters }

    /// Processes segments one millisecond apart (or `step` apart).
    mutating func feed(_ segments: TCPSegment..., step: Duration = .milliseconds(1)) { feed(segments, step: step) }

    mutating func feed(_ segments: [TCPSegment], step: Duration = .milliseconds(1)) {
        for s in segments {
            now = now + step
            var batch: [StreamEvent] = []
            reassembler.process(s, at: now, into: &batch)
            events += batch
            peakBuffered = max(peakBuffered, reassembler.counters.bufferedBytes)
        }
    }

    mutating func advance(by d: Duration) {
        now = now + d
        reassembler.advanceTime(to: now, into: &events)
    }

    mutating func finish() {
        reassembler.finish(at: now, into: &events)
    }

    /// Concatenated `.data` bytes for one direction (optionally one connection serial).
    func bytes(_ direction: Direction, serial: UInt64? = nil) -> [UInt8] {
        var out: [UInt8] = []
        for e in events {
            if case let .data(id, d, b, _) = e, d == direction, serial == nil || id.serial == serial { out += b }
        }
        return out
    }

    func text(_ direction: Direction, serial: UInt64? = nil) -> String {
        String(decoding: bytes(direction, serial: serial), as: UTF8.self)
    }

    /// Events rendered compactly, e.g. `open 1 hs`, `data 1 c2s "abc"`, `gap 1 s2c 5 acked_hole`.
    var trace: [String] { events.map(Self.render) }

    /// Only the non-data events.
    var controlTrace: [String] {
        events.filter { if case .data = $0 { return false } else { return true } }.map(Self.render)
    }

    static func render(_ e: StreamEvent) -> String {
        switch e {
        case let .opened(id, hs, _): return "open \(id.serial)\(hs ? " hs" : "")"
        case let .data(id, d, b, _): return "data \(id.serial) \(d) \"\(String(decoding: b, as: UTF8.self))\""
        case let .gap(id, d, len, reason, _):
            return "gap \(id.serial) \(d) \(len.map { "\($0)" } ?? "?") \(reason.rawValue)"
        case let .finished(id, d, _): return "fin \(id.serial) \(d)"
        case let .closed(id, reason, _): return "closed \(id.serial) \(reason.rawValue)"
        }
    }
}

extension TCPConversation {
    /// Distinct endpoints per index, for tests with many connections.
    static func numbered(_ i: Int, clientISN: UInt32 = 1000, serverISN: UInt32 = 5000) -> TCPConversation {
        TCPConversation(
            client: Endpoint(address: IPAddress(ipv4: 10, 0, UInt8(i >> 8), UInt8(i & 0xff)), port: 40000),
            server: Endpoint(address: IPAddress(ipv4: 10, 1, 0, 1), port: 443),
            clientISN: clientISN, serverISN: serverISN)
    }
}
