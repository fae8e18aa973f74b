// ConnectionState: the HTTP view of one TCP connection — a decoder per direction, the message being
// assembled in each direction, and the bounded FIFO pairing requests with responses in order. It is
// role-agnostic: whichever direction turns out to carry requests feeds the FIFO, the other answers.
// Every byte it holds (decoder buffers, collectors, FIFO slots) is charged to the tracker's budget.

import Reassembly
import Wire

struct ConnectionState: Sendable {
    let id: ConnectionID
    let limits: HTTPLimits
    var decoders: [HTTPMessageDecoder]
    /// Buffered bytes of each decoder as last charged to the budget.
    var decoderCharge = [0, 0]
    var builders: [MessageBuilder?] = [nil, nil]
    var entries: [PendingExchange] = []
    /// Entries at the front of `entries` that already have a (started) response.
    var answered = 0
    var nextIndex = 0
    var opaque = false

    init(id: ConnectionID, limits: HTTPLimits) {
        self.id = id
        self.limits = limits
        decoders = [HTTPMessageDecoder(limits: limits), HTTPMessageDecoder(limits: limits)]
    }

    /// Bytes charged to the budget for this connection.
    var chargedBytes: Int {
        decoderCharge[0] + decoderCharge[1] + builders.reduce(0) { $0 + ($1?.collector.storedBytes ?? 0) }
            + entries.reduce(0) { $0 + $1.storedBytes }
    }

    /// Payload bytes actually held, recomputed from the buffers themselves (to check the accounting).
    var measuredBytes: Int {
        decoders[0].bufferedBytes + decoders[1].bufferedBytes
            + builders.reduce(0) { $0 + ($1?.collector.storedBytes ?? 0) }
            + entries.reduce(0) { $0 + $1.payloadBytes }
    }

    mutating func data(
        _ d: Direction, _ bytes: ArraySlice<UInt8>, at: Timestamp, counters: inout HTTPCounters,
        budget: inout StorageBudget, out: inout [HTTPExchange]
    ) {
        let k = Int(d.rawValue)
        guard !opaque else { return }
        decoders[k].feed(bytes, at: at)
        drain(k, counters: &counters, budget: &budget, out: &out)
    }

    mutating func gap(
        _ d: Direction, length: UInt64?, counters: inout HTTPCounters, budget: inout StorageBudget,
        out: inout [HTTPExchange]
    ) {
        let k = Int(d.rawValue)
        decoders[k].gap(length: length)
        drain(k, counters: &counters, budget: &budget, out: &out)
    }

    mutating func finish(
        _ d: Direction, seenEOF: Bool, counters: inout HTTPCounters, budget: inout StorageBudget,
        out: inout [HTTPExchange]
    ) {
        let k = Int(d.rawValue)
        guard !decoders[k].isFinished else { return }
        decoders[k].finish(seenEOF: seenEOF)
        drain(k, counters: &counters, budget: &budget, out: &out)
    }

    /// Ends both directions and emits everything still pending; afterwards nothing is charged.
    mutating func close(
        reason: CloseReason, counters: inout HTTPCounters, budget: inout StorageBudget, out: inout [HTTPExchange]
    ) {
        finish(.clientToServer, seenEOF: reason == .fin, counters: &counters, budget: &budget, out: &out)
        finish(.serverToClient, seenEOF: reason == .fin, counters: &counters, budget: &budget, out: &out)
        dropBuilder(0, budget: &budget)
        dropBuilder(1, budget: &budget)
        for var entry in entries {
            budget.adjust(by: -entry.storedBytes)
            if entry.isEmpty { continue }
            if !entry.responseDone && entry.request != nil {
                entry.flags.insert(.noResponse)
                counters.noResponse &+= 1
            }
            emit(entry, counters: &counters, out: &out)
        }
        entries.removeAll()
        answered = 0
    }

    // MARK: Parts

    mutating func drain(_ k: Int, counters: inout HTTPCounters, budget: inout StorageBudget, out: inout [HTTPExchange])
    {
        while true {
            decoders[k].requestMethodHint = answered < entries.count ? entries[answered].method : nil
            decoders[k].bufferAllowance = budget.decoderAllowance(holding: decoderCharge[k])
            guard let part = decoders[k].next() else { break }
            handle(part, k, counters: &counters, budget: &budget, out: &out)
        }
        let held = decoders[k].bufferedBytes
        budget.adjust(by: held - decoderCharge[k])
        decoderCharge[k] = held
        counters.add(decoders[k].takeCounters())
    }

    mutating func handle(
        _ part: HTTPPart, _ k: Int, counters: inout HTTPCounters, budget: inout StorageBudget,
        out: inout [HTTPExchange]
    ) {
        switch part {
        case .requestHead(let head, let at):
            makeRoom(counters: &counters, budget: &budget, out: &out)
            let index = nextIndex
            nextIndex += 1
            entries.append(PendingExchange(index: index, method: head.method, requestDone: false))
            let collector = BodyCollector(limits: limits, headers: head.headers, parseEvents: false)
            setBuilder(
                k, MessageBuilder(kind: .request(head), firstByte: at, exchangeIndex: index, collector: collector),
                budget: &budget)
        case .responseHead(let head, let at):
            if head.isInterim {
                if answered < entries.count { entries[answered].interim.append(head.status) }
                let collector = BodyCollector(limits: limits, headers: HTTPHeaders(), parseEvents: false)
                setBuilder(
                    k, MessageBuilder(kind: .interim, firstByte: at, exchangeIndex: -1, collector: collector),
                    budget: &budget)
                return
            }
            let index: Int
            if answered < entries.count {
                index = entries[answered].index
                answered += 1
            } else {
                index = nextIndex
                nextIndex += 1
                var entry = PendingExchange(index: index, method: nil, requestDone: true)
                entry.flags.insert(.responseOnly)
                counters.responseOnly &+= 1
                entries.append(entry)
                answered = entries.count
            }
            let collector = BodyCollector(
                limits: limits, headers: head.headers, parseEvents: MessageBuilder.isEventStream(head.headers))
            setBuilder(
                k, MessageBuilder(kind: .response(head), firstByte: at, exchangeIndex: index, collector: collector),
                budget: &budget)
        case .body(let bytes, let at):
            guard builders[k] != nil else { return }
            let before = builders[k]!.collector.storedBytes
            builders[k]!.collector.append(bytes, at: at, room: budget.contentRoom, counters: &counters)
            budget.adjust(by: builders[k]!.collector.storedBytes - before)
        case .bodyGap:
            guard builders[k] != nil else { return }
            let before = builders[k]!.collector.storedBytes
            builders[k]!.collector.noteGap()
            budget.adjust(by: builders[k]!.collector.storedBytes - before)
        case .end(let end):
            finalize(k, end, counters: &counters, budget: &budget, out: &out)
        case .lost(let reason, _):
            lost(k, reason == .gap ? .gap : .parseError, counters: &counters, budget: &budget, out: &out)
        case .switched:
            opaque = true
            let other = 1 - k
            if !decoders[other].isOpaque && !decoders[other].isFinished {
                decoders[other].becomeOpaque()
                drain(other, counters: &counters, budget: &budget, out: &out)
            }
        }
    }

    /// Starts a message in direction `k` (releasing any builder left there).
    mutating func setBuilder(_ k: Int, _ builder: consuming MessageBuilder, budget: inout StorageBudget) {
        dropBuilder(k, budget: &budget)
        budget.adjust(by: builder.collector.storedBytes)
        builders[k] = builder
    }

    /// Discards the message being assembled in direction `k` and releases what it held.
    mutating func dropBuilder(_ k: Int, budget: inout StorageBudget) {
        _ = takeBuilder(k, budget: &budget)
    }

    /// Removes the message being assembled in direction `k` (moved out, not copied) and releases its charge.
    mutating func takeBuilder(_ k: Int, budget: inout StorageBudget) -> MessageBuilder? {
        guard let b = builders[k].take() else { return nil }
        budget.adjust(by: -b.collector.storedBytes)
        return b
    }

    /// A message was dropped before its head parsed: keep the FIFO aligned with a placeholder.
    mutating func lost(
        _ k: Int, _ flag: ExchangeFlags, counters: inout HTTPCounters, budget: inout StorageBudget,
        out: inout [HTTPExchange]
    ) {
        switch decoders[k].role {
        case .responses:
            guard answered < entries.count else { return }
            entries[answered].responseDone = true
            entries[answered].flags.insert(flag)
            answered += 1
            emitReady(counters: &counters, budget: &budget, out: &out)
        case .requests:
            makeRoom(counters: &counters, budget: &budget, out: &out)
            var entry = PendingExchange(index: nextIndex, method: nil, requestDone: true)
            entry.flags.insert(flag)
            nextIndex += 1
            entries.append(entry)
        case .unknown:
            break
        }
    }

    mutating func finalize(
        _ k: Int, _ end: HTTPMessageEnd, counters: inout HTTPCounters, budget: inout StorageBudget,
        out: inout [HTTPExchange]
    ) {
        // The collector's charge ends here; what the FIFO slot keeps is charged to the slot below.
        guard let b = takeBuilder(k, budget: &budget) else { return }
        var flags: ExchangeFlags = []
        if end.gap || b.collector.gap { flags.insert(.gap) }
        if end.parseError { flags.insert(.parseError) }
        if !end.complete && !end.gap && !end.parseError { flags.insert(.incomplete) }
        if b.collector.truncated { flags.insert(.bodyTruncated) }
        if b.collector.decodeError != nil { flags.insert(.decodeError) }
        let body = b.collector.body(wireBytes: end.wireBodyBytes, chunked: end.chunked)
        let position = entries.firstIndex { $0.index == b.exchangeIndex }
        switch b.kind {
        case .interim:
            return
        case .request(let head):
            let request = HTTPRequest(
                head: head, body: body, firstByte: b.firstByte, lastByte: end.at, complete: end.complete)
            guard let p = position else {
                // Its slot was evicted by FIFO overflow: emit it on its own.
                let lone = PendingExchange(
                    index: b.exchangeIndex, method: head.method, request: request, requestDone: true,
                    flags: flags.union(.noResponse))
                counters.noResponse &+= 1
                return emit(lone, counters: &counters, out: &out)
            }
            entries[p].request = request
            entries[p].requestDone = true
            entries[p].flags.formUnion(flags)
            recharge(p, budget: &budget)
        case .response(let head):
            var response = HTTPResponse(
                head: head, body: body, events: b.collector.events, firstByte: b.firstByte, lastByte: end.at,
                complete: end.complete)
            guard let p = position else { return }
            response.interim = entries[p].interim
            entries[p].response = response
            entries[p].responseDone = true
            entries[p].flags.formUnion(flags)
            recharge(p, budget: &budget)
        }
        emitReady(counters: &counters, budget: &budget, out: &out)
    }

    /// Brings slot `p`'s charge in line with what it now holds.
    mutating func recharge(_ p: Int, budget: inout StorageBudget) {
        let held = entries[p].payloadBytes
        budget.adjust(by: held - entries[p].storedBytes)
        entries[p].storedBytes = held
    }

    // MARK: FIFO

    /// Emits finished exchanges from the front of the FIFO, in order.
    mutating func emitReady(counters: inout HTTPCounters, budget: inout StorageBudget, out: inout [HTTPExchange]) {
        while !entries.isEmpty, entries[0].requestDone && entries[0].responseDone {
            let first = entries.removeFirst()
            budget.adjust(by: -first.storedBytes)
            answered = max(0, answered - 1)
            if !first.isEmpty { emit(first, counters: &counters, out: &out) }
        }
    }

    /// Keeps the FIFO bounded: evicts the oldest slot when full.
    mutating func makeRoom(counters: inout HTTPCounters, budget: inout StorageBudget, out: inout [HTTPExchange]) {
        while entries.count >= max(1, limits.maxPendingRequests) {
            var first = entries.removeFirst()
            budget.adjust(by: -first.storedBytes)
            answered = max(0, answered - 1)
            counters.pendingOverflow &+= 1
            // A request still being received is emitted on its own when it ends.
            guard first.requestDone, !first.isEmpty else { continue }
            if !first.responseDone && first.request != nil {
                first.flags.insert(.noResponse)
                counters.noResponse &+= 1
            }
            emit(first, counters: &counters, out: &out)
        }
    }

    func emit(_ entry: consuming PendingExchange, counters: inout HTTPCounters, out: inout [HTTPExchange]) {
        counters.exchanges &+= 1
        // Taken out of the consumed slot: reading the fields copied each message, then released the slot's.
        out.append(
            HTTPExchange(
                connection: id, index: entry.index, request: entry.request.take(), response: entry.response.take(),
                flags: entry.flags))
    }
}
