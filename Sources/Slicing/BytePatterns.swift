// BytePatterns: a fixed set of byte strings, concatenated and grouped by first byte, so that one pass over a
// text tries at each position only the patterns that start with the byte there, and only when the two bytes
// there begin some pattern (one bit of a 64 Kibit table per byte pair). The code tokens of
// `Descriptors.looksLikeCode` and the refusal phrases of the quality checks are searched with it.

/// Byte patterns indexed by first byte. Immutable after `init` (its buffers are read by any thread).
public final class BytePatterns: @unchecked Sendable {
    /// Pattern k in search order is `bytes[ends[k-1]..<ends[k]]` (from 0 for k = 0).
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let ends: UnsafeMutableBufferPointer<Int>
    /// The patterns starting with byte c are `starts[c]..<starts[c+1]` in search order.
    private let starts: UnsafeMutableBufferPointer<Int>
    /// Pattern k's position in the list given to `init`.
    private let ids: UnsafeMutableBufferPointer<Int>
    /// Bit `a << 8 | b` is set when a pattern starts with bytes a, b (for a one-byte pattern a: every b).
    private let pairs: UnsafeMutableBufferPointer<UInt64>

    /// The patterns, each identified by its position in `patterns`; empty ones never match.
    public init(_ patterns: [[UInt8]]) {
        let ordered = patterns.enumerated().filter { !$0.element.isEmpty }.sorted { $0.element[0] < $1.element[0] }
        bytes = .allocate(capacity: ordered.reduce(0) { $0 + $1.element.count })
        ends = .allocate(capacity: ordered.count)
        ids = .allocate(capacity: ordered.count)
        starts = .allocate(capacity: 257)
        _ = starts.initialize(from: repeatElement(ordered.count, count: 257))
        pairs = .allocate(capacity: 65536 / 64)
        pairs.initialize(repeating: 0)
        var end = 0
        for (k, (id, pattern)) in ordered.enumerated() {
            _ = UnsafeMutableBufferPointer(rebasing: bytes[end..<(end + pattern.count)]).initialize(from: pattern)
            end += pattern.count
            ends[k] = end
            ids[k] = id
            starts[Int(pattern[0])] = min(starts[Int(pattern[0])], k)
            for second in pattern.count > 1 ? Int(pattern[1])...Int(pattern[1]) : 0...255 {
                let pair = Int(pattern[0]) << 8 | second
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        for c in stride(from: 255, through: 0, by: -1) { starts[c] = min(starts[c], starts[c + 1]) }
    }

    deinit {
        bytes.deallocate()
        ends.deallocate()
        ids.deallocate()
        starts.deallocate()
        pairs.deallocate()
    }

    public var isEmpty: Bool { ends.isEmpty }

    /// Calls `found` with the id of each pattern that occurs in `text` at `i`, while it returns true; false when
    /// `found` stopped it.
    @inline(__always)
    func forEachMatch(in text: UnsafeBufferPointer<UInt8>, at i: Int, _ found: (Int) -> Bool) -> Bool {
        let c = Int(text[i])
        if i + 1 < text.count {
            let pair = c << 8 | Int(text[i + 1])
            if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { return true }
        }
        var k = starts[c]
        let last = starts[c + 1]
        while k < last {
            let start = k == 0 ? 0 : ends[k - 1]
            let length = ends[k] - start
            if length <= text.count - i {
                var j = 1
                while j < length && text[i + j] == bytes[start + j] { j += 1 }
                if j == length && !found(ids[k]) { return false }
            }
            k += 1
        }
        return true
    }

    /// Whether any of the patterns occurs in `text`.
    public func occurs(in text: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<text.count where !forEachMatch(in: text, at: i, { _ in false }) { return true }
        return false
    }
}
