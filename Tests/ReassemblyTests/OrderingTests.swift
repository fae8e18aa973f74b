// OrderingTests: in-order delivery, out-of-order buffering (all permutations), retransmissions (first
// copy wins), partial overlaps, sequence wraparound and a seeded shuffle/duplicate fuzz.

import Reassembly
import SliceWatchTesting
import Testing
import Wire

@Suite struct OrderingTests {
    @Test func inOrderExchangeProducesExactEventSequence() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("GET / HTTP/1.1\r\n\r\n"))
        h.feed(c.serverSends("HTTP/1.1 200 OK\r\n"), c.serverSends("\r\n"))
        h.feed(c.clientFin(), c.serverFin(), c.pureAck(from: .client))
        #expect(h.trace == [
            "open 1 hs",
            "data 1 c2s \"GET / HTTP/1.1\r\n\r\n\"",
            "data 1 s2c \"HTTP/1.1 200 OK\r\n\"",
            "data 1 s2c \"\r\n\"",
            "fin 1 c2s",
            "fin 1 s2c",
            "closed 1 fin",
        ])
        #expect(h.counters.connectionsOpened == 1 && h.counters.connectionsClosed == 1)
        #expect(h.counters.activeConnections == 0)
        #expect(h.counters.segmentsAfterClose == 1)  // the last ACK
        #expect(h.counters.gaps == 0 && h.counters.retransmittedSegments == 0)
    }

    @Test func inOrderDataIsASliceOfTheSegmentPayload() {
        var c = TCPConversation()
        var r = Reassembler()
        var events: [StreamEvent] = []
        for s in c.handshake() { r.process(s, at: .zero, into: &events) }
        let backing: [UInt8] = Array("xxhelloyy".utf8)
        var seg = c.clientSends("hello")
        seg.payload = backing[2..<7]
        events.removeAll()
        r.process(seg, at: .zero, into: &events)
        guard case let .data(_, _, slice, _) = events.first else {
            Issue.record("expected data")
            return
        }
        #expect(slice.startIndex == 2 && slice.endIndex == 7)  // same indices: not copied into a new array
        #expect(Array(slice) == Array("hello".utf8))
    }

    static let fourPieces = ["aa", "bbb", "cccc", "d"]

    static var permutations: [[Int]] {
        func permute(_ xs: [Int]) -> [[Int]] {
            xs.count <= 1 ? [xs] : xs.indices.flatMap { i in
                var rest = xs
                let x = rest.remove(at: i)
                return permute(rest).map { [x] + $0 }
            }
        }
        return permute([0, 1, 2, 3])
    }

    @Test(arguments: permutations)
    func outOfOrderPermutationsReassemble(order: [Int]) {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let segments = Self.fourPieces.map { c.clientSends($0) }
        h.feed(order.map { segments[$0] })
        #expect(h.text(.clientToServer) == "aabbbccccd")
        #expect(h.counters.gaps == 0)
        #expect(h.counters.bufferedBytes == 0)
        // Segments that arrive before everything ahead of them were buffered.
        var expectedOOO: UInt64 = 0
        var delivered = Set<Int>()
        for i in order {
            if (0..<i).contains(where: { !delivered.contains($0) }) { expectedOOO += 1 }
            delivered.insert(i)
        }
        #expect(h.counters.outOfOrderSegments == expectedOOO)
        // Data events: one per in-order arrival plus one per released buffered segment, all in order.
        let dataEvents = h.trace.filter { $0.hasPrefix("data") }
        #expect(dataEvents.count == 4)
    }

    @Test func bufferedSegmentsCarryTheTimestampOfTheFillingPacket() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let a = c.clientSends("one")
        let b = c.clientSends("two")
        h.feed(b)
        h.feed(a)
        let times = h.events.compactMap { e -> Timestamp? in
            if case let .data(_, _, _, t) = e { return t }
            return nil
        }
        #expect(times.count == 2 && times[0] == h.now && times[1] == h.now)
    }

    @Test func duplicateRetransmissionsAreDeliveredOnce() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let a = c.clientSends("alpha")
        let b = c.clientSends("beta")
        let d = c.clientSends("delta")
        h.feed(a, a, d, d, b, b, d)
        #expect(h.text(.clientToServer) == "alphabetadelta")
        #expect(h.counters.retransmittedSegments == 4)  // a, d (buffered copy), b, d (delivered copy)
        #expect(h.counters.inconsistentRetransmissions == 0)
        #expect(h.counters.overlappingSegments == 0)
    }

    @Test func inconsistentRetransmissionOfDeliveredBytesIsCountedAndFirstWins() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let first = c.clientSends("hello")
        h.feed(first)
        h.feed(c.segment(from: .client, seq: first.sequence, ack: first.acknowledgment, flags: .ack,
                         payload: Array("HELLO".utf8)))
        h.feed(c.clientSends("!"))
        #expect(h.text(.clientToServer) == "hello!")
        #expect(h.counters.retransmittedSegments == 1)
        #expect(h.counters.inconsistentRetransmissions == 1)
    }

    @Test func inconsistentRetransmissionOfBufferedBytesIsCountedAndFirstWins() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let a = c.clientSends("abc")
        let b = c.clientSends("world")
        h.feed(b)
        h.feed(c.segment(from: .client, seq: b.sequence, ack: b.acknowledgment, flags: .ack,
                         payload: Array("WORLD".utf8)))
        h.feed(a)
        #expect(h.text(.clientToServer) == "abcworld")
        #expect(h.counters.inconsistentRetransmissions == 1)
        #expect(h.counters.retransmittedSegments == 1)
    }

    @Test func partialOverlapDeliversOnlyTheNewPart() {
        let c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let base = c.clientNext
        h.feed(c.segment(from: .client, seq: base, ack: 0, flags: [], payload: Array("abcdef".utf8)))
        h.feed(c.segment(from: .client, seq: base &+ 3, ack: 0, flags: [], payload: Array("defghi".utf8)))
        #expect(h.trace.suffix(2) == ["data 1 c2s \"abcdef\"", "data 1 c2s \"ghi\""])
        #expect(h.counters.overlappingSegments == 1)
        #expect(h.counters.inconsistentRetransmissions == 0)
    }

    @Test func segmentSpanningBufferedPiecesFillsOnlyTheHolesAndFirstCopiesWin() {
        let c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let base = c.clientNext
        // Held: [2,4) "CD" and [6,8) "GH". Then [0,10) arrives with lowercase content.
        h.feed(c.segment(from: .client, seq: base &+ 2, ack: 0, flags: [], payload: Array("CD".utf8)))
        h.feed(c.segment(from: .client, seq: base &+ 6, ack: 0, flags: [], payload: Array("GH".utf8)))
        h.feed(c.segment(from: .client, seq: base, ack: 0, flags: [], payload: Array("abcdefghij".utf8)))
        #expect(h.text(.clientToServer) == "abCDefGHij")
        #expect(h.counters.overlappingSegments == 1)
        #expect(h.counters.inconsistentRetransmissions == 1)
        #expect(h.counters.bufferedBytes == 0)
    }

    @Test func overlapAmongBufferedSegmentsKeepsFirstCopy() {
        let c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let base = c.clientNext
        h.feed(c.segment(from: .client, seq: base &+ 4, ack: 0, flags: [], payload: Array("EFGH".utf8)))
        h.feed(c.segment(from: .client, seq: base &+ 2, ack: 0, flags: [], payload: Array("CDEFGHIJ".utf8)))
        h.feed(c.segment(from: .client, seq: base, ack: 0, flags: [], payload: Array("AB".utf8)))
        #expect(h.text(.clientToServer) == "ABCDEFGHIJ")
        #expect(h.counters.overlappingSegments == 1)
        #expect(h.counters.outOfOrderSegments == 2)
    }

    @Test(arguments: [UInt32(0xFFFF_FFF0), 0xFFFF_FFFF, 0xFFFF_FFFA, 0x7FFF_FFFF])
    func sequenceWraparound(isn: UInt32) {
        var c = TCPConversation(clientISN: isn, serverISN: isn &- 3)
        var h = Harness()
        h.feed(c.handshake())
        let a = c.clientSends("0123456789")
        let b = c.clientSends("abcdefghij")
        let d = c.clientSends("ABCDEFGHIJ")
        h.feed(a, d, b)
        h.feed(c.serverSends("response across the wrap"), c.serverSends(" more"))
        #expect(h.text(.clientToServer) == "0123456789abcdefghijABCDEFGHIJ")
        #expect(h.text(.serverToClient) == "response across the wrap more")
        #expect(h.counters.gaps == 0)
        h.feed(c.clientFin(), c.serverFin())
        #expect(h.controlTrace.suffix(3) == ["fin 1 c2s", "fin 1 s2c", "closed 1 fin"])
    }

    @Test(arguments: [UInt64(1), 2, 3, 42, 0xdead_beef])
    func shuffledDuplicatedSegmentationReassembles(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let message = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let c = TCPConversation(clientISN: UInt32.random(in: 0...UInt32.max, using: &rng))
        var h = Harness()
        h.feed(c.handshake())
        let base = c.clientNext
        var pieces: [TCPSegment] = []
        var at = 0
        while at < message.count {
            let n = min(message.count - at, Int.random(in: 1...300, using: &rng))
            // Some pieces overlap their predecessor.
            let back = at > 0 && Bool.random(using: &rng) ? min(at, Int.random(in: 1...50, using: &rng)) : 0
            let lo = at - back
            pieces.append(c.segment(from: .client, seq: base &+ UInt32(lo), ack: 0, flags: [],
                                    payload: Array(message[lo..<(at + n)])))
            at += n
        }
        var shuffled = pieces + pieces.prefix(10)
        shuffled.shuffle(using: &rng)
        h.feed(shuffled)
        #expect(h.bytes(.clientToServer) == message)
        #expect(h.counters.gaps == 0 && h.counters.inconsistentRetransmissions == 0)
        #expect(h.counters.bufferedBytes == 0)
    }
}
