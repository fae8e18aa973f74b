// SSEEvent: one dispatched server-sent event (WHATWG HTML "event stream interpretation"). Its data stays bytes:
// a slice of the buffer the stream's parser filled, shared by all events of one response; a String is made
// only when asked for.

import Wire

/// A server-sent event; `at` is the packet time of the blank line that dispatched it.
public struct SSEEvent: Sendable, Hashable {
    /// The event type; "message" when no `event:` field was given.
    public var event: String
    /// The `data:` lines joined with "\n", as received (UTF-8 not checked).
    public var dataBytes: ArraySlice<UInt8>
    /// The last event ID in effect (it persists across events, per the spec), or nil if never set.
    public var id: String?
    /// A `retry:` value given within this event's block, if any.
    public var retry: Int?
    public var at: Timestamp

    public init(event: String = "message", data: String, id: String? = nil, retry: Int? = nil, at: Timestamp) {
        self.init(event: event, dataBytes: ArraySlice(data.utf8), id: id, retry: retry, at: at)
    }

    public init(
        event: String = "message", dataBytes: ArraySlice<UInt8>, id: String? = nil, retry: Int? = nil, at: Timestamp
    ) {
        self.event = event
        self.dataBytes = dataBytes
        self.id = id
        self.retry = retry
        self.at = at
    }

    /// The `data:` lines joined with "\n", decoded as UTF-8 (invalid sequences repaired).
    public var data: String {
        get { String(decoding: dataBytes, as: UTF8.self) }
        set { dataBytes = ArraySlice(newValue.utf8) }
    }
}
