// JSONScanner: checks a JSON text in one pass and indexes it without building a tree — one flat token per
// value (kind, byte range, and for containers the token after their end), in a buffer reused from document to
// document. Readers then walk the tokens through JSONView and decode only the strings and numbers they take.
// Accepts and rejects exactly what JSONParser does (same grammar, depth limit and error messages); iterative,
// so no input can overflow the call stack, and the work is linear in the input's length.
// A scanner made for similar documents (an SSE stream's chunks) keeps the last one: a document that differs from
// it inside one string only is indexed by rescanning that string and shifting the offsets after it.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/")
private let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":"), minus = UInt8(ascii: "-")
private let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")

/// What a scanned token is.
public enum JSONKind: UInt8, Sendable {
    case null, bool, number, string, array, object
}

/// One scanned value. Strings: `start..<end` is the text between the quotes. Numbers and literals: their
/// bytes. Containers: `start` is the bracket's offset and `end` the index of the token after the container.
struct JSONToken {
    var kind: JSONKind
    /// Strings: whether the text holds a backslash escape. Bools: the value.
    var flag: Bool
    var start: Int
    var end: Int
}

/// Scans JSON texts into a reusable token index; see `withDocument(_:_:)`.
public struct JSONScanner: ~Copyable {
    /// Deepest nesting accepted; deeper input is an error, as in JSONParser.
    public let maxDepth: Int
    private var tokens: UnsafeMutablePointer<JSONToken>
    private var capacity: Int
    private let frames: UnsafeMutablePointer<Int>
    /// With `similarDocuments`: the last document's bytes (when at most `maxRemembered`) and its token count;
    /// `rememberedTokens` is 0 when there is none to compare with.
    private let remembers: Bool
    private var remembered: UnsafeMutablePointer<UInt8>?
    private var rememberedCapacity = 0
    private var rememberedCount = 0
    private var rememberedTokens = 0
    /// The token the last one-string rescan changed: where the next difference most likely is.
    private var lastChanged = 0
    private static let maxRemembered = 16 * 1024
    /// Documents indexed from the remembered one (by rescanning one string) rather than scanned whole.
    public private(set) var rescannedDocuments = 0

    /// `similarDocuments`: the documents are expected to differ from one to the next in one string (a stream's
    /// chunks); each is then indexed by rescanning only that string. Accepts and rejects exactly the same.
    public init(maxDepth: Int = 256, similarDocuments: Bool = false) {
        self.maxDepth = max(0, maxDepth)
        capacity = 64
        tokens = .allocate(capacity: capacity)
        frames = .allocate(capacity: self.maxDepth + 1)
        remembers = similarDocuments
    }

    deinit {
        tokens.deallocate()
        frames.deallocate()
        remembered?.deallocate()
    }

    /// Checks `bytes` as one JSON value (trailing whitespace allowed) and calls `body` with its root.
    /// Throws JSONError (the same as JSONParser's) when the text is not JSON. The view and everything read
    /// from it through other views is valid only inside `body`, and only while `bytes` is.
    public mutating func withDocument<R>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (JSONView) throws -> R
    ) throws -> R {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw JSONError("unexpected end of input", at: 0) }
        if remembers {
            if rescanChangedString(base, bytes.count) {
                rescannedDocuments &+= 1
            } else {
                rememberedTokens = 0
                rememberedTokens = try scan(base, bytes.count)
            }
            remember(base, bytes.count)
        } else {
            try scan(base, bytes.count)
        }
        return try body(JSONView(tokens: UnsafePointer(tokens), base: base, index: 0))
    }

    /// Whether `bytes` is one JSON value (what `JSONParser().parse` accepts), without building anything.
    public mutating func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return (try? scan(base, bytes.count)) != nil
    }

    /// Whether the UTF-8 of `text` is one JSON value.
    public mutating func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isValid($0) }
    }

    // MARK: Structure

    /// Fills `tokens` for the document at `base` and returns their count; throws at the first error.
    @discardableResult
    private mutating func scan(_ base: UnsafePointer<UInt8>, _ count: Int) throws -> Int {
        var pos = 0
        var n = 0  // tokens so far
        var depth = 0
        skipWhitespace(base, count, &pos)
        nextValue: while true {
            guard pos < count else { throw JSONError("unexpected end of input", at: pos) }
            if n == capacity { grow() }
            let c = base[pos]
            switch c {
            case quote:
                tokens[n] = try scanString(base, count, &pos)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth < maxDepth else { throw JSONError("nesting deeper than \(maxDepth)", at: pos) }
                let isObject = c == UInt8(ascii: "{")
                tokens[n] = JSONToken(kind: isObject ? .object : .array, flag: false, start: pos, end: n &+ 1)
                pos &+= 1
                skipWhitespace(base, count, &pos)
                if pos < count && base[pos] == c &+ 2 {  // "}" and "]" follow "{" and "[" by two
                    pos &+= 1
                } else {
                    frames[depth] = n
                    depth &+= 1
                    n &+= 1
                    if isObject { try scanKey(base, count, &pos, &n) }
                    continue nextValue
                }
            case minus, zero...nine:
                let start = pos
                _ = try JSONNumber.scan(base, count, &pos, convert: false)
                tokens[n] = JSONToken(kind: .number, flag: false, start: start, end: pos)
            case UInt8(ascii: "t"):
                try expectLiteral(base, count, &pos, "true", 0x6575_7274)
                tokens[n] = JSONToken(kind: .bool, flag: true, start: pos &- 4, end: pos)
            case UInt8(ascii: "f"):
                guard pos &+ 5 <= count, base[pos &+ 4] == UInt8(ascii: "e") else {
                    throw JSONError("invalid literal (expected 'false')", at: pos)
                }
                try expectLiteral(base, count, &pos, "false", 0x736c_6166)
                pos &+= 1
                tokens[n] = JSONToken(kind: .bool, flag: false, start: pos &- 5, end: pos)
            case UInt8(ascii: "n"):
                try expectLiteral(base, count, &pos, "null", 0x6c6c_756e)
                tokens[n] = JSONToken(kind: .null, flag: false, start: pos &- 4, end: pos)
            default:
                throw unexpected(base, at: pos)
            }
            n &+= 1
            // A value is complete: continue its container, closing containers as their ends come.
            while true {
                guard depth > 0 else {
                    skipWhitespace(base, count, &pos)
                    guard pos == count else { throw unexpected(base, at: pos, "after the JSON value") }
                    return n
                }
                skipWhitespace(base, count, &pos)
                let frame = frames[depth &- 1]
                let isObject = tokens[frame].kind == .object
                guard pos < count else {
                    throw JSONError(isObject ? "unterminated object" : "unterminated array", at: pos)
                }
                let c = base[pos]
                pos &+= 1
                if c == comma {
                    skipWhitespace(base, count, &pos)
                    if isObject { try scanKey(base, count, &pos, &n) }
                    continue nextValue
                }
                if isObject {
                    guard c == UInt8(ascii: "}") else { throw JSONError("expected ',' or '}'", at: pos &- 1) }
                } else {
                    guard c == UInt8(ascii: "]") else { throw JSONError("expected ',' or ']'", at: pos &- 1) }
                }
                tokens[frame].end = n
                depth &-= 1
            }
        }
    }

    /// Scans `"key"` and `:` with the whitespace after each; pos is at the key's opening quote.
    @inline(__always)
    private mutating func scanKey(_ base: UnsafePointer<UInt8>, _ count: Int, _ pos: inout Int, _ n: inout Int) throws
    {
        guard pos < count else { throw JSONError("unterminated object", at: pos) }
        guard base[pos] == quote else { throw JSONError("expected a string key", at: pos) }
        if n == capacity { grow() }
        tokens[n] = try scanString(base, count, &pos)
        n &+= 1
        skipWhitespace(base, count, &pos)
        guard pos < count, base[pos] == colon else { throw JSONError("expected ':'", at: pos) }
        pos &+= 1
        skipWhitespace(base, count, &pos)
    }

    // MARK: Similar documents

    /// Indexes the document at `base` from the remembered one when the two differ inside one string token only
    /// (same bytes before it, same bytes after its closing quote): that string is scanned again and the offsets of
    /// the tokens after it are shifted. The scanner's path through the identical bytes is the same as before, so
    /// this accepts exactly what `scan` does. False, with the remembered tokens possibly stale, when not.
    private mutating func rescanChangedString(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard rememberedTokens > 0, let old = remembered else { return false }
        let oldCount = rememberedCount
        // The first differing byte: memcmp up to the string that changed last time, then eight at a time.
        let common = min(count, oldCount)
        var p = 0
        let hint = lastChanged < rememberedTokens && tokens[lastChanged].kind == .string ? tokens[lastChanged] : nil
        if let hint, hint.start <= common, memcmp(base, old, hint.start) == 0 { p = hint.start }
        while p &+ 8 <= common,
            UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
                == UnsafeRawPointer(old + p).loadUnaligned(as: UInt64.self)
        {
            p &+= 8
        }
        while p < common, base[p] == old[p] { p &+= 1 }
        if p == common { return count == oldCount }
        // The string token it falls in: from its first byte to its closing quote.
        var t = 0
        if let hint, hint.start <= p && p <= hint.end { t = lastChanged }
        while t < rememberedTokens {
            let token = tokens[t]
            if token.start > p { return false }
            if token.kind == .string && p <= token.end { break }
            t &+= 1
        }
        guard t < rememberedTokens else { return false }
        let oldToken = tokens[t]
        var pos = oldToken.start &- 1
        guard let newToken = try? scanString(base, count, &pos) else { return false }
        // The rest, from the closing quote on, must be the same bytes.
        let tail = count &- newToken.end
        guard tail == oldCount &- oldToken.end,
            memcmp(base + newToken.end, old + oldToken.end, tail) == 0
        else { return false }
        tokens[t] = newToken
        lastChanged = t
        let shift = newToken.end &- oldToken.end
        if shift != 0 {
            var k = t &+ 1
            while k < rememberedTokens {
                tokens[k].start &+= shift
                if tokens[k].kind != .object && tokens[k].kind != .array { tokens[k].end &+= shift }
                k &+= 1
            }
        }
        return true
    }

    /// Keeps a copy of the document just indexed for the next one (documents over `maxRemembered` are not kept).
    private mutating func remember(_ base: UnsafePointer<UInt8>, _ count: Int) {
        guard count <= Self.maxRemembered else {
            rememberedTokens = 0
            return
        }
        if rememberedCapacity < count {
            remembered?.deallocate()
            rememberedCapacity = max(count, 256)
            remembered = .allocate(capacity: rememberedCapacity)
        }
        remembered!.update(from: base, count: count)
        rememberedCount = count
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newTokens = UnsafeMutablePointer<JSONToken>.allocate(capacity: newCapacity)
        newTokens.update(from: tokens, count: capacity)
        tokens.deallocate()
        tokens = newTokens
        capacity = newCapacity
    }

    @inline(__always)
    private func skipWhitespace(_ base: UnsafePointer<UInt8>, _ count: Int, _ pos: inout Int) {
        while pos < count {
            switch base[pos] {
            case 0x20, 0x0a, 0x0d, 0x09: pos &+= 1
            default: return
            }
        }
    }

    @inline(__always)
    private func expectLiteral(
        _ base: UnsafePointer<UInt8>, _ count: Int, _ pos: inout Int, _ name: String, _ word: UInt32
    ) throws {
        guard pos &+ 4 <= count,
            UInt32(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt32.self)) == word
        else { throw JSONError("invalid literal (expected '\(name)')", at: pos) }
        pos &+= 4
    }

    private func unexpected(_ base: UnsafePointer<UInt8>, at offset: Int, _ context: String = "") -> JSONError {
        let b = base[offset]
        let shown = b >= 0x20 && b < 0x7f ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(JSONScanner.hex(b))"
        return JSONError("unexpected character \(shown)" + (context.isEmpty ? "" : " " + context), at: offset)
    }

    static func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16)
        return s.count == 1 ? "0" + s : s
    }

    // MARK: Strings

    /// Checks a string; pos is at its opening quote and ends after the closing one.
    @inline(__always)
    private func scanString(_ base: UnsafePointer<UInt8>, _ count: Int, _ pos: inout Int) throws -> JSONToken {
        let start = pos &+ 1
        var i = start
        var escaped = false
        while true {
            i = JSONStringText.plainRunEnd(base, count, from: i)
            guard i < count else { break }
            let b = base[i]
            if b == quote {
                pos = i &+ 1
                return JSONToken(kind: .string, flag: escaped, start: start, end: i)
            }
            if b < 0x20 { throw JSONError("unescaped control character 0x\(Self.hex(b)) in string", at: i) }
            if b == backslash {
                escaped = true
                try checkEscape(base, count, &i, stringStart: start)
            } else {
                i &+= 1
            }
        }
        throw JSONError("unterminated string", at: start &- 1)
    }

    /// Checks the escape whose backslash is at `i` and moves past it (a `\u` and its four hex digits; a
    /// following low-surrogate escape is checked on its own, which accepts and rejects what JSONReader does).
    @inline(__always)
    private func checkEscape(_ base: UnsafePointer<UInt8>, _ count: Int, _ i: inout Int, stringStart: Int) throws {
        guard i &+ 1 < count else { throw JSONError("unterminated string", at: stringStart &- 1) }
        let e = base[i &+ 1]
        switch e {
        case quote, backslash, slash, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
            UInt8(ascii: "t"):
            i &+= 2
        case UInt8(ascii: "u"):
            guard i &+ 6 <= count, JSONStringText.hex4(base, at: i) != nil else {
                throw JSONError("invalid \\u escape (expected four hex digits)", at: i)
            }
            i &+= 6
        default:
            let shown = e >= 0x20 && e < 0x7f ? "'\\\(Character(Unicode.Scalar(e)))'" : "byte 0x\(Self.hex(e))"
            throw JSONError("invalid escape \(shown)", at: i)
        }
    }
}
