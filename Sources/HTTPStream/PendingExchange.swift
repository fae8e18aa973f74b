// PendingExchange: one slot of a connection's FIFO — a request (or a placeholder for a lost one)
// waiting for its response, or a response-only slot — until both sides are done and it is emitted.

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

    var isEmpty: Bool { request == nil && response == nil }
}
