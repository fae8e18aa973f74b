// SSEParser: incremental server-sent-events parsing per the WHATWG "event stream interpretation"
// (CRLF/LF/CR line ends, one optional space after the colon, data lines joined with LF, comments,
// id without NUL, digit-only retry, BOM stripping), bounded in events kept, pending-event size, and the
// payload bytes it holds in all (`cap`, set per feed from the tracker's global budget). Data lines are copied
// once, into the byte buffer of the stream's SSEEvents; a dispatched event is a record of its range.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Wire

struct SSEParser: Sendable {
    let maxEvents: Int
    let maxEventBytes: Int
    /// The dispatched events. Their byte buffer is followed by the pending event's data lines (from
    /// `pendingStart`), each with its LF.
    private var kept = SSEEvents()
    private var pendingStart = 0
    private var line: [UInt8] = []
    private var lineOverflow = false
    private var sawCR = false
    private var bomState = 0  // bytes of the BOM matched so far; -1 once decided
    /// The pending event's type and the last event ID, with their byte counts kept alongside (`storedBytes` is
    /// read several times per packet; counting a String's UTF-8 each time cost about 4% of a replay).
    private var eventType = "" {
        didSet { eventTypeBytes = eventType.utf8.count }
    }
    private var eventTypeBytes = 0
    /// Event types decoded so far (at most `maxKnownTypes` short ones, so what it holds stays small), reused when
    /// the bytes match: a stream cycles through a handful of types, and a String per event would cost an
    /// allocation each.
    private var knownTypes: [(bytes: [UInt8], type: String)] = []
    private static let maxKnownTypes = 8, maxKnownTypeBytes = 64
    private var lastID: String? {
        didSet { lastIDBytes = lastID?.utf8.count ?? 0 }
    }
    private var lastIDBytes = 0
    private var retry: Int?
    private var pendingOverflow = false
    private var skipUntilBlank = false
    /// Most payload bytes this parser may hold during the current feed.
    private var cap = Int.max
    /// True once anything was dropped because `cap` was reached.
    private(set) var budgetDenied = false

    init(maxEvents: Int, maxEventBytes: Int) {
        self.maxEvents = maxEvents
        self.maxEventBytes = maxEventBytes
    }

    /// Bytes were lost: drop the partial line and event, ignore lines until the next blank line.
    mutating func noteGap() {
        line.removeAll(keepingCapacity: true)
        lineOverflow = false
        sawCR = false
        resetEvent()
        skipUntilBlank = true
    }

    /// The dispatched events (without the pending event's lines).
    var events: SSEEvents { pendingCount == 0 ? kept : kept.trimmed() }

    /// Bytes of the pending event's data lines (each with its LF).
    private var pendingCount: Int { kept.bytes.count - pendingStart }

    /// Payload bytes held: kept events plus the pending line, data, event type and last event ID.
    var storedBytes: Int { kept.payloadBytes &+ line.count &+ pendingCount &+ eventTypeBytes &+ lastIDBytes }

    /// Parses `p`, holding at most `cap` payload bytes in all while doing so.
    mutating func feed(_ p: UnsafeBufferPointer<UInt8>, at: Timestamp, cap: Int = .max, counters: inout HTTPCounters) {
        self.cap = cap
        var i = 0
        while bomState >= 0 && i < p.count {
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            if p[i] == bom[bomState] {
                bomState += 1
                i += 1
                if bomState == 3 { bomState = -1 }
            } else {
                let partial = Array(bom.prefix(bomState))
                bomState = -1
                partial.withUnsafeBufferPointer { scan($0, from: 0, at: at, counters: &counters) }
            }
        }
        scan(p, from: i, at: at, counters: &counters)
    }

    private mutating func scan(_ p: UnsafeBufferPointer<UInt8>, from: Int, at: Timestamp, counters: inout HTTPCounters)
    {
        var i = from
        let n = p.count
        while i < n {
            if sawCR {
                sawCR = false
                if p[i] == ByteScan.lf {
                    i += 1
                    continue
                }
            }
            let j = ByteScan.lineEnd(in: p, from: i)
            if j == n {
                appendToLine(UnsafeBufferPointer(rebasing: p[i..<n]))
                return
            }
            if line.isEmpty && !lineOverflow {
                processLine(UnsafeBufferPointer(rebasing: p[i..<j]), at: at, counters: &counters)
            } else {
                appendToLine(UnsafeBufferPointer(rebasing: p[i..<j]))
                if lineOverflow {
                    noteOverflow(&counters)
                } else {
                    let l = line
                    l.withUnsafeBufferPointer { processLine($0, at: at, counters: &counters) }
                }
                line.removeAll(keepingCapacity: true)
                lineOverflow = false
            }
            sawCR = p[j] == ByteScan.cr
            i = j + 1
        }
    }

    private mutating func appendToLine(_ seg: UnsafeBufferPointer<UInt8>) {
        guard !lineOverflow else { return }
        if line.count + seg.count > maxEventBytes {
            lineOverflow = true
            line.removeAll()
        } else if storedBytes + seg.count > cap {
            budgetDenied = true
            lineOverflow = true
            line.removeAll()
        } else {
            line.append(contentsOf: seg)
        }
    }

    private mutating func noteOverflow(_ counters: inout HTTPCounters) {
        if !pendingOverflow { counters.sseOverflow &+= 1 }
        pendingOverflow = true
    }

    private mutating func processLine(_ l: UnsafeBufferPointer<UInt8>, at: Timestamp, counters: inout HTTPCounters) {
        if l.isEmpty {
            dispatch(at: at, counters: &counters)
            return
        }
        if skipUntilBlank || l[0] == 58 { return }
        var colon = 0
        while colon < l.count && l[colon] != 58 { colon += 1 }
        let field = UnsafeBufferPointer(rebasing: l[0..<colon])
        var v = min(colon + 1, l.count)
        if v < l.count && l[v] == ByteScan.sp { v += 1 }
        let value = UnsafeBufferPointer(rebasing: l[v..<l.count])
        if Self.equals(field, "data") {
            if pendingOverflow { return }
            let tooBig = pendingCount + value.count + 1 > maxEventBytes
            if tooBig || storedBytes + value.count + 1 > cap {
                if !tooBig { budgetDenied = true }
                noteOverflow(&counters)
                kept.bytes.removeSubrange(pendingStart...)
                return
            }
            // A small first reservation saves the tiny early regrowths. Not more: reserved capacity is memory the
            // global budget does not see, multiplied by every open stream.
            if kept.bytes.capacity == 0 { kept.bytes.reserveCapacity(1024) }
            kept.bytes.append(contentsOf: value)
            kept.bytes.append(ByteScan.lf)
        } else if Self.equals(field, "event") {
            // Streams repeat a handful of event types: reuse the last string made when the bytes match.
            let type: String
            if let known = knownTypes.first(where: { $0.bytes.withUnsafeBufferPointer { Self.same($0, value) } }) {
                type = known.type
            } else {
                type = String(decoding: value, as: UTF8.self)
                if knownTypes.count < Self.maxKnownTypes && value.count <= Self.maxKnownTypeBytes {
                    knownTypes.append((Array(value), type))
                }
            }
            guard fits(adding: value.count - eventTypeBytes, counters: &counters) else { return }
            eventType = type
        } else if Self.equals(field, "id") {
            guard !value.contains(0) else { return }
            let id = String(decoding: value, as: UTF8.self)
            guard fits(adding: id.utf8.count - lastIDBytes, counters: &counters) else { return }
            lastID = id
        } else if Self.equals(field, "retry") {
            guard !value.isEmpty else { return }
            var r = 0
            for b in value {
                guard ByteScan.isDigit(b) else { return }
                let (m, o1) = r.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(b - 48))
                if o1 || o2 { return }
                r = a
            }
            retry = r
        }
    }

    private mutating func dispatch(at: Timestamp, counters: inout HTTPCounters) {
        defer { resetEvent() }
        if skipUntilBlank {
            skipUntilBlank = false
            return
        }
        guard !pendingOverflow, pendingCount > 0 else { return }
        kept.bytes.removeLast()
        guard kept.count < maxEvents else {
            counters.sseOverflow &+= 1
            return
        }
        let type = eventType.isEmpty ? "message" : eventType
        let end = kept.bytes.count
        let size = SSEEvents.payload(type: type, data: end - pendingStart, id: lastID)
        // After dispatch the pending data and event type are gone and the event is kept instead.
        guard storedBytes - pendingCount - eventTypeBytes + size <= cap else {
            budgetDenied = true
            counters.sseOverflow &+= 1
            return
        }
        kept.append(start: pendingStart, end: end, type: type, id: lastID, retry: retry, at: at)
        pendingStart = end
        counters.sseEvents &+= 1
    }

    /// Whether `delta` more held bytes stay within `cap`; if not, the pending event is dropped as overflow.
    private mutating func fits(adding delta: Int, counters: inout HTTPCounters) -> Bool {
        guard delta > 0, storedBytes + delta > cap else { return true }
        budgetDenied = true
        noteOverflow(&counters)
        return false
    }

    private mutating func resetEvent() {
        if kept.bytes.count > pendingStart { kept.bytes.removeSubrange(pendingStart...) }
        if !eventType.isEmpty { eventType = "" }
        retry = nil
        pendingOverflow = false
    }

    @inline(__always)
    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    private static func equals(_ p: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        guard p.count == s.utf8CodeUnitCount else { return false }
        let u = s.utf8Start
        for k in 0..<p.count where p[k] != u[k] { return false }
        return true
    }
}
