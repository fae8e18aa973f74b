// ConsistencyTracker: notices the same input asked again (after normalising case, spacing and the system prompt)
// within a time limit, and whether the answer changed materially — one passed the checks and the other did not,
// or their words overlap less than `similarityFloor` (Jaccard over the first words). Memory is bounded: the
// oldest inputs are forgotten first.

import Hashing
import Slicing

/// What a repeated input's answer did.
public enum ConsistencyOutcome: Sendable, Hashable {
    /// Not seen within the time limit (or the tracker is off).
    case first
    /// Seen before: whether the answer flipped.
    case repeated(flipped: Bool)
}

/// Remembers recent inputs and their answers' fingerprints.
public struct ConsistencyTracker: Sendable {
    /// Seconds within which a repeat counts.
    public let window: Double
    public let capacity: Int
    /// Jaccard similarity of answer words under which two answers differ materially.
    public static let similarityFloor = 0.5
    /// Words of an answer fingerprinted.
    public static let fingerprintWords = 48

    struct Seen: Sendable {
        var time: Int64
        var passed: Bool
        var words: [UInt32]
    }

    private var seen: [UInt64: Seen] = [:]
    private var order: [UInt64] = []
    private var head = 0

    public init(window: Double, capacity: Int) {
        self.window = window
        self.capacity = max(0, capacity)
    }

    /// Inputs remembered now.
    public var count: Int { seen.count }

    /// Records an answer to `input` (under `context`, e.g. the system prompt hash) at `time` (ns) and compares
    /// it with the last answer to the same input within the window.
    public mutating func observe(input: String, context: String?, time: Int64, answer: String, passed: Bool) -> ConsistencyOutcome {
        guard window > 0, capacity > 0, !input.isEmpty else { return .first }
        let key = Self.key(input, context)
        let now = Seen(time: time, passed: passed, words: Self.fingerprint(answer))
        var outcome = ConsistencyOutcome.first
        if let before = seen[key], Double(time - before.time) / 1e9 <= window, time >= before.time {
            outcome = .repeated(flipped: before.passed != passed || Self.jaccard(before.words, now.words) < Self.similarityFloor)
        }
        if seen.updateValue(now, forKey: key) == nil { remember(key) }
        return outcome
    }

    private mutating func remember(_ key: UInt64) {
        if order.count < capacity {
            order.append(key)
            return
        }
        seen.removeValue(forKey: order[head])
        order[head] = key
        head = (head + 1) % capacity
    }

    /// FNV-1a over the input lowercased with runs of whitespace as one space, then the context.
    static func key(_ input: String, _ context: String?) -> UInt64 {
        var h = StableHash()
        var space = true
        for s in input.unicodeScalars {
            if s.isASCII ? (s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D)) : s.properties.isWhitespace {
                if !space { h.combine(0x20) }
                space = true
                continue
            }
            space = false
            if s.isASCII {
                h.combine(Self.lower(UInt8(s.value)))
            } else {
                for b in String(s).lowercased().utf8 { h.combine(b) }
            }
        }
        h.combine(0)
        for b in (context ?? "").utf8 { h.combine(b) }
        return h.fnv1a
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    /// Hashes of the answer's first words (lowercased letters and digits), sorted and unique.
    static func fingerprint(_ answer: String) -> [UInt32] {
        var words: [UInt32] = []
        var h: UInt32 = 2_166_136_261
        var inWord = false
        for s in answer.unicodeScalars {
            let ascii = s.isASCII ? UInt8(s.value) : nil
            let wordy = ascii.map { ($0 >= 0x30 && $0 <= 0x39) || (Self.lower($0) >= 0x61 && Self.lower($0) <= 0x7A) }
                ?? (s.properties.isAlphabetic || s.properties.numericType != nil)
            if wordy {
                if let ascii {
                    h = (h ^ UInt32(Self.lower(ascii))) &* 16_777_619
                } else {
                    for b in String(s).lowercased().utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
                }
                inWord = true
            } else if inWord {
                words.append(h)
                if words.count >= fingerprintWords { break }
                h = 2_166_136_261
                inWord = false
            }
        }
        if inWord && words.count < fingerprintWords { words.append(h) }
        return Array(Set(words)).sorted()
    }

    /// |a ∩ b| / |a ∪ b| of two sorted unique lists; two empty answers are the same.
    static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        var i = 0, j = 0, both = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { both += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(both) / Double(a.count + b.count - both)
    }
}
