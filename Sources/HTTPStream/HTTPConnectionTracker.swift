// HTTPConnectionTracker: the entry point of the HTTP layer. It consumes the reassembler's StreamEvents
// for every connection, keeps per-connection HTTP state (created on first sight, removed on close),
// and appends finished HTTPExchanges to the caller's array.

import Reassembly
import Wire

/// Turns reassembled TCP streams into paired HTTP/1.x exchanges.
public struct HTTPConnectionTracker: Sendable {
    public let limits: HTTPLimits
    /// Totals over all connections so far.
    public private(set) var counters = HTTPCounters()
    var connections: [ConnectionID: ConnectionState] = [:]

    public init(limits: HTTPLimits = .default) {
        self.limits = limits
    }

    /// Connections with live HTTP state.
    public var activeConnections: Int { connections.count }

    /// Applies one stream event; exchanges it completes are appended to `exchanges`.
    public mutating func handle(_ event: StreamEvent, into exchanges: inout [HTTPExchange]) {
        switch event {
        case .opened(let id, _, _):
            if connections[id] == nil { connections[id] = ConnectionState(id: id, limits: limits) }
        case .data(let id, let direction, let bytes, let at):
            if connections[id] == nil { connections[id] = ConnectionState(id: id, limits: limits) }
            connections[id]!.data(direction, bytes, at: at, counters: &counters, out: &exchanges)
        case .gap(let id, let direction, let length, _, _):
            connections[id]?.gap(direction, length: length, counters: &counters, out: &exchanges)
        case .finished(let id, let direction, _):
            connections[id]?.finish(direction, seenEOF: true, counters: &counters, out: &exchanges)
        case .closed(let id, let reason, _):
            guard var state = connections.removeValue(forKey: id) else { return }
            state.close(reason: reason, counters: &counters, out: &exchanges)
        }
    }

    /// Ends every connection (end of capture) and emits all pending exchanges.
    public mutating func finish(into exchanges: inout [HTTPExchange]) {
        let ids = connections.keys.sorted { $0.serial < $1.serial }
        for id in ids {
            guard var state = connections.removeValue(forKey: id) else { continue }
            state.close(reason: .endOfCapture, counters: &counters, out: &exchanges)
        }
    }
}
