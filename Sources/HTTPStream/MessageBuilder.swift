// MessageBuilder: one message being assembled by the tracker between its head and its end — the
// head, the packet time of its first byte, the exchange it belongs to, and its body collector.

import Wire

struct MessageBuilder: Sendable {
    enum Kind: Sendable {
        case request(HTTPRequestHead)
        case response(HTTPResponseHead)
        /// A 1xx interim response: recorded as a status on the exchange, nothing else kept.
        case interim
    }

    var kind: Kind
    var firstByte: Timestamp
    /// Index of the exchange this message belongs to (-1 for interim responses).
    var exchangeIndex: Int
    var collector: BodyCollector

    static func isEventStream(_ headers: HTTPHeaders) -> Bool {
        guard let ct = headers.firstValue(named: "content-type") else { return false }
        let media = ct.firstIndex(of: UInt8(ascii: ";")).map { ct[..<$0] } ?? ct
        return ByteScan.equalsIgnoringCase(ByteScan.trim(media), "text/event-stream")
    }
}
