// CleanTexts: the last few long texts the secret scrubber found clean. An agent resends its system prompt and
// its conversation history with every request; comparing such a text with one already scanned (memcmp) is far
// cheaper than scanning it again, so the registry scrubs conversation turns through this memo. RecentTexts is
// the memo itself, also behind the system prompt hash (FNV1a.swift).

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last `capacity` texts of `minBytes...maxBytes` UTF-8 bytes remembered, each with a value, found again by
/// their bytes; the oldest is forgotten first.
struct RecentTexts<Value> {
    let minBytes: Int
    let maxBytes: Int
    let capacity: Int
    private var entries: [(text: String, value: Value)] = []
    private var next = 0

    init(minBytes: Int, maxBytes: Int, capacity: Int) {
        self.minBytes = minBytes
        self.maxBytes = maxBytes
        self.capacity = capacity
    }

    /// Whether `text` is long enough to be worth remembering (and short enough to be kept).
    func keeps(_ text: String) -> Bool { (minBytes...maxBytes).contains(text.utf8.count) }

    /// The value remembered for a text with the same bytes, if any.
    func value(for text: String) -> Value? { entries.first { sameUTF8($0.text, text) }?.value }

    /// Remembers `text` with `value`, forgetting the oldest entry when full.
    mutating func remember(_ text: String, _ value: Value) {
        if entries.count < capacity {
            entries.append((text, value))
        } else {
            entries[next] = (text, value)
            next = (next + 1) % capacity
        }
    }
}

extension RecentTexts: Sendable where Value: Sendable {}

/// A small memo of long secret-free texts (bounded: `capacity` texts of at most `maxBytes` each).
public struct CleanTexts: Sendable {
    /// Shorter texts are scanned every time (the scan is as cheap as the comparison).
    private var clean = RecentTexts<Void>(minBytes: 256, maxBytes: 64 * 1024, capacity: 8)

    public init() {}

    /// `SecretScrubber.scrubbedIfChanged(text)`, skipping the scan for a long text remembered as clean.
    mutating func scrubbedIfChanged(_ text: String) -> String? {
        guard clean.keeps(text) else { return SecretScrubber.scrubbedIfChanged(text) }
        if clean.value(for: text) != nil { return nil }
        if let scrubbed = SecretScrubber.scrubbedIfChanged(text) { return scrubbed }
        clean.remember(text, ())
        return nil
    }
}

/// Whether two strings have the same UTF-8 bytes (not merely canonically equivalent ones).
func sameUTF8(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a
    var b = b
    return a.withUTF8 { x in b.withUTF8 { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
}
