// HTTPMessageDecoder: the per-direction incremental HTTP/1.x decoder. Feed it reassembled bytes with
// their packet time, then call next() until it returns nil; it yields heads, transfer-decoded body
// bytes and message ends. It owns the buffering (bounded), the packet-time bookkeeping, and the main
// state machine; stream detection, chunked framing and gap resynchronisation live in extensions.

import Wire

/// Incremental single-step decoder for one direction of an HTTP/1.x connection.
///
/// Usage: `feed(bytes, at:)`, then drain `next()` until nil; then `gap(length:)` / `finish(seenEOF:)`
/// as the stream reports them (always after draining). Body bytes are returned as slices of the fed
/// buffers (no copy). The decoder never traps on input and never buffers more than the header-block
/// or resync bounds of `HTTPLimits`.
public struct HTTPMessageDecoder: Sendable {
    enum State: Equatable {
        case detect, idle, head
        case fixedBody(Int)
        case chunkSize
        case chunkData(Int)
        case chunkDataEnd
        case trailers
        case closeBody
        case resync
        case opaque
        case done
    }

    struct Mark: Sendable {
        var pos: Int
        var ts: Timestamp
    }

    public let limits: HTTPLimits
    /// What this direction carries; detected from the first bytes unless given.
    public internal(set) var role: HTTPStreamRole
    /// The method of the request the next final response answers (HEAD and CONNECT change framing).
    /// A tracker sets this before every `next()` on a response stream.
    public var requestMethodHint: String?
    /// Counters accumulated since the last `takeCounters()`.
    public internal(set) var counters = HTTPCounters()
    /// Most bytes the buffer may hold while waiting for input (a tracker sets it from its global budget
    /// before every `next()`); see HTTPMessageDecoder+Budget.
    var bufferAllowance = Int.max

    var state: State = .detect
    var buf: ArraySlice<UInt8> = []
    var marks: [Mark] = []
    /// Absolute stream offset of `buf.startIndex`.
    var consumed = 0
    var now: Timestamp = .zero
    /// Decoded parts not yet returned, from `outboxHead` (optional so that `next()` moves each one out).
    var outbox: [HTTPPart?] = []
    var outboxHead = 0
    /// Offset (from the buffer start) where the current search resumes.
    var scanPos = 0
    var lineStart = 0
    var headLines = 0
    var firstLineEnd = -1
    var trailerBytes = 0
    var inMessage = false
    var msgFirst: Timestamp = .zero
    var msgLast: Timestamp = .zero
    var msgGap = false
    var msgChunked = false
    var msgWire = 0

    public init(limits: HTTPLimits = .default, role: HTTPStreamRole = .unknown) {
        self.limits = limits
        self.role = role
        if role != .unknown { state = .idle }
    }

    /// Bytes currently buffered (partial head, chunk line, or resync tail).
    public var bufferedBytes: Int { buf.count }
    /// True once the stream turned out not to be HTTP/1.x, or was switched away from it.
    public var isOpaque: Bool { state == .opaque }
    /// True after `finish(seenEOF:)`.
    public var isFinished: Bool { state == .done }

    /// Appends in-order bytes that arrived in the packet at `at`.
    public mutating func feed(_ bytes: ArraySlice<UInt8>, at: Timestamp) {
        guard !bytes.isEmpty, state != .opaque, state != .done else { return }
        now = at
        if buf.isEmpty {
            buf = bytes
            marks.removeAll(keepingCapacity: true)
            marks.append(Mark(pos: consumed, ts: at))
        } else {
            marks.append(Mark(pos: consumed + buf.count, ts: at))
            if buf.startIndex > 4096 && buf.startIndex > buf.count {
                buf = ArraySlice(Array(buf))  // drop the consumed prefix the slice still holds
            }
            buf.append(contentsOf: bytes)
        }
    }

    /// The next decoded part, or nil when more input is needed.
    public mutating func next() -> HTTPPart? {
        while true {
            if outboxHead < outbox.count {
                let part = outbox[outboxHead].take()!
                outboxHead += 1
                if outboxHead == outbox.count {
                    outbox.removeAll(keepingCapacity: true)
                    outboxHead = 0
                }
                return part
            }
            if !step() {
                if buf.count > bufferAllowance && shedForBudget() { continue }
                return nil
            }
        }
    }

    /// Returns the counters accumulated so far and resets them.
    public mutating func takeCounters() -> HTTPCounters {
        defer { counters = HTTPCounters() }
        return counters
    }

    /// `length` bytes (nil: unknown) are missing after everything fed so far.
    public mutating func gap(length: UInt64?) {
        switch state {
        case .opaque, .done:
            return
        case .detect, .idle, .resync:
            dropAll()
            enterResync()
        case .head:
            dropAll()
            outbox.append(.lost(.gap, at: msgFirst))
            enterResync()
        case .fixedBody(let remaining):
            guard buf.isEmpty, let l = length, l <= UInt64(remaining) else { return cutByGap() }
            bodyGap(Int(l))
            if Int(l) == remaining { endMessage(complete: false) } else { state = .fixedBody(remaining - Int(l)) }
        case .chunkData(let remaining):
            guard buf.isEmpty, let l = length, l <= UInt64(remaining) else { return cutByGap() }
            bodyGap(Int(l))
            state = Int(l) == remaining ? .chunkDataEnd : .chunkData(remaining - Int(l))
        case .closeBody:
            guard buf.isEmpty else { return cutByGap() }
            msgGap = true
            if let l = length { msgWire &+= Int(clamping: l) }
            outbox.append(.bodyGap(length: length))
        case .chunkSize, .chunkDataEnd, .trailers:
            cutByGap()
        }
    }

    /// This direction ended: `seenEOF` true for a clean FIN (which completes a close-delimited body),
    /// false for a reset, timeout or end of capture.
    public mutating func finish(seenEOF: Bool) {
        switch state {
        case .closeBody:
            endMessage(complete: seenEOF)
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers:
            endMessage(complete: false)
        case .head, .resync:
            counters.skippedBytes &+= UInt64(buf.count)
        default:
            break
        }
        dropAll(counting: false)
        state = .done
    }

    /// Stops parsing this direction (the peer switched protocols); an unfinished message ends incomplete.
    public mutating func becomeOpaque() {
        guard state != .done else { return }
        if inMessage { endMessage(complete: false) }
        dropAll(counting: false)
        state = .opaque
    }

    // MARK: Step machinery

    /// Does one unit of work; false when more input is needed.
    mutating func step() -> Bool {
        switch state {
        case .detect: return stepDetect()
        case .idle: return stepIdle()
        case .head: return stepHead()
        case .fixedBody(let remaining):
            guard !buf.isEmpty else { return false }
            let n = min(remaining, buf.count)
            emitBody(n)
            if remaining == n { endMessage(complete: true) } else { state = .fixedBody(remaining - n) }
            return true
        case .chunkSize: return stepChunkSize()
        case .chunkData(let remaining):
            guard !buf.isEmpty else { return false }
            let n = min(remaining, buf.count)
            emitBody(n)
            state = remaining == n ? .chunkDataEnd : .chunkData(remaining - n)
            return true
        case .chunkDataEnd: return stepChunkDataEnd()
        case .trailers: return stepTrailers()
        case .closeBody:
            guard !buf.isEmpty else { return false }
            emitBody(buf.count)
            return true
        case .resync: return stepResync()
        case .opaque, .done:
            dropAll(counting: false)
            return false
        }
    }

    mutating func consume(_ n: Int) {
        consumed &+= n
        if n >= buf.count {
            buf = []
            marks.removeAll(keepingCapacity: true)
        } else {
            buf = buf[(buf.startIndex + n)...]
        }
    }

    mutating func dropAll(counting: Bool = true) {
        if counting { counters.skippedBytes &+= UInt64(buf.count) }
        consume(buf.count)
    }

    mutating func skip(_ n: Int) {
        counters.skippedBytes &+= UInt64(n)
        consume(n)
    }

    /// Packet time of the first buffered byte.
    mutating func timeOfBufferStart() -> Timestamp {
        var k = 0
        while k + 1 < marks.count && marks[k + 1].pos <= consumed { k += 1 }
        if k > 0 { marks.removeFirst(k) }
        return marks.first?.ts ?? now
    }

    mutating func emitBody(_ n: Int) {
        outbox.append(.body(buf.prefix(n), at: now))
        consume(n)
        msgWire &+= n
        msgLast = now
    }

    mutating func bodyGap(_ n: Int) {
        msgGap = true
        msgWire &+= n
        outbox.append(.bodyGap(length: UInt64(n)))
    }

    mutating func endMessage(complete: Bool, parseError: Bool = false) {
        let end = HTTPMessageEnd(
            at: msgLast, complete: complete && !msgGap, gap: msgGap, parseError: parseError,
            wireBodyBytes: msgWire, chunked: msgChunked)
        outbox.append(.end(end))
        inMessage = false
        msgGap = false
        msgWire = 0
        msgChunked = false
        state = .idle
    }

    mutating func cutByGap() {
        if inMessage {
            msgGap = true
            endMessage(complete: false)
        }
        dropAll()
        enterResync()
    }

    mutating func enterResync() {
        state = .resync
        scanPos = 0
    }

    mutating func switchTo(_ kind: HTTPProtocolSwitch) {
        if inMessage { endMessage(complete: false) }
        switch kind {
        case .tls: counters.tlsConnections &+= 1
        case .http2: counters.http2Connections &+= 1
        case .upgrade: counters.upgrades &+= 1
        }
        outbox.append(.switched(kind, at: now))
        dropAll(counting: false)
        state = .opaque
    }
}
