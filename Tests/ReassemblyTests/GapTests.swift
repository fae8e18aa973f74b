// GapTests: every way a hole becomes an explicit gap — acknowledged but uncaptured bytes, idle timeout,
// memory and segment caps (with the buffered-bytes bound checked throughout), snaplen truncation, and
// close/finish with data still held.

import Reassembly
import SliceWatchTesting
import Testing
import Wire

@Suite struct GapTests {
    @Test func ackBeyondNextDeclaresAcknowledgedHole() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("GET /a\r\n"))
        _ = c.clientSends("lost bytes")  // never captured
        h.feed(c.serverSends("ok"))       // acks through the lost bytes
        h.feed(c.clientSends("GET /b\r\n"))
        #expect(h.trace == [
            "open 1 hs",
            "data 1 c2s \"GET /a\r\n\"",
            "gap 1 c2s 10 acked_hole",
            "data 1 s2c \"ok\"",
            "data 1 c2s \"GET /b\r\n\"",
        ])
        #expect(h.counters.gaps == 1 && h.counters.gapBytes == 10)
    }

    @Test func ackedHoleReleasesBufferedDataBehindIt() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.serverSends("first "))
        _ = c.serverSends("missing")
        h.feed(c.serverSends("third"))
        #expect(h.counters.bufferedBytes == 5)
        h.feed(c.pureAck(from: .client))
        #expect(h.controlTrace.contains("gap 1 s2c 7 acked_hole"))
        #expect(h.text(.serverToClient) == "first third")
        #expect(h.counters.bufferedBytes == 0)
    }

    @Test func ackOfFinDoesNotCreateAGap() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("bye"), c.clientFin(), c.pureAck(from: .server))
        #expect(h.counters.gaps == 0)
        #expect(h.controlTrace.last == "fin 1 c2s")
    }

    @Test func idleTimeoutWithHeldDataDeclaresTimeoutGap() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("a"))
        _ = c.clientSends("b")
        h.feed(c.clientSends("c"))
        h.advance(by: .seconds(299))
        #expect(h.counters.activeConnections == 1)
        h.advance(by: .seconds(2))
        #expect(h.trace.suffix(3) == ["gap 1 c2s 1 timeout", "data 1 c2s \"c\"", "closed 1 timeout"])
        #expect(h.counters.idleTimeouts == 1 && h.counters.bufferedBytes == 0)
    }

    @Test func perConnectionCapBoundsBufferAndSkipsToEarliestHeldSegment() {
        var limits = ReassemblyLimits()
        limits.maxBufferedBytesPerConnection = 100
        var c = TCPConversation()
        var h = Harness(limits: limits)
        h.feed(c.handshake())
        _ = c.clientSends([UInt8](repeating: 0x2d, count: 10))  // lost: the hole
        var expected: [UInt8] = []
        for i in 0..<30 {
            let chunk = [UInt8](repeating: UInt8(0x41 + i % 26), count: 30)
            expected += chunk
            h.feed(c.clientSends(chunk))
            #expect(h.counters.bufferedBytes <= 100)
        }
        #expect(h.peakBuffered <= 100)
        #expect(h.counters.memoryCapHits >= 1)
        #expect(h.controlTrace[1] == "gap 1 c2s 10 memory_cap")
        h.finish()
        #expect(h.bytes(.clientToServer) == expected)  // only the uncaptured hole was skipped
        #expect(h.counters.gapBytes == 10)
    }

    @Test func perConnectionCapCountsBothDirections() {
        var limits = ReassemblyLimits()
        limits.maxBufferedBytesPerConnection = 50
        var c = TCPConversation()
        var h = Harness(limits: limits)
        h.feed(c.handshake())
        _ = c.clientSends("-", ack: false)
        _ = c.serverSends("-", ack: false)
        h.feed(c.clientSends([UInt8](repeating: 1, count: 30), ack: false))
        h.feed(c.serverSends([UInt8](repeating: 2, count: 30), ack: false))
        #expect(h.peakBuffered <= 50)
        #expect(h.controlTrace.contains("gap 1 s2c 1 memory_cap"))
    }

    @Test func globalCapBoundsBufferAcrossConnections() {
        var limits = ReassemblyLimits()
        limits.maxBufferedBytesTotal = 200
        var h = Harness(limits: limits)
        var conversations = (0..<10).map { TCPConversation.numbered($0) }
        for i in conversations.indices {
            h.feed(conversations[i].handshake())
            _ = conversations[i].clientSends("hole")
        }
        for _ in 0..<3 {
            for i in conversations.indices {
                h.feed(conversations[i].clientSends([UInt8](repeating: 7, count: 40)))
                #expect(h.counters.bufferedBytes <= 200)
            }
        }
        #expect(h.peakBuffered <= 200)
        #expect(h.counters.memoryCapHits > 0)
        h.finish()
        #expect(h.bytes(.clientToServer).count == 10 * 3 * 40)
        #expect(h.counters.bufferedBytes == 0)
    }

    @Test func segmentCountCapForcesGap() {
        var limits = ReassemblyLimits()
        limits.maxSegmentsPerDirection = 4
        let c = TCPConversation()
        var h = Harness(limits: limits)
        h.feed(c.handshake())
        let base = c.clientNext
        // Every other byte arrives: holes at even offsets.
        for i in 0..<10 {
            h.feed(c.segment(from: .client, seq: base &+ UInt32(2 * i + 1), ack: 0, flags: [], payload: [UInt8(i)]))
        }
        #expect(h.counters.memoryCapHits >= 1)
        #expect(h.counters.outOfOrderSegments == 10)
        #expect(h.controlTrace.contains("gap 1 c2s 1 memory_cap"))
        h.finish()
        #expect(h.bytes(.clientToServer) == (0..<10).map { UInt8($0) })
    }

    @Test func snaplenTruncatedInOrderSegmentDeliversCapturedPartThenGap() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let full = c.clientSends("0123456789")
        var cut = full
        cut.payload = full.payload.prefix(4)
        h.feed(cut)
        h.feed(c.clientSends("next"))
        #expect(h.trace.suffix(3) == ["data 1 c2s \"0123\"", "gap 1 c2s 6 snaplen", "data 1 c2s \"next\""])
        #expect(h.counters.truncatedSegments == 1)
        #expect(h.counters.gapBytes == 6)
    }

    @Test func snaplenTruncatedOutOfOrderSegmentKeepsItsHoleUntilReleased() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let a = c.clientSends("aaaa")
        var b = c.clientSends("bbbbbbbb")
        b.payload = b.payload.prefix(3)
        let d = c.clientSends("cc")
        h.feed(d, b, a)
        #expect(h.trace.suffix(4) == [
            "data 1 c2s \"aaaa\"", "data 1 c2s \"bbb\"", "gap 1 c2s 5 snaplen", "data 1 c2s \"cc\"",
        ])
    }

    @Test func resetWithHeldDataDeclaresClosedGapFirst() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.serverSends("abc"))
        _ = c.serverSends("def")
        h.feed(c.serverSends("ghi"))
        h.feed(c.clientReset())
        #expect(h.trace.suffix(3) == ["gap 1 s2c 3 closed", "data 1 s2c \"ghi\"", "closed 1 rst"])
        #expect(h.counters.bufferedBytes == 0)
    }

    @Test func finishFlushesEveryConnection() {
        var h = Harness()
        var a = TCPConversation.numbered(1)
        var b = TCPConversation.numbered(2)
        h.feed(a.handshake())
        h.feed(b.handshake())
        h.feed(a.clientSends("A1"))
        _ = a.clientSends("A2")
        h.feed(a.clientSends("A3"))
        h.feed(b.serverSends("B1"))
        _ = b.serverSends("B2")
        h.feed(b.serverSends("B3"))
        h.finish()
        #expect(h.trace.suffix(6) == [
            "gap 1 c2s 2 closed", "data 1 c2s \"A3\"", "closed 1 end_of_capture",
            "gap 2 s2c 2 closed", "data 2 s2c \"B3\"", "closed 2 end_of_capture",
        ])
        #expect(h.counters.activeConnections == 0 && h.counters.bufferedBytes == 0)
        #expect(h.counters.connectionsClosed == 2)
    }
}
