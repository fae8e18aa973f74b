// SSEEvents: the server-sent events of one response, stored flat: every event's data in one byte buffer, one
// plain record per event (data range, type and id as indices into small string tables, retry, time), and the
// payload they hold counted as they are added. A collection of SSEEvent values for everything that wants them;
// the adapters read the events in place (`forEachEvent`), which takes no reference per event.

import Wire

/// The events of one response, in the order they were dispatched.
public struct SSEEvents: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    struct Record: Sendable {
        var start: Int
        var end: Int
        /// Index into `types`.
        var type: Int32
        /// Index into `ids`, or -1.
        var id: Int32
        /// The `retry:` value, or -1.
        var retry: Int
        var at: Timestamp
    }

    /// The data of every event (the parser also keeps its pending event's lines after them while it works).
    var bytes: [UInt8] = []
    var records: [Record] = []
    /// Event types; the first `internedTypes` are shared by every event of that type.
    var types: [String] = []
    /// Event IDs; consecutive events with the same ID share one entry.
    var ids: [String] = []
    /// Payload held: each event's type, data and id bytes, as the memory budget counts them.
    public private(set) var payloadBytes = 0

    static let internedTypes = 8

    public init() {}

    public init(_ events: some Sequence<SSEEvent>) {
        for e in events {
            let start = bytes.count
            bytes.append(contentsOf: e.dataBytes)
            append(start: start, end: bytes.count, type: e.event, id: e.id, retry: e.retry, at: e.at)
        }
    }

    public init(arrayLiteral events: SSEEvent...) { self.init(events) }

    /// Adds an event whose data is `bytes[start..<end]`.
    mutating func append(start: Int, end: Int, type: String, id: String?, retry: Int?, at: Timestamp) {
        // A stream cycles through a handful of types, usually the very same String each time (equal at once).
        // The previous event's type first: consecutive events mostly share theirs.
        let t: Int
        if let last = records.last, types[Int(last.type)] == type {
            t = Int(last.type)
        } else if let known = types.prefix(Self.internedTypes).firstIndex(of: type) {
            t = known
        } else {
            t = types.count
            types.append(type)
        }
        var i = -1
        if let id {
            if let last = ids.last, last == id {
                i = ids.count - 1
            } else {
                i = ids.count
                ids.append(id)
            }
        }
        if records.capacity == 0 { records.reserveCapacity(16) }
        records.append(Record(start: start, end: end, type: Int32(t), id: Int32(i), retry: retry ?? -1, at: at))
        payloadBytes += Self.payload(type: type, data: end - start, id: id)
    }

    /// What one event holds: its type, data and id bytes.
    static func payload(type: String, data: Int, id: String?) -> Int { type.utf8.count + data + (id?.utf8.count ?? 0) }

    /// These events without any bytes after the last one's data.
    func trimmed() -> SSEEvents {
        let end = records.last?.end ?? 0
        guard bytes.count > end else { return self }
        var copy = self
        copy.bytes.removeSubrange(end...)
        return copy
    }

    // MARK: Collection

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    public subscript(position: Int) -> SSEEvent {
        let r = records[position]
        return SSEEvent(
            event: types[Int(r.type)], dataBytes: bytes[r.start..<r.end], id: r.id < 0 ? nil : ids[Int(r.id)],
            retry: r.retry < 0 ? nil : r.retry, at: r.at)
    }

    // MARK: Reading in place

    /// One event as `forEachEvent` hands it over; `data` is valid only inside that call.
    public struct View {
        /// The event type ("message" when none was given).
        public let event: String
        /// The `data:` lines joined with "\n", as received.
        public let data: UnsafeBufferPointer<UInt8>
        public let at: Timestamp
    }

    /// Calls `body` with each event in order, its data read in place.
    public func forEachEvent(_ body: (View) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { all in
            for r in records {
                try body(View(event: types[Int(r.type)], data: UnsafeBufferPointer(rebasing: all[r.start..<r.end]), at: r.at))
            }
        }
    }
}

extension SSEEvents: Hashable {
    /// Equal when the events are, however they are stored.
    public static func == (a: SSEEvents, b: SSEEvents) -> Bool { a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for e in self { hasher.combine(e) }
    }
}
