// SSEParser: incremental server-sent-events parsing per the WHATWG "event stream interpretation"
// (CRLF/LF/CR line ends, one optional space after the colon, data lines joined with LF, comments,
// id without NUL, digit-only retry, BOM stripping), bounded in events kept and pending-event size.

import Wire

struct SSEParser: Sendable {
    let maxEvents: Int
    let maxEventBytes: Int
    private(set) var events: [SSEEvent] = []
    private var line: [UInt8] = []
    private var lineOverflow = false
    private var sawCR = false
    private var bomState = 0  // bytes of the BOM matched so far; -1 once decided
    private var data: [UInt8] = []
    private var eventType = ""
    private var lastID: String?
    private var retry: Int?
    private var pendingOverflow = false
    private var skipUntilBlank = false

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

    mutating func feed(_ p: UnsafeBufferPointer<UInt8>, at: Timestamp, counters: inout HTTPCounters) {
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
            var j = i
            while j < n && p[j] != ByteScan.lf && p[j] != ByteScan.cr { j += 1 }
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
            if data.count + value.count + 1 > maxEventBytes {
                noteOverflow(&counters)
                data.removeAll()
                return
            }
            data.append(contentsOf: value)
            data.append(ByteScan.lf)
        } else if Self.equals(field, "event") {
            eventType = String(decoding: value, as: UTF8.self)
        } else if Self.equals(field, "id") {
            if !value.contains(0) { lastID = String(decoding: value, as: UTF8.self) }
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
        guard !pendingOverflow, !data.isEmpty else { return }
        data.removeLast()
        guard events.count < maxEvents else {
            counters.sseOverflow &+= 1
            return
        }
        events.append(
            SSEEvent(
                event: eventType.isEmpty ? "message" : eventType, data: String(decoding: data, as: UTF8.self),
                id: lastID, retry: retry, at: at))
        counters.sseEvents &+= 1
    }

    private mutating func resetEvent() {
        data.removeAll(keepingCapacity: true)
        eventType = ""
        retry = nil
        pendingOverflow = false
    }

    private static func equals(_ p: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        guard p.count == s.utf8CodeUnitCount else { return false }
        let u = s.utf8Start
        for k in 0..<p.count where p[k] != u[k] { return false }
        return true
    }
}
