// CleanTexts: the last few long texts the secret scrubber found clean. An agent resends its system prompt and
// its conversation history with every request; comparing such a text with one already scanned (memcmp) is far
// cheaper than scanning it again, so the registry scrubs conversation turns through this memo.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small memo of long secret-free texts (bounded: `capacity` texts of at most `maxBytes` each).
public struct CleanTexts: Sendable {
    /// Shorter texts are scanned every time (the scan is as cheap as the comparison).
    static let minBytes = 256
    static let maxBytes = 64 * 1024
    static let capacity = 8

    private var texts: [String] = []
    private var next = 0

    public init() {}

    /// `SecretScrubber.scrubbedIfChanged(text)`, skipping the scan for a long text remembered as clean.
    mutating func scrubbedIfChanged(_ text: String) -> String? {
        let count = text.utf8.count
        guard count >= Self.minBytes, count <= Self.maxBytes else { return SecretScrubber.scrubbedIfChanged(text) }
        if texts.contains(where: { sameUTF8($0, text) }) { return nil }
        if let scrubbed = SecretScrubber.scrubbedIfChanged(text) { return scrubbed }
        if texts.count < Self.capacity {
            texts.append(text)
        } else {
            texts[next] = text
            next = (next + 1) % Self.capacity
        }
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
