// InvariantTests: seeded fuzz under tight caps. Whatever the loss, reordering and duplication, every
// delivered byte must sit at its true stream position (data and gaps tile the stream exactly), and the
// buffered bytes must never exceed the per-connection or global caps.

import Reassembly
import SliceWatchTesting
import Testing
import Wire

@Suite struct InvariantTests {
    /// Walks one direction's events, checking data against `message` at the position implied by
    /// earlier data and gaps; returns the final position.
    static func tile(_ events: [StreamEvent], _ direction: Direction, against message: [UInt8]) -> (Int, Bool) {
        var position = 0
        var ok = true
        for e in events {
            switch e {
            case let .data(_, d, bytes, _) where d == direction:
                if position + bytes.count > message.count || !message[position..<(position + bytes.count)]
                    .elementsEqual(bytes)
                {
                    ok = false
                }
                position += bytes.count
            case let .gap(_, d, length, _, _) where d == direction:
                position += Int(length ?? 0)
            default:
                break
            }
        }
        return (position, ok)
    }

    @Test(arguments: [UInt64(7), 8, 9, 10, 11, 12, 13, 14])
    func lossyReorderedStreamTilesExactlyWithinCaps(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var limits = ReassemblyLimits()
        limits.maxBufferedBytesPerConnection = 600
        limits.maxSegmentsPerDirection = 6
        limits.retransmissionCheckBytes = 64
        let message = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let c = TCPConversation(clientISN: UInt32.random(in: 0...UInt32.max, using: &rng))
        var h = Harness(limits: limits)
        h.feed(c.handshake())
        let base = c.clientNext
        var pieces: [TCPSegment] = []
        var at = 0
        while at < message.count {
            let n = min(message.count - at, Int.random(in: 1...200, using: &rng))
            let overlaps = at > 0 && Int.random(in: 0..<4, using: &rng) == 0
            let back = overlaps ? min(at, Int.random(in: 1...40, using: &rng)) : 0
            var s = c.segment(from: .client, seq: base &+ UInt32(at - back), ack: 0, flags: [],
                              payload: Array(message[(at - back)..<(at + n)]))
            if Int.random(in: 0..<20, using: &rng) == 0 { s.payload = s.payload.prefix(s.payload.count / 2) }
            if Int.random(in: 0..<10, using: &rng) != 0 { pieces.append(s) }  // ~10% lost
            if Int.random(in: 0..<10, using: &rng) == 0 { pieces.append(s) }  // ~10% duplicated
            at += n
        }
        // Local reordering: swap neighbours within a window of 8.
        for i in pieces.indices {
            let j = min(pieces.count - 1, i + Int.random(in: 0..<8, using: &rng))
            pieces.swapAt(i, j)
        }
        for p in pieces {
            h.feed(p)
            #expect(h.counters.bufferedBytes <= 600)
        }
        h.feed(c.segment(from: .server, seq: c.serverNext, ack: base &+ UInt32(message.count), flags: .ack))
        h.finish()
        let (end, ok) = Self.tile(h.events, .clientToServer, against: message)
        #expect(ok)
        #expect(end == message.count)
        #expect(h.peakBuffered <= 600)
        #expect(h.counters.memoryCapHits > 0 && h.counters.truncatedSegments > 0)
        #expect(h.counters.bufferedBytes == 0)
        #expect(h.counters.inconsistentRetransmissions == 0)
    }

    @Test func globalCapHoldsWithManyLossyConnections() {
        var rng = SplitMix64(seed: 99)
        var limits = ReassemblyLimits()
        limits.maxBufferedBytesTotal = 5_000
        var h = Harness(limits: limits)
        var conversations = (0..<50).map { TCPConversation.numbered($0) }
        for i in conversations.indices { h.feed(conversations[i].handshake()) }
        for _ in 0..<40 {
            for i in conversations.indices {
                let s = conversations[i].serverSends([UInt8](repeating: 1, count: Int.random(in: 1...300, using: &rng)),
                                                     ack: false)
                if Int.random(in: 0..<5, using: &rng) != 0 { h.feed(s) }
                #expect(h.counters.bufferedBytes <= 5_000)
            }
        }
        #expect(h.peakBuffered <= 5_000)
        #expect(h.counters.memoryCapHits > 0)
        h.finish()
        #expect(h.counters.bufferedBytes == 0 && h.counters.activeConnections == 0)
    }
}
