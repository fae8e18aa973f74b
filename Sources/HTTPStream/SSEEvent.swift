// SSEEvent: one dispatched server-sent event (WHATWG HTML "event stream interpretation").

import Wire

/// A server-sent event; `at` is the packet time of the blank line that dispatched it.
public struct SSEEvent: Sendable, Hashable {
    /// The event type; "message" when no `event:` field was given.
    public var event: String
    /// The `data:` lines joined with "\n".
    public var data: String
    /// The last event ID in effect (it persists across events, per the spec), or nil if never set.
    public var id: String?
    /// A `retry:` value given within this event's block, if any.
    public var retry: Int?
    public var at: Timestamp

    public init(event: String = "message", data: String, id: String? = nil, retry: Int? = nil, at: Timestamp) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
        self.at = at
    }
}
