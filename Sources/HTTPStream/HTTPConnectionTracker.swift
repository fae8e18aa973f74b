// HTTPConnectionTracker: the entry point of the HTTP layer. It consumes the reassembler's StreamEvents
// for every connection, keeps per-connection HTTP state (created on first sight, removed on close),
// and appends finished HTTPExchanges to the caller's array. It owns the global stored-bytes budget
// (HTTPLimits.maxStoredBytesTotal) that every connection's buffers are charged to.

import Reassembly
import Wire

/// Turns reassembled TCP streams into paired HTTP/1.x exchanges.
public struct HTTPConnectionTracker: Sendable {
    public let limits: HTTPLimits
    /// Totals over all connections so far.
    public private(set) var counters = HTTPCounters()
    var connections: [ConnectionID: ConnectionState] = [:]
    /// The connection looked up last and its index in `connections`: consecutive events mostly share one.
    /// Cleared on every insertion and removal (they may move any index).
    private var recent: (id: ConnectionID, index: [ConnectionID: ConnectionState].Index)?
    var budget: StorageBudget

    public init(limits: HTTPLimits = .default) {
        self.limits = limits
        budget = StorageBudget(limit: limits.maxStoredBytesTotal)
    }

    /// Connections with live HTTP state.
    public var activeConnections: Int { connections.count }

    /// Payload bytes currently held for all connections (stored bodies and events, pending exchanges,
    /// decoder buffers); never above `limits.maxStoredBytesTotal` between events.
    public var storedBytes: Int { budget.used }

    /// Applies one stream event; exchanges it completes are appended to `exchanges`.
    public mutating func handle(_ event: StreamEvent, into exchanges: inout [HTTPExchange]) {
        switch event {
        case .opened(let id, _, _):
            _ = state(of: id)
        case .data(let id, let direction, let bytes, let at):
            let i = state(of: id)
            connections.values[i].data(direction, bytes, at: at, counters: &counters, budget: &budget, out: &exchanges)
        case .gap(let id, let direction, let length, _, _):
            guard let i = index(of: id) else { return }
            connections.values[i].gap(direction, length: length, counters: &counters, budget: &budget, out: &exchanges)
        case .finished(let id, let direction, _):
            guard let i = index(of: id) else { return }
            connections.values[i].finish(
                direction, seenEOF: true, counters: &counters, budget: &budget, out: &exchanges)
        case .closed(let id, let reason, _):
            guard let state = remove(id) else { return }
            close(state, reason: reason, into: &exchanges)
        }
    }

    /// The position of `id`'s state, if it has one. Callers mutate it through `connections.values[i]`, which
    /// works in place (the dictionary's key subscript would move the whole state out and back).
    private mutating func index(of id: ConnectionID) -> [ConnectionID: ConnectionState].Index? {
        if let recent, recent.id == id { return recent.index }
        let i = connections.index(forKey: id)
        if let i { recent = (id, i) }
        return i
    }

    /// The position of `id`'s state, created on first sight.
    private mutating func state(of id: ConnectionID) -> [ConnectionID: ConnectionState].Index {
        if let i = index(of: id) { return i }
        connections[id] = ConnectionState(id: id, limits: limits)
        recent = nil
        return index(of: id)!
    }

    /// Removes `id`'s state.
    private mutating func remove(_ id: ConnectionID) -> ConnectionState? {
        recent = nil
        return connections.removeValue(forKey: id)
    }

    /// Ends every connection (end of capture) and emits all pending exchanges.
    public mutating func finish(into exchanges: inout [HTTPExchange]) {
        let ids = connections.keys.sorted { $0.serial < $1.serial }
        for id in ids {
            guard let state = remove(id) else { continue }
            close(state, reason: .endOfCapture, into: &exchanges)
        }
    }

    private mutating func close(_ state: ConnectionState, reason: CloseReason, into exchanges: inout [HTTPExchange]) {
        var state = state
        state.close(reason: reason, counters: &counters, budget: &budget, out: &exchanges)
        // Nothing should be left; release it anyway so an accounting slip cannot leak budget.
        let left = state.chargedBytes
        assert(left == 0, "closed connection still charged \(left) bytes")
        budget.adjust(by: -left)
    }

    /// The stored bytes recomputed from every connection's buffers (tests compare it with `storedBytes`).
    func measuredStoredBytes() -> Int { connections.values.reduce(0) { $0 + $1.measuredBytes } }
}
