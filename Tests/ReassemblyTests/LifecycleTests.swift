// LifecycleTests: connection identity and lifetime — handshake roles, mid-stream pickup guesses, FIN and
// RST closes, segments after close, port reuse with new serials, packet-time idle expiry (and that long
// active streams survive), and least-recently-active eviction when the flow table is full.

import Reassembly
import SliceWatchTesting
import Testing
import Wire

@Suite struct LifecycleTests {
    @Test func midStreamPickupGuessesServerByLowerPort() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.serverSends("tail of a response"))  // first segment seen is from the server (port 443)
        h.feed(c.clientSends("next request"))
        guard case let .opened(id, handshakeSeen, _) = h.events.first else {
            Issue.record("expected .opened first")
            return
        }
        #expect(!handshakeSeen)
        #expect(id.server == c.server && id.client == c.client)
        #expect(h.text(.serverToClient) == "tail of a response")
        #expect(h.text(.clientToServer) == "next request")
        #expect(h.counters.midStreamPickups == 1)
    }

    @Test func midStreamPickupWithEqualPortsTakesLowerAddressAsServer() {
        let low = Endpoint(address: IPAddress(ipv4: 10, 0, 0, 1), port: 8080)
        let high = Endpoint(address: IPAddress(ipv4: 10, 0, 0, 9), port: 8080)
        var c = TCPConversation(client: high, server: low)
        var h = Harness()
        h.feed(c.clientSends("x"))
        guard case let .opened(id, _, _) = h.events.first else {
            Issue.record("expected .opened")
            return
        }
        #expect(id.server == low && id.client == high)
    }

    @Test func pureAckForUnknownConnectionOpensNothing() {
        let c = TCPConversation()
        var h = Harness()
        h.feed(c.pureAck(from: .client))
        #expect(h.events.isEmpty)
        #expect(h.counters.segmentsWithoutConnection == 1)
    }

    @Test func synAckOnlyMakesItsReceiverTheClient() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(Array(c.handshake().dropFirst()))
        h.feed(c.clientSends("hi"), c.serverSends("yo"))
        guard case let .opened(id, handshakeSeen, _) = h.events.first else {
            Issue.record("expected .opened")
            return
        }
        #expect(handshakeSeen && id.client == c.client)
        #expect(h.text(.clientToServer) == "hi" && h.text(.serverToClient) == "yo")
        #expect(h.counters.gaps == 0)
    }

    @Test func retransmittedSynIsNotANewConnection() {
        let c = TCPConversation()
        var h = Harness()
        let hs = c.handshake()
        h.feed(hs[0], hs[0], hs[1], hs[1], hs[2])
        #expect(h.counters.connectionsOpened == 1)
        #expect(h.counters.retransmittedSegments == 2)
    }

    @Test func finArrivingBeforeLastDataFinishesAfterIt() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        let data = c.clientSends("last")
        let fin = c.clientFin()
        h.feed(fin, data)
        #expect(h.trace.suffix(2) == ["data 1 c2s \"last\"", "fin 1 c2s"])
    }

    @Test func finBothSidesClosesOnceAndLateSegmentsAreCountedNotReopened() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("req"))
        let response = c.serverSends("resp")
        h.feed(response)
        h.feed(c.serverFin(), c.clientFin())
        #expect(h.controlTrace == ["open 1 hs", "fin 1 s2c", "fin 1 c2s", "closed 1 fin"])
        h.feed(c.pureAck(from: .server), response, c.serverFin())
        #expect(h.counters.segmentsAfterClose == 3)
        #expect(h.counters.connectionsOpened == 1 && h.counters.activeConnections == 0)
        #expect(h.counters.midStreamPickups == 0)
    }

    @Test func segmentsAfterCloseAreForgottenAfterTTL() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientFin(), c.serverFin())
        h.advance(by: .seconds(61))
        h.feed(c.clientSends("late data"))
        #expect(h.counters.midStreamPickups == 1)
        #expect(h.text(.clientToServer, serial: 2) == "late data")
    }

    @Test func resetClosesImmediately() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("req"))
        h.feed(c.serverReset())
        h.feed(c.clientSends("more"))
        #expect(h.controlTrace == ["open 1 hs", "closed 1 rst"])
        #expect(h.counters.segmentsAfterClose == 1)
    }

    @Test(arguments: [UInt32(1000), 0x9000_0000, 999])  // same ISN, far-off ISN, slightly lower ISN
    func portReuseAfterCloseStartsNewSerial(newISN: UInt32) {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("first"))
        h.feed(c.clientFin(), c.serverFin())
        var again = TCPConversation(client: c.client, server: c.server, clientISN: newISN, serverISN: 77)
        h.feed(again.handshake())
        h.feed(again.clientSends("second"))
        #expect(h.controlTrace.suffix(2) == ["closed 1 fin", "open 2 hs"])
        #expect(h.text(.clientToServer, serial: 1) == "first")
        #expect(h.text(.clientToServer, serial: 2) == "second")
    }

    @Test func newSynOnLiveConnectionWithDifferentISNReplacesIt() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("old"))
        var again = TCPConversation(client: c.client, server: c.server, clientISN: 0x5555_0000, serverISN: 9)
        h.feed(again.handshake())
        h.feed(again.clientSends("new"))
        #expect(h.controlTrace == ["open 1 hs", "closed 1 rst", "open 2 hs"])
        #expect(h.text(.clientToServer, serial: 2) == "new")
    }

    @Test func idleTimeoutUsesPacketTime() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("x"))
        h.feed([c.serverSends("y")], step: .seconds(299))
        #expect(h.counters.idleTimeouts == 0)
        // The next packet on another connection arrives 300 s later: expiry runs inside process().
        let other = TCPConversation.numbered(7)
        h.feed(other.handshake()[0], step: .seconds(300))
        #expect(h.counters.idleTimeouts == 1)
        #expect(h.controlTrace.prefix(2) == ["open 1 hs", "closed 1 timeout"])
    }

    @Test func longActiveStreamIsNotClosed() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        var expected = ""
        for i in 0..<20 {  // 20 minutes, one chunk per minute
            let chunk = "data: token \(i)\n\n"
            expected += chunk
            h.feed([c.serverSends(chunk)], step: .seconds(60))
        }
        h.advance(by: .seconds(120))
        #expect(h.counters.idleTimeouts == 0)
        #expect(h.counters.activeConnections == 1)
        #expect(h.text(.serverToClient) == expected)
        h.advance(by: .seconds(200))
        #expect(h.counters.idleTimeouts == 1)
    }

    @Test func fullFlowTableEvictsLeastRecentlyActive() {
        var limits = ReassemblyLimits()
        limits.maxConnections = 3
        var h = Harness(limits: limits)
        var cs = (0..<4).map { TCPConversation.numbered($0) }
        for i in 0..<3 { h.feed(cs[i].handshake()) }
        h.feed(cs[0].clientSends("keep me"))  // 0 becomes most recent; 1 is now least recent
        _ = cs[1].clientSends("lostlost")  // never captured: "after" is held behind it
        h.feed(cs[1].clientSends("after"))
        h.feed(cs[2].clientSends("z"))
        h.feed(cs[0].clientSends("!"))
        // Order of activity now: 1, 2, 0 — opening 3 evicts 1, flushing its held data.
        h.feed(cs[3].handshake())
        #expect(h.counters.evictions == 1)
        #expect(h.counters.activeConnections == 3)
        #expect(h.controlTrace.contains("closed 2 evicted"))
        let evictionIndex = h.trace.firstIndex(of: "closed 2 evicted")!
        #expect(h.trace[evictionIndex - 2] == "gap 2 c2s 8 closed")
        #expect(h.trace[evictionIndex + 1] == "open 4 hs")
    }

    @Test func manyConnectionsStayWithinTableCap() {
        var limits = ReassemblyLimits()
        limits.maxConnections = 100
        var h = Harness(limits: limits)
        for i in 0..<1000 {
            var c = TCPConversation.numbered(i)
            h.feed(c.handshake())
            h.feed(c.clientSends("hello"))
        }
        #expect(h.counters.activeConnections == 100)
        #expect(h.counters.evictions == 900)
        #expect(h.bytes(.clientToServer).count == 5000)
    }
}

@Suite struct HandshakeOrderTests {
    @Test func synAckCapturedBeforeSynIsOneConnection() {
        var c = TCPConversation()
        var h = Harness()
        let hs = c.handshake()
        h.feed(hs[1], hs[0], hs[2])
        h.feed(c.clientSends("q"), c.serverSends("a"))
        #expect(h.counters.connectionsOpened == 1)
        #expect(h.controlTrace == ["open 1 hs"])
        #expect(h.text(.clientToServer) == "q" && h.text(.serverToClient) == "a")
    }

    @Test func keepAliveProbeIsARetransmitNotAnInconsistency() {
        var c = TCPConversation()
        var h = Harness()
        h.feed(c.handshake())
        h.feed(c.clientSends("abc"))
        h.feed(c.segment(from: .client, seq: c.clientNext &- 1, ack: c.serverNext, flags: .ack, payload: [0]))
        #expect(h.counters.retransmittedSegments == 1)
        #expect(h.counters.inconsistentRetransmissions == 0)
        #expect(h.text(.clientToServer) == "abc")
    }

    @Test func dataCarriedOnSynIsDelivered() {
        let c = TCPConversation()
        var h = Harness()
        h.feed(c.segment(from: .client, seq: c.clientISN, ack: 0, flags: .syn, payload: Array("tfo".utf8)))
        #expect(h.trace == ["open 1 hs", "data 1 c2s \"tfo\""])
    }
}
