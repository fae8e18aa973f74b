// Connection: one tracked TCP connection — its identity, what of the handshake was seen, and the two
// DirectionStates. It routes a segment to the sending direction, applies the segment's ACK to the other
// direction (acknowledged holes become gaps) and turns the per-range outcome into segment counters.
// The flow table, LRU order and closing live in Reassembler.

import Wire

/// State of one tracked connection (a slot in the reassembler's flow table).
struct Connection {
    var key: FlowKey
    var id: ConnectionID
    var handshakeSeen: Bool
    /// ISNs from the SYN and SYN+ACK, when seen (to tell retransmitted SYNs from port reuse).
    var clientISN: UInt32?
    var serverISN: UInt32?
    var c2s = DirectionState()
    var s2c = DirectionState()

    init(key: FlowKey, id: ConnectionID, handshakeSeen: Bool) {
        self.key = key
        self.id = id
        self.handshakeSeen = handshakeSeen
    }

    var bufferedBytes: Int { c2s.pendingBytes + s2c.pendingBytes }
    var anyFinished: Bool { c2s.finAt != nil || s2c.finAt != nil }
    var bothFinished: Bool { c2s.isFinished && s2c.isFinished }

    @inline(__always)
    func direction(of segment: TCPSegment) -> Direction {
        segment.source == id.client ? .clientToServer : .serverToClient
    }

    /// Applies one segment (not RST; SYN bookkeeping already done by the caller).
    mutating func receive(
        _ segment: TCPSegment, from direction: Direction, at time: Timestamp, limits: ReassemblyLimits,
        counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) {
        if direction == .clientToServer {
            Self.receive(
                segment, sender: &c2s, receiver: &s2c, id: id, direction: direction, time: time, limits: limits,
                counters: &counters, events: &events)
        } else {
            Self.receive(
                segment, sender: &s2c, receiver: &c2s, id: id, direction: direction, time: time, limits: limits,
                counters: &counters, events: &events)
        }
    }

    private static func receive(
        _ segment: TCPSegment, sender: inout DirectionState, receiver: inout DirectionState, id: ConnectionID,
        direction: Direction, time: Timestamp, limits: ReassemblyLimits,
        counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) {
        let flags = segment.flags
        if flags.contains(.ack) && receiver.isInitialized {
            receiver.acknowledge(
                upTo: receiver.offset(of: segment.acknowledgment),
                context: EventContext(id: id, direction: direction.reversed, time: time),
                counters: &counters, events: &events)
        }
        let startSequence = segment.sequence &+ (flags.contains(.syn) ? 1 : 0)
        if !sender.isInitialized { sender.start(at: startSequence) }
        let fin = flags.contains(.fin)
        guard segment.payloadLength > 0 || fin else { return }
        let start = sender.offset(of: startSequence)
        if start - sender.next > DirectionState.maxWindow {
            counters.outOfWindowSegments += 1
            return
        }
        // A keep-alive probe repeats the last byte with arbitrary content: not an inconsistency.
        let isKeepAlive = segment.payloadLength == 1 && start == sender.next - 1
        let result = sender.ingest(
            start: start, captured: segment.payload, announced: max(segment.payloadLength, segment.payload.count),
            fin: fin, otherBuffered: receiver.pendingBytes, limits: limits,
            context: EventContext(id: id, direction: direction, time: time), counters: &counters, events: &events)
        let seenBefore = result.oldBytes > 0 || result.overlapBytes > 0
        if result.inconsistent && !isKeepAlive { counters.inconsistentRetransmissions += 1 }
        if seenBefore && result.newBytes == 0 { counters.retransmittedSegments += 1 }
        if seenBefore && result.newBytes > 0 { counters.overlappingSegments += 1 }
        if result.buffered { counters.outOfOrderSegments += 1 }
    }

    /// Gives up on all holes in both directions (gaps with `reason`), delivering everything held.
    mutating func flush(
        reason: GapReason, at time: Timestamp, counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) {
        c2s.flush(
            reason: reason, context: EventContext(id: id, direction: .clientToServer, time: time),
            counters: &counters, events: &events)
        s2c.flush(
            reason: reason, context: EventContext(id: id, direction: .serverToClient, time: time),
            counters: &counters, events: &events)
    }
}
