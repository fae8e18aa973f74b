// DirectionState: one direction of one connection — its sequence space (unwrapped to 64-bit offsets so
// wraparound is free), the out-of-order segments held behind a hole, the FIN position, and a small ring
// of recently delivered bytes used to spot retransmissions whose content changed. It owns the
// byte-level rules: first copy wins, in-order bytes go out as slices of the segment without copying,
// out-of-order bytes are copied and released once the hole fills, gaps are declared, never zero-filled.

import Wire

/// A run of bytes (or a snaplen hole) held ahead of the next expected offset.
struct PendingSegment {
    var start: Int64
    var end: Int64
    /// The copied bytes; empty for a hole marker.
    var bytes: [UInt8]
    /// True when this range was announced but not captured (snaplen); delivered as a `.snaplen` gap.
    var isHole: Bool
}

/// Who and when, for the events one call emits.
struct EventContext {
    var id: ConnectionID
    var direction: Direction
    var time: Timestamp
}

/// What one ingested byte range turned out to be, for the segment-level counters.
struct IngestResult {
    var oldBytes: Int64 = 0
    var overlapBytes: Int64 = 0
    var newBytes: Int64 = 0
    var inconsistent = false
    var buffered = false
}

/// Reassembly state for one direction of one connection.
struct DirectionState {
    /// Segments more than this far ahead of the next expected byte are ignored (max scaled TCP window).
    static let maxWindow: Int64 = 1 << 30

    var isInitialized = false
    /// The sequence number of offset 0.
    var base: UInt32 = 0
    /// Offset of the next byte to deliver; everything before it was delivered or declared a gap.
    var next: Int64 = 0
    /// Offset of the FIN, once seen.
    var finAt: Int64?
    var finishedEmitted = false
    /// Non-overlapping, sorted by `start`, every `start > next`.
    var pending: [PendingSegment] = []
    var pendingBytes = 0
    /// Ring of the last delivered bytes: byte at offset `x` lives at `tail[x & (tail.count - 1)]`.
    var tail: [UInt8] = []
    /// How many bytes before `next` the ring holds validly (reset by gaps).
    var tailValid = 0

    var isFinished: Bool { finishedEmitted }

    mutating func start(at sequence: UInt32) {
        isInitialized = true
        base = sequence
        next = 0
    }

    /// The 64-bit offset of a sequence number, taking the representative nearest to `next` (mod 2^32).
    @inline(__always)
    func offset(of sequence: UInt32) -> Int64 {
        let nextSequence = base &+ UInt32(truncatingIfNeeded: next)
        return next &+ Int64(Int32(bitPattern: sequence &- nextSequence))
    }

    // MARK: - Ingest

    /// Takes one segment's byte range: `captured` bytes starting at `start`, followed by
    /// `announced - captured.count` bytes that snaplen cut off. Returns what the bytes were.
    mutating func ingest(
        start: Int64, captured: ArraySlice<UInt8>, announced: Int, fin: Bool, otherBuffered: Int,
        limits: ReassemblyLimits, context: EventContext,
        counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) -> IngestResult {
        var result = IngestResult()
        if tail.isEmpty && !captured.isEmpty { prepareRing(size: limits.retransmissionCheckBytes) }
        if fin && finAt == nil { finAt = start + Int64(announced) }
        var end = start + Int64(announced)
        if let f = finAt, end > f { end = f }
        let capturedEnd = min(end, start + Int64(captured.count))
        if start < capturedEnd {
            ingestRange(
                start: start, end: capturedEnd, bytes: captured, bytesStart: start, otherBuffered: otherBuffered,
                limits: limits, context: context, result: &result, counters: &counters, events: &events)
        }
        let holeStart = max(start, capturedEnd)
        if holeStart < end {
            ingestRange(
                start: holeStart, end: end, bytes: nil, bytesStart: start, otherBuffered: otherBuffered,
                limits: limits, context: context, result: &result, counters: &counters, events: &events)
        }
        checkFinished(context: context, events: &events)
        return result
    }

    /// One contiguous range with bytes (`bytes` indexed from offset `bytesStart`) or a snaplen hole (nil).
    private mutating func ingestRange(
        start: Int64, end: Int64, bytes: ArraySlice<UInt8>?, bytesStart: Int64, otherBuffered: Int,
        limits: ReassemblyLimits, context: EventContext,
        result: inout IngestResult, counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) {
        var cur = start
        if cur < next {
            let oldEnd = min(end, next)
            result.oldBytes += oldEnd - cur
            if let b = bytes, !tailMatches(b, bytesStart: bytesStart, from: cur, to: oldEnd) {
                result.inconsistent = true
            }
            cur = oldEnd
        }
        while cur < end {
            if cur < next {  // just delivered from the held segments by a drain below: first copy won
                let heldEnd = min(end, next)
                result.overlapBytes += heldEnd - cur
                if let b = bytes, !tailMatches(b, bytesStart: bytesStart, from: cur, to: heldEnd) {
                    result.inconsistent = true
                }
                cur = heldEnd
                continue
            }
            var i = firstPending(endingAfter: cur)
            if i < pending.count && pending[i].start <= cur {
                let overlapEnd = min(end, pending[i].end)
                result.overlapBytes += overlapEnd - cur
                if let b = bytes, !pending[i].isHole,
                    !pendingMatches(i, b, bytesStart: bytesStart, from: cur, to: overlapEnd)
                {
                    result.inconsistent = true
                }
                cur = overlapEnd
                continue
            }
            let pieceEnd = i < pending.count ? min(end, pending[i].start) : end
            result.newBytes += pieceEnd - cur
            if cur != next {
                makeRoom(
                    before: cur, bytes: bytes == nil ? 0 : Int(pieceEnd - cur), otherBuffered: otherBuffered,
                    limits: limits, context: context, counters: &counters, events: &events)
            }
            if cur == next {
                if let b = bytes {
                    let lo = b.startIndex + Int(cur - bytesStart)
                    let hi = b.startIndex + Int(pieceEnd - bytesStart)
                    deliver(b[lo..<hi], context: context, events: &events)
                } else {
                    declareGap(
                        pieceEnd - cur, reason: .snaplen, context: context, counters: &counters, events: &events)
                    next = pieceEnd
                }
                drain(context: context, counters: &counters, events: &events)
            } else {
                i = firstPending(endingAfter: cur)
                var copy: [UInt8] = []
                if let b = bytes {
                    let lo = b.startIndex + Int(cur - bytesStart)
                    let hi = b.startIndex + Int(pieceEnd - bytesStart)
                    copy = Array(b[lo..<hi])
                }
                pending.insert(PendingSegment(start: cur, end: pieceEnd, bytes: copy, isHole: bytes == nil), at: i)
                pendingBytes += copy.count
                counters.bufferedBytes += UInt64(copy.count)
                result.buffered = true
            }
            cur = pieceEnd
        }
    }

    /// Frees room before buffering `bytes` bytes at offset `position > next`: while a cap would be exceeded,
    /// declares a `.memoryCap` gap up to the earliest held segment (or up to `position` itself when it is the
    /// earliest) and delivers what became contiguous.
    private mutating func makeRoom(
        before position: Int64, bytes: Int, otherBuffered: Int, limits: ReassemblyLimits, context: EventContext,
        counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) {
        while next < position {
            let overSegments = pending.count >= limits.maxSegmentsPerDirection
            let overConnection = pendingBytes + otherBuffered + bytes > limits.maxBufferedBytesPerConnection
            let overTotal = Int(counters.bufferedBytes) + bytes > limits.maxBufferedBytesTotal
            guard overSegments || (bytes > 0 && (overConnection || overTotal)) else { return }
            counters.memoryCapHits += 1
            let target = pending.first.map { min($0.start, position) } ?? position
            declareGap(target - next, reason: .memoryCap, context: context, counters: &counters, events: &events)
            next = target
            drain(context: context, counters: &counters, events: &events)
        }
    }

    // MARK: - Acknowledgments and closing

    /// The peer acknowledged everything before `offset`: bytes before it that were never captured are a gap.
    mutating func acknowledge(
        upTo offset: Int64, context: EventContext, counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) {
        var target = offset
        if let f = finAt, target > f { target = f }
        guard target > next, target - next <= Self.maxWindow else { return }
        while next < target {
            let holeEnd = pending.first.map { min($0.start, target) } ?? target
            if holeEnd > next {
                declareGap(
                    holeEnd - next, reason: .acknowledgedHole, context: context, counters: &counters, events: &events)
                next = holeEnd
            }
            drain(context: context, counters: &counters, events: &events)
        }
        checkFinished(context: context, events: &events)
    }

    /// Gives up on every hole: declares a gap before each held segment and delivers them all.
    mutating func flush(
        reason: GapReason, context: EventContext, counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) {
        while let first = pending.first {
            if first.start > next {
                declareGap(first.start - next, reason: reason, context: context, counters: &counters, events: &events)
                next = first.start
            }
            drain(context: context, counters: &counters, events: &events)
        }
        checkFinished(context: context, events: &events)
    }

    // MARK: - Delivery

    /// Delivers held segments that now start at `next`.
    private mutating func drain(
        context: EventContext, counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) {
        var k = 0
        while k < pending.count && pending[k].start <= next {
            let segment = pending[k]
            pendingBytes -= segment.bytes.count
            counters.bufferedBytes -= UInt64(segment.bytes.count)
            if segment.end > next {  // defensive: `start > next` holds, so this is the whole segment
                if segment.isHole {
                    declareGap(
                        segment.end - next, reason: .snaplen, context: context, counters: &counters, events: &events)
                    next = segment.end
                } else {
                    let skip = Int(next - segment.start)
                    deliver(segment.bytes[skip...], context: context, events: &events)
                }
            }
            k += 1
        }
        if k > 0 { pending.removeFirst(k) }
    }

    @inline(__always)
    private mutating func deliver(_ bytes: ArraySlice<UInt8>, context: EventContext, events: inout [StreamEvent]) {
        events.append(.data(context.id, context.direction, bytes, at: context.time))
        remember(bytes)
        next += Int64(bytes.count)
    }

    private mutating func declareGap(
        _ length: Int64, reason: GapReason, context: EventContext,
        counters: inout ReassemblyCounters, events: inout [StreamEvent]
    ) {
        counters.gaps += 1
        counters.gapBytes += UInt64(length)
        tailValid = 0
        events.append(.gap(context.id, context.direction, length: UInt64(length), reason: reason, at: context.time))
    }

    private mutating func checkFinished(context: EventContext, events: inout [StreamEvent]) {
        if !finishedEmitted, let f = finAt, next >= f {
            finishedEmitted = true
            events.append(.finished(context.id, context.direction, at: context.time))
        }
    }

    // MARK: - Comparing retransmissions

    /// Index of the first held segment whose end is after `offset`.
    @inline(__always)
    private func firstPending(endingAfter offset: Int64) -> Int {
        if pending.isEmpty || pending[pending.count - 1].end <= offset { return pending.count }
        var lo = 0
        var hi = pending.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if pending[mid].end > offset { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Records delivered bytes (about to start at `next`) in the ring.
    @inline(__always)
    private mutating func remember(_ bytes: ArraySlice<UInt8>) {
        let ringSize = tail.count
        guard ringSize > 0 else { return }
        let mask = ringSize - 1
        let n = bytes.count
        let keep = min(n, ringSize)
        let firstOffset = Int(truncatingIfNeeded: next) + (n - keep)
        bytes.withUnsafeBufferPointer { src in
            tail.withUnsafeMutableBufferPointer { ring in
                var srcIndex = n - keep
                var pos = firstOffset & mask
                var left = keep
                while left > 0 {
                    let run = min(left, ringSize - pos)
                    let from = src.baseAddress!.advanced(by: srcIndex)
                    ring.baseAddress!.advanced(by: pos).update(from: from, count: run)
                    srcIndex += run
                    left -= run
                    pos = 0
                }
            }
        }
        tailValid = min(ringSize, tailValid + n)
    }

    /// Allocates the delivered-bytes ring (once, on the first delivery of a direction).
    mutating func prepareRing(size: Int) {
        guard tail.isEmpty, size > 0 else { return }
        var s = 1
        while s < size { s <<= 1 }
        tail = [UInt8](repeating: 0, count: s)
    }

    /// True unless the remembered delivered bytes in `[from, to)` differ from `bytes`.
    private func tailMatches(_ bytes: ArraySlice<UInt8>, bytesStart: Int64, from: Int64, to: Int64) -> Bool {
        let lo = max(from, next - Int64(tailValid))
        guard lo < to else { return true }
        let mask = tail.count - 1
        var x = lo
        while x < to {
            if tail[Int(truncatingIfNeeded: x) & mask] != bytes[bytes.startIndex + Int(x - bytesStart)] { return false }
            x += 1
        }
        return true
    }

    /// True unless held segment `i` differs from `bytes` in `[from, to)`.
    private func pendingMatches(
        _ i: Int, _ bytes: ArraySlice<UInt8>, bytesStart: Int64, from: Int64, to: Int64
    ) -> Bool {
        let held = pending[i]
        let a = bytes[(bytes.startIndex + Int(from - bytesStart))..<(bytes.startIndex + Int(to - bytesStart))]
        let b = held.bytes[Int(from - held.start)..<Int(to - held.start)]
        return a.elementsEqual(b)
    }
}
