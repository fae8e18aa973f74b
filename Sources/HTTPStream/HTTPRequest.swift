// HTTPRequest: one complete (or cut-short) request message as observed on the wire.

import Wire

/// A request: head, body and the packet times of its first and last byte.
public struct HTTPRequest: Sendable, Hashable {
    public var head: HTTPRequestHead
    public var body: HTTPBody
    public var firstByte: Timestamp
    public var lastByte: Timestamp
    /// False when the message was cut by a gap, a parse error, or the end of the connection.
    public var complete: Bool

    public init(head: HTTPRequestHead, body: HTTPBody, firstByte: Timestamp, lastByte: Timestamp, complete: Bool) {
        self.head = head
        self.body = body
        self.firstByte = firstByte
        self.lastByte = lastByte
        self.complete = complete
    }
}
