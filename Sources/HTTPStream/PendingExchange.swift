// PendingExchange: one slot of a connection's FIFO — a request (or a placeholder for a lost one)
// waiting for its response, or a response-only slot — until both sides are done and it is emitted. The
// body and event bytes it holds stay charged to the tracker's global budget until then.

struct PendingExchange: Sendable {
    var index: Int
    /// The request method (drives HEAD / CONNECT response framing); nil for placeholders.
    var method: String?
    var request: HTTPRequest?
    var requestDone: Bool
    var response: HTTPResponse?
    var responseDone = false
    var interim: [Int] = []
    var flags: ExchangeFlags = []
    /// Bytes charged to the global budget for this slot (kept equal to `payloadBytes`).
    var storedBytes = 0

    var isEmpty: Bool {
        // Pattern matches, not `== nil`: these types are Equatable, and `==` compared whole messages with nil.
        if case .some = request { return false }
        if case .some = response { return false }
        return true
    }

    /// Payload held: both stored body prefixes and the kept events.
    var payloadBytes: Int {
        let events = response?.events?.payloadBytes ?? 0
        return (request?.body.bytes.count ?? 0) + (response?.body.bytes.count ?? 0) + events
    }
}
