// Reassembler: the TCP reassembly state machine. It owns the flow table (FlowKey -> slot index into an
// array of Connections), connection identity (serials, client/server roles, port reuse), the LRU list
// used both for idle expiry and for evicting when the table is full, and the recently-closed set. It does
// no I/O and reads no clock: segments and packet time go in, StreamEvents are appended to the caller's
// array. In-order payload is passed on as slices of the segment (no copy).

import Wire

/// Reassembles captured TCP segments into ordered per-direction byte streams with explicit gaps.
///
/// Feed every segment in capture order to `process`; call `advanceTime` when packets stop arriving
/// (idle expiry also runs inside `process`), and `finish` at the end of the capture.
public struct Reassembler: Sendable {
    public let limits: ReassemblyLimits
    /// Running totals and gauges.
    public private(set) var counters = ReassemblyCounters()

    private var table: [FlowKey: Int] = [:]
    /// The flow looked up last and its slot (nil when none): consecutive segments mostly belong to one
    /// connection, in either direction, and comparing keys is cheaper than hashing one.
    private var recentKey: FlowKey?
    private var recentSlot = 0
    private var slots: [Connection?] = []
    private var freeSlots: [Int] = []
    // LRU list over slot indices, least recently active first; parallel to `slots`.
    private var lruPrevious: [Int] = []
    private var lruNext: [Int] = []
    private var lastActivity: [Int64] = []
    private var lruHead = -1
    private var lruTail = -1
    private var nextSerial: UInt64 = 1
    private var recentlyClosed = RecentlyClosed()
    private let idleNanoseconds: Int64
    private let recentlyClosedNanoseconds: Int64

    public init(limits: ReassemblyLimits = .init()) {
        self.limits = limits
        self.idleNanoseconds = max(1, limits.idleTimeout.nanosecondsClamped)
        self.recentlyClosedNanoseconds = limits.recentlyClosedTTL.nanosecondsClamped
    }

    // MARK: - Segments

    /// Processes one segment captured at `time`, appending resulting events to `events`.
    public mutating func process(_ segment: TCPSegment, at time: Timestamp, into events: inout [StreamEvent]) {
        counters.segments += 1
        counters.payloadBytes += UInt64(segment.payload.count)
        if segment.isTruncated { counters.truncatedSegments += 1 }
        advanceTime(to: time, into: &events)

        let key = segment.flowKey
        let flags = segment.flags
        var slot: Int?
        if key == recentKey {
            slot = recentSlot
        } else {
            slot = table[key]
            if let s = slot {
                recentKey = key
                recentSlot = s
            }
        }
        if let s = slot, flags.contains(.syn) {
            switch synDisposition(of: segment, on: slots[s]!) {
            case .continueConnection:
                if !flags.contains(.ack) {
                    slots[s]!.clientISN = segment.sequence
                } else {
                    slots[s]!.serverISN = segment.sequence
                }
            case .retransmission:
                counters.retransmittedSegments += 1
                touch(s, at: time)
                return
            case .newConnection:
                let reason: CloseReason = slots[s]!.anyFinished ? .fin : .reset
                close(s, reason: reason, gapReason: .closed, at: time, remember: false, into: &events)
                slot = nil
            }
        }
        if slot == nil {
            if flags.contains(.syn) && !flags.contains(.rst) {
                recentlyClosed.remove(key)
                slot = openWithHandshake(segment, key: key, at: time, into: &events)
            } else if recentlyClosed.contains(key, at: time.nanoseconds, ttl: recentlyClosedNanoseconds) {
                counters.segmentsAfterClose += 1
                return
            } else if segment.payloadLength == 0 || flags.contains(.rst) {
                counters.segmentsWithoutConnection += 1
                return
            } else {
                let a = segment.source
                let b = segment.destination
                let sourceIsServer = a.port != b.port ? a.port < b.port : a.address < b.address
                slot = open(
                    key: key, client: sourceIsServer ? b : a, server: sourceIsServer ? a : b, handshakeSeen: false,
                    at: time, into: &events)
            }
        }
        let s = slot!
        touch(s, at: time)
        if flags.contains(.rst) {
            close(s, reason: .reset, gapReason: .closed, at: time, remember: true, into: &events)
            return
        }
        let direction = slots[s]!.direction(of: segment)
        slots[s]!.receive(segment, from: direction, at: time, limits: limits, counters: &counters, events: &events)
        if slots[s]!.bothFinished {
            close(s, reason: .fin, gapReason: .closed, at: time, remember: true, into: &events)
        }
    }


    private enum SynDisposition { case continueConnection, retransmission, newConnection }

    /// What a SYN or SYN+ACK on an existing connection means.
    private func synDisposition(of segment: TCPSegment, on c: Connection) -> SynDisposition {
        let fromClient = segment.source == c.id.client
        if !segment.flags.contains(.ack) {
            if fromClient && c.handshakeSeen && c.clientISN == segment.sequence && !c.anyFinished {
                return .retransmission
            }
            // The SYN+ACK was captured first (it already set the client's sequence space): same connection.
            if fromClient && c.handshakeSeen && c.clientISN == nil && c.c2s.isInitialized && c.c2s.next == 0
                && c.c2s.offset(of: segment.sequence &+ 1) == 0
            {
                return .continueConnection
            }
            return .newConnection
        }
        if !fromClient && c.serverISN == segment.sequence { return .retransmission }
        if !fromClient && c.serverISN == nil && !c.s2c.isInitialized, let isn = c.clientISN,
            segment.acknowledgment == isn &+ 1
        {
            return .continueConnection
        }
        return .newConnection
    }

    /// Opens a connection from a SYN (sender is client) or a SYN+ACK (receiver is client).
    private mutating func openWithHandshake(
        _ segment: TCPSegment, key: FlowKey, at time: Timestamp, into events: inout [StreamEvent]
    ) -> Int {
        if !segment.flags.contains(.ack) {
            let s = open(
                key: key, client: segment.source, server: segment.destination, handshakeSeen: true, at: time,
                into: &events)
            slots[s]!.clientISN = segment.sequence
            return s
        }
        let s = open(
            key: key, client: segment.destination, server: segment.source, handshakeSeen: true, at: time,
            into: &events)
        slots[s]!.serverISN = segment.sequence
        slots[s]!.c2s.start(at: segment.acknowledgment)
        return s
    }

    // MARK: - Time

    /// Closes connections idle for `limits.idleTimeout` as of packet time `time` (cheap when none are due:
    /// only the least recently active connection is looked at).
    public mutating func advanceTime(to time: Timestamp, into events: inout [StreamEvent]) {
        let now = time.nanoseconds
        while lruHead >= 0 && now &- lastActivity[lruHead] >= idleNanoseconds {
            counters.idleTimeouts += 1
            close(lruHead, reason: .idleTimeout, gapReason: .timeout, at: time, remember: false, into: &events)
        }
        recentlyClosed.expire(at: now, ttl: recentlyClosedNanoseconds, capacity: limits.maxRecentlyClosed)
    }

    /// End of capture: gives up on every hole and closes every connection (`.endOfCapture`),
    /// least recently active first.
    public mutating func finish(at time: Timestamp, into events: inout [StreamEvent]) {
        while lruHead >= 0 {
            close(lruHead, reason: .endOfCapture, gapReason: .closed, at: time, remember: false, into: &events)
        }
    }

    // MARK: - Flow table

    private mutating func open(
        key: FlowKey, client: Endpoint, server: Endpoint, handshakeSeen: Bool, at time: Timestamp,
        into events: inout [StreamEvent]
    ) -> Int {
        if table.count >= max(1, limits.maxConnections), lruHead >= 0 {
            counters.evictions += 1
            close(lruHead, reason: .evicted, gapReason: .closed, at: time, remember: false, into: &events)
        }
        let id = ConnectionID(serial: nextSerial, client: client, server: server)
        nextSerial += 1
        let connection = Connection(key: key, id: id, handshakeSeen: handshakeSeen)
        let s: Int
        if let free = freeSlots.popLast() {
            s = free
            slots[s] = connection
        } else {
            s = slots.count
            slots.append(connection)
            lruPrevious.append(-1)
            lruNext.append(-1)
            lastActivity.append(time.nanoseconds)
        }
        table[key] = s
        lastActivity[s] = time.nanoseconds
        linkAtTail(s)
        counters.connectionsOpened += 1
        counters.activeConnections += 1
        if !handshakeSeen { counters.midStreamPickups += 1 }
        events.append(.opened(id, handshakeSeen: handshakeSeen, at: time))
        return s
    }

    /// Flushes held data (gaps with `gapReason`), emits `.closed` and frees the slot.
    private mutating func close(
        _ s: Int, reason: CloseReason, gapReason: GapReason, at time: Timestamp, remember: Bool,
        into events: inout [StreamEvent]
    ) {
        slots[s]!.flush(reason: gapReason, at: time, counters: &counters, events: &events)
        let connection = slots[s]!
        events.append(.closed(connection.id, reason: reason, at: time))
        table[connection.key] = nil
        if recentKey == connection.key { recentKey = nil }
        unlink(s)
        slots[s] = nil
        freeSlots.append(s)
        counters.connectionsClosed += 1
        counters.activeConnections -= 1
        if remember { recentlyClosed.insert(connection.key, at: time.nanoseconds) }
    }

    // MARK: - LRU list

    @inline(__always)
    private mutating func touch(_ s: Int, at time: Timestamp) {
        lastActivity[s] = time.nanoseconds
        if s != lruTail {
            unlink(s)
            linkAtTail(s)
        }
    }

    private mutating func linkAtTail(_ s: Int) {
        lruPrevious[s] = lruTail
        lruNext[s] = -1
        if lruTail >= 0 { lruNext[lruTail] = s } else { lruHead = s }
        lruTail = s
    }

    private mutating func unlink(_ s: Int) {
        let p = lruPrevious[s]
        let n = lruNext[s]
        if p >= 0 { lruNext[p] = n } else { lruHead = n }
        if n >= 0 { lruPrevious[n] = p } else { lruTail = p }
        lruPrevious[s] = -1
        lruNext[s] = -1
    }
}
