// ConsistencyTracker: notices the same input asked again (after normalising case, spacing and the system prompt)
// within a time limit, and whether the answer changed materially — one passed the checks and the other did not,
// or their words overlap less than `similarityFloor` (Jaccard over the first words). Memory is bounded: the
// oldest inputs are forgotten first. Keys and fingerprints read the UTF-8 bytes, decoding only non-ASCII scalars.

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
        /// The answer's first word hashes in text order; sorted (and `sorted` set) only when a repeat compares
        /// them, which most never do.
        var words: [UInt32]
        var sorted = false

        /// Sorts the word hashes (without repeats), once.
        mutating func sort() {
            guard !sorted else { return }
            words = ConsistencyTracker.sortedUnique(words)
            sorted = true
        }
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
        var now = Seen(time: time, passed: passed, words: Self.wordHashes(answer))
        var outcome = ConsistencyOutcome.first
        if var before = seen[key], Double(time - before.time) / 1e9 <= window, time >= before.time {
            // `now` is kept sorted: an input that repeats once tends to repeat again.
            before.sort()
            now.sort()
            let similarity = Self.jaccard(before.words, now.words)
            outcome = .repeated(flipped: before.passed != passed || similarity < Self.similarityFloor)
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

    /// FNV-1a over the input lowercased with runs of whitespace as one space, then the context. ASCII bytes are
    /// handled byte by byte; other scalars are decoded and go through the Unicode tables (the scalar-by-scalar
    /// reference in the tests gives the same key for every text).
    static func key(_ input: String, _ context: String?) -> UInt64 {
        var h = StableHash()
        var space = true
        var copy = input
        copy.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                        if !space { h.combine(0x20) }
                        space = true
                    } else {
                        space = false
                        h.combine(Self.lower(b))
                    }
                    continue
                }
                let s = TextNormalisation.decodeScalar(bytes, at: &i)
                if s.properties.isWhitespace {
                    if !space { h.combine(0x20) }
                    space = true
                } else {
                    space = false
                    for b in String(s).lowercased().utf8 { h.combine(b) }
                }
            }
        }
        h.combine(0)
        for b in (context ?? "").utf8 { h.combine(b) }
        return h.fnv1a
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    /// For each ASCII byte: its lowercase form when it is a letter or digit (part of a word), else 0.
    static let asciiWordByte: [UInt8] = (0..<128).map { b in
        let l = lower(UInt8(b))
        return (l >= 0x30 && l <= 0x39) || (l >= 0x61 && l <= 0x7A) ? l : 0
    }

    /// Hashes of the answer's first words (lowercased letters and digits), sorted and unique.
    static func fingerprint(_ answer: String) -> [UInt32] { sortedUnique(wordHashes(answer)) }

    /// `words` sorted, without repeats.
    static func sortedUnique(_ words: [UInt32]) -> [UInt32] {
        var words = words
        let kept = words.withUnsafeMutableBufferPointer { sortUnique($0) }
        words.removeSubrange(kept...)
        return words
    }

    /// Hashes of the answer's first `fingerprintWords` words (lowercased letters and digits), in text order. ASCII
    /// bytes are hashed byte by byte; other scalars are decoded and go through the Unicode tables (the
    /// scalar-by-scalar reference in the tests gives the same hashes for every text). The hashes are gathered in
    /// a stack buffer; only the result is allocated.
    static func wordHashes(_ answer: String) -> [UInt32] {
        var copy = answer
        return copy.withUTF8 { bytes in
            asciiWordByte.withUnsafeBufferPointer { table in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: fingerprintWords) { words in
                    var count = 0
                    var h: UInt32 = 2_166_136_261
                    var inWord = false
                    var i = 0
                    while i < bytes.count {
                        let b = bytes[i]
                        let wordy: Bool
                        var next = h
                        if b < 0x80 {
                            // ASCII without branching on the byte: a word ending is a conditional count step.
                            i += 1
                            let l = table[Int(b)]
                            wordy = l != 0
                            next = (h ^ UInt32(l)) &* 16_777_619
                        } else {
                            let s = TextNormalisation.decodeScalar(bytes, at: &i)
                            wordy = s.properties.isAlphabetic || s.properties.numericType != nil
                            if wordy { for b in String(s).lowercased().utf8 { next = (next ^ UInt32(b)) &* 16_777_619 } }
                        }
                        words[count] = h  // kept only when this byte ends the word (count < fingerprintWords here)
                        count &+= inWord && !wordy ? 1 : 0
                        h = wordy ? next : 2_166_136_261
                        inWord = wordy
                        if count >= fingerprintWords { break }
                    }
                    if inWord && count < fingerprintWords {
                        words[count] = h
                        count += 1
                    }
                    return Array(words[..<count])
                }
            }
        }
    }

    /// Sorts `words` and moves the distinct values to the front (what `Array(Set(words)).sorted()` keeps); their count.
    static func sortUnique(_ words: UnsafeMutableBufferPointer<UInt32>) -> Int {
        // Insertion sort: at most `fingerprintWords` values, where it beats the general sort.
        for k in words.indices.dropFirst() {
            let w = words[k]
            var j = k
            while j > 0 && words[j - 1] > w {
                words[j] = words[j - 1]
                j -= 1
            }
            words[j] = w
        }
        var kept = 0
        for k in words.indices where kept == 0 || words[kept - 1] != words[k] {
            words[kept] = words[k]
            kept += 1
        }
        return kept
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
