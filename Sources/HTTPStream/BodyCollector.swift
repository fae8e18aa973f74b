// BodyCollector: everything that happens to one message's body after transfer decoding — content
// decoding (gzip / x-gzip / deflate, streamed through Inflater), the stored-prefix cap, byte counts,
// and feeding server-sent-event parsing (an event stream is kept as its events, not also as raw bytes) — so
// that memory per message stays bounded. Each append is also
// given the room left in the tracker's global budget; what does not fit is cut like the per-message cap.

import Wire

struct BodyCollector: Sendable {
    enum Coding: Sendable {
        case identity
        case gzip
        case deflate
        case unsupported(String)
    }

    let limits: HTTPLimits
    let coding: Coding
    let contentEncoding: String?
    private(set) var bytes: [UInt8] = []
    private(set) var decodedBytes = 0
    private(set) var truncated = false
    private(set) var decodeError: String?
    private(set) var gap = false
    private var inflater: Inflater?
    private var started = false
    private var stopped = false
    private var deflatePrefix: [UInt8] = []
    /// Whether the body is an event stream (`sse` is used only then; a stored value, not an optional, so that
    /// reading its counts never copies it).
    let parsesEvents: Bool
    private(set) var sse: SSEParser
    /// True once the global budget cut the stored body or dropped events.
    private(set) var budgetLimited = false
    /// Most payload bytes (body prefix plus event parsing) held during the current append.
    private var cap = Int.max

    init(limits: HTTPLimits, headers: HTTPHeaders, parseEvents: Bool) {
        self.limits = limits
        parsesEvents = parseEvents
        sse = SSEParser(maxEvents: limits.maxSSEEvents, maxEventBytes: limits.maxSSEEventBytes)
        // The codings of every Content-Encoding field, comma-separated, read on the bytes: no String is made
        // unless the body has one, and then only the header's text (small for the usual `gzip`).
        var fields = 0
        var firstValue: ArraySlice<UInt8> = []
        var codings = 0  // non-empty codings other than identity
        var firstCoding: ArraySlice<UInt8> = []
        headers.forEachValue(named: "content-encoding") { value in
            fields += 1
            if fields == 1 { firstValue = value }
            ByteScan.forEachPart(of: value, separatedBy: UInt8(ascii: ",")) { part in
                let coding = ByteScan.trim(part)
                guard !coding.isEmpty, !ByteScan.equalsIgnoringCase(coding, "identity") else { return }
                codings += 1
                if codings == 1 { firstCoding = coding }
            }
        }
        let encodings =
            fields <= 1
            ? String(decoding: firstValue, as: UTF8.self) : headers.values(for: "content-encoding").joined(separator: ",")
        contentEncoding = encodings.isEmpty ? nil : encodings.lowercased().trimmingASCII(" \t")
        if codings == 0 {
            // No reservation from Content-Length: reserved capacity is memory the global budget cannot see
            // (the stored prefix grows geometrically instead, at most about twice what is counted).
            coding = .identity
        } else if codings == 1
            && (ByteScan.equalsIgnoringCase(firstCoding, "gzip")
                || ByteScan.equalsIgnoringCase(firstCoding, "x-gzip"))
        {
            coding = .gzip
        } else if codings == 1 && ByteScan.equalsIgnoringCase(firstCoding, "deflate") {
            coding = .deflate
        } else {
            let names = encodings.lowercased().split(separator: ",").map { $0.trimmingASCII(" \t") }
                .filter { !$0.isEmpty && $0 != "identity" }
            coding = .unsupported(names.joined(separator: ", "))
        }
    }

    /// Parsed events, nil unless the body is an event stream.
    var events: SSEEvents? { parsesEvents ? sse.events : nil }

    /// Payload bytes held: the stored body prefix plus everything the event parser keeps.
    var storedBytes: Int { parsesEvents ? bytes.count + sse.storedBytes : bytes.count }

    /// Adds transfer-decoded body bytes that arrived in the packet at `at`; `storedBytes` may grow by at
    /// most `room` (the caller's global budget).
    mutating func append(_ data: ArraySlice<UInt8>, at: Timestamp, room: Int = .max, counters: inout HTTPCounters) {
        guard !data.isEmpty else { return }
        cap = room > Int.max - storedBytes ? .max : storedBytes + room
        if !started {
            started = true
            switch coding {
            case .gzip: startInflater(windowBits: 15 + 32, counters: &counters)
            case .unsupported(let name):
                fail("unsupported content-encoding: \(name)", counters: &counters)
            default: break
            }
        }
        switch coding {
        case .identity:
            data.withUnsafeBufferPointer { deliver($0, at: at, counters: &counters) }
        case .unsupported:
            // Keep the raw bytes so the caller still sees something.
            data.withUnsafeBufferPointer { store($0, counters: &counters) }
            decodedBytes &+= data.count
        case .deflate where inflater == nil && !stopped:
            // zlib-wrapped or raw: decide from the first two bytes (RFC 1950 header check).
            let take = min(2 - deflatePrefix.count, data.count)
            deflatePrefix.append(contentsOf: data.prefix(take))
            guard deflatePrefix.count == 2 else { return }
            let cmf = UInt16(deflatePrefix[0])
            let zlib = cmf & 0x0f == 8 && (cmf << 8 | UInt16(deflatePrefix[1])) % 31 == 0
            startInflater(windowBits: zlib ? 15 : -15, counters: &counters)
            let prefix = deflatePrefix
            prefix.withUnsafeBufferPointer { inflate($0, at: at, counters: &counters) }
            let rest = data.dropFirst(take)
            if !rest.isEmpty { rest.withUnsafeBufferPointer { inflate($0, at: at, counters: &counters) } }
        default:
            data.withUnsafeBufferPointer { inflate($0, at: at, counters: &counters) }
        }
    }

    /// Bytes of the body were lost: stop decoding (a compressed stream cannot resume), resync SSE.
    mutating func noteGap() {
        gap = true
        if inflater != nil || !started {
            inflater = nil
            if case .identity = coding {} else { stopped = true }
        }
        if parsesEvents { sse.noteGap() }
    }

    func body(wireBytes: Int, chunked: Bool) -> HTTPBody {
        HTTPBody(
            bytes: bytes, wireBytes: wireBytes, decodedBytes: decodedBytes, truncated: truncated,
            contentEncoding: contentEncoding, decodeError: decodeError, chunked: chunked)
    }

    private mutating func startInflater(windowBits: Int32, counters: inout HTTPCounters) {
        inflater = Inflater(
            windowBits: windowBits, maxOutput: limits.maxDecodedBytes, maxRatio: limits.maxDecompressionRatio,
            grace: limits.ratioGraceBytes)
        if inflater == nil { fail("zlib initialisation failed", counters: &counters) }
    }

    private mutating func inflate(_ p: UnsafeBufferPointer<UInt8>, at: Timestamp, counters: inout HTTPCounters) {
        guard !stopped, let inf = inflater else { return }
        let outcome = inf.feed(p) { out in deliver(out, at: at, counters: &counters) }
        switch outcome {
        case .ok, .end: break
        case .limit:
            markTruncated(&counters)
            inflater = nil
            stopped = true
        case .error(let message):
            fail(message, counters: &counters)
        }
    }

    private mutating func fail(_ message: String, counters: inout HTTPCounters) {
        guard decodeError == nil else { return }
        decodeError = message
        counters.decodeErrors &+= 1
        inflater = nil
        stopped = true
    }

    private mutating func markTruncated(_ counters: inout HTTPCounters) {
        if !truncated { counters.bodyTruncations &+= 1 }
        truncated = true
    }

    private mutating func noteBudget(_ counters: inout HTTPCounters) {
        if !budgetLimited { counters.memoryBudgetHits &+= 1 }
        budgetLimited = true
    }

    private mutating func store(_ p: UnsafeBufferPointer<UInt8>, counters: inout HTTPCounters) {
        // Once cut, never store again: the stored bytes must stay a prefix of the body.
        guard !truncated else { return }
        let budgetRoom = max(0, cap - storedBytes)
        let room = min(limits.maxBodyBytes - bytes.count, budgetRoom)
        if p.count > room {
            if budgetRoom < limits.maxBodyBytes - bytes.count { noteBudget(&counters) }
            markTruncated(&counters)
            if room > 0 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[0..<room])) }
        } else {
            bytes.append(contentsOf: p)
        }
    }

    private mutating func deliver(_ p: UnsafeBufferPointer<UInt8>, at: Timestamp, counters: inout HTTPCounters) {
        decodedBytes &+= p.count
        guard parsesEvents else { return store(p, counters: &counters) }
        // An event stream is kept as its events only (the raw bytes would hold the same data twice); the
        // per-message cap applies to what the events hold.
        let budgetLimits = cap <= limits.maxBodyBytes
        sse.feed(p, at: at, cap: min(cap, limits.maxBodyBytes), counters: &counters)
        if sse.budgetDenied {
            if budgetLimits { noteBudget(&counters) } else { markTruncated(&counters) }
        }
    }
}
