// HTTPResponse: one final response message as observed on the wire, with any interim (1xx) statuses
// that preceded it and, for text/event-stream bodies, the server-sent events parsed from it.

import Wire

/// A final response: head, body, SSE events (nil unless text/event-stream), and packet times.
public struct HTTPResponse: Sendable, Hashable {
    public var head: HTTPResponseHead
    public var body: HTTPBody
    /// Parsed server-sent events, or nil when the response is not text/event-stream.
    public var events: SSEEvents?
    public var firstByte: Timestamp
    public var lastByte: Timestamp
    /// False when the message was cut by a gap, a parse error, or the end of the connection.
    public var complete: Bool
    /// Statuses of interim responses (e.g. 100) seen before this one for the same request.
    public var interim: [Int]

    public init(
        head: HTTPResponseHead, body: HTTPBody, events: SSEEvents?, firstByte: Timestamp, lastByte: Timestamp,
        complete: Bool, interim: [Int] = []
    ) {
        self.head = head
        self.body = body
        self.events = events
        self.firstByte = firstByte
        self.lastByte = lastByte
        self.complete = complete
        self.interim = interim
    }
}
