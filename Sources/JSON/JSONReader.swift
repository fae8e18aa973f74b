// JSONReader: the single-pass RFC 8259 parser behind JSONParser. Iterative: open containers live on a frame stack
// (bounded by maxDepth), finished values on a value stack, so no input can overflow the call stack. Strings
// without escapes become Strings straight from the input bytes; escaped ones are unescaped through one scratch
// buffer reused for the whole document. Numbers go through JSONNumber (grammar check, exact fast path, strtod).

private let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/")
private let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":"), minus = UInt8(ascii: "-")
private let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9"), dot = UInt8(ascii: ".")

struct JSONReader: ~Copyable {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let maxDepth: Int
    /// One entry per open container: (index of its first element on `values`) << 1 | 1 for objects.
    private let frames: UnsafeMutablePointer<Int>
    private var pos = 0
    private var values = JSONStack<JSONValue>()
    private var keys = JSONStack<String>()
    private var scratch: UnsafeMutablePointer<UInt8>?
    private var scratchCapacity = 0

    init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int, frames: UnsafeMutablePointer<Int>) {
        self.base = base
        self.count = count
        self.maxDepth = maxDepth
        self.frames = frames
    }

    deinit { scratch?.deallocate() }

    // MARK: structure

    mutating func parseDocument() throws -> JSONValue {
        var depth = 0
        skipWhitespace()
        nextValue: while true {
            guard pos < count else { throw JSONError("unexpected end of input", at: pos) }
            var value: JSONValue
            let c = base[pos]
            switch c {
            case quote:
                value = .string(try parseString())
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth < maxDepth else { throw JSONError("nesting deeper than \(maxDepth)", at: pos) }
                let isObject = c == UInt8(ascii: "{")
                pos &+= 1
                skipWhitespace()
                if pos < count && base[pos] == c &+ 2 {  // "}" and "]" follow "{" and "[" by two
                    pos &+= 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    frames[depth] = values.count << 1 | (isObject ? 1 : 0)
                    depth &+= 1
                    if isObject { try parseKey() }
                    continue nextValue
                }
            case minus, zero...nine:
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true", 0x6575_7274)
                value = .bool(true)
            case UInt8(ascii: "f"):
                guard pos &+ 5 <= count, base[pos &+ 4] == UInt8(ascii: "e") else { throw badLiteral("false") }
                try expectLiteral("false", 0x736c_6166)
                pos &+= 1
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null", 0x6c6c_756e)
                value = .null
            default:
                throw unexpected(at: pos)
            }
            // A value is complete: add it to the open container, closing containers as their ends come.
            while true {
                guard depth > 0 else {
                    skipWhitespace()
                    guard pos == count else { throw unexpected(at: pos, "after the JSON value") }
                    return value
                }
                values.push(value)
                skipWhitespace()
                let frame = frames[depth &- 1]
                let isObject = frame & 1 == 1
                guard pos < count else {
                    throw JSONError(isObject ? "unterminated object" : "unterminated array", at: pos)
                }
                let c = base[pos]
                pos &+= 1
                if c == comma {
                    skipWhitespace()
                    if isObject { try parseKey() }
                    continue nextValue
                }
                if isObject {
                    guard c == UInt8(ascii: "}") else { throw JSONError("expected ',' or '}'", at: pos &- 1) }
                    let start = frame >> 1
                    let memberCount = values.count - start
                    let objectKeys = keys.popArray(from: keys.count - memberCount)
                    value = .object(JSONObject(uncheckedKeys: objectKeys, values: values.popArray(from: start)))
                } else {
                    guard c == UInt8(ascii: "]") else { throw JSONError("expected ',' or ']'", at: pos &- 1) }
                    value = .array(values.popArray(from: frame >> 1))
                }
                depth &-= 1
            }
        }
    }

    /// Parses `"key"` and `:` with the whitespace after each; pos is at the key's opening quote.
    private mutating func parseKey() throws {
        guard pos < count else { throw JSONError("unterminated object", at: pos) }
        guard base[pos] == quote else { throw JSONError("expected a string key", at: pos) }
        keys.push(try parseString())
        skipWhitespace()
        guard pos < count, base[pos] == colon else { throw JSONError("expected ':'", at: pos) }
        pos &+= 1
        skipWhitespace()
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while pos < count {
            switch base[pos] {
            case 0x20, 0x0a, 0x0d, 0x09: pos &+= 1
            default: return
            }
        }
    }

    /// Checks the four bytes at pos against `word` (little-endian ASCII) and moves past them.
    @inline(__always)
    private mutating func expectLiteral(_ name: String, _ word: UInt32) throws {
        guard pos &+ 4 <= count,
            UInt32(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt32.self)) == word
        else { throw badLiteral(name) }
        pos &+= 4
    }

    private func badLiteral(_ name: String) -> JSONError {
        JSONError("invalid literal (expected '\(name)')", at: pos)
    }

    private func unexpected(at offset: Int, _ context: String = "") -> JSONError {
        let b = base[offset]
        let shown = b >= 0x20 && b < 0x7f ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(JSONScanner.hex(b))"
        return JSONError("unexpected character \(shown)" + (context.isEmpty ? "" : " " + context), at: offset)
    }

    // MARK: strings

    /// Parses a string; pos is at its opening quote and ends after the closing one.
    @inline(__always)
    private mutating func parseString() throws -> String {
        let start = pos &+ 1
        var i = JSONStringText.plainRunEnd(base, count, from: start)
        while i < count {
            let b = base[i]
            if b == quote {
                pos = i &+ 1
                return String(decoding: UnsafeBufferPointer(start: base + start, count: i &- start), as: UTF8.self)
            }
            if b == backslash { return try parseEscapedString(start: start, firstEscape: i) }
            if b < 0x20 { throw controlCharacter(at: i) }
            i &+= 1
        }
        throw JSONError("unterminated string", at: start &- 1)
    }

    /// The rest of a string with escapes, unescaped into the scratch buffer.
    private mutating func parseEscapedString(start: Int, firstEscape: Int) throws -> String {
        var n = 0  // bytes in scratch
        var i = start  // next input byte to copy
        var stop = firstEscape  // next quote, backslash or control character at or after i
        while true {
            let run = stop &- i
            if n &+ run &+ 4 > scratchCapacity { reserveScratch(n &+ run &+ 64) }
            let out = scratch.unsafelyUnwrapped
            (out + n).update(from: base + i, count: run)
            n &+= run
            i = stop
            guard i < count else { break }
            let b = base[i]
            if b == quote {
                pos = i &+ 1
                return String(decoding: UnsafeBufferPointer(start: out, count: n), as: UTF8.self)
            }
            if b < 0x20 { throw controlCharacter(at: i) }
            guard i &+ 1 < count else { break }
            let e = base[i &+ 1]
            switch e {
            case quote, backslash, slash: out[n] = e
            case UInt8(ascii: "b"): out[n] = 0x08
            case UInt8(ascii: "f"): out[n] = 0x0c
            case UInt8(ascii: "n"): out[n] = 0x0a
            case UInt8(ascii: "r"): out[n] = 0x0d
            case UInt8(ascii: "t"): out[n] = 0x09
            case UInt8(ascii: "u"): break
            default:
                let shown = e >= 0x20 && e < 0x7f ? "'\\\(Character(Unicode.Scalar(e)))'" : "byte 0x\(JSONScanner.hex(e))"
                throw JSONError("invalid escape \(shown)", at: i)
            }
            if e == UInt8(ascii: "u") {
                n &+= try unescapeUnicode(&i, into: out + n)
            } else {
                n &+= 1
                i &+= 2
            }
            stop = i
            while stop < count {
                let c = base[stop]
                if c == quote || c == backslash || c < 0x20 { break }
                stop &+= 1
            }
        }
        throw JSONError("unterminated string", at: start &- 1)
    }

    /// Decodes the \u escape at `i` (and a low surrogate escape after a high one) as UTF-8 into `out`;
    /// moves `i` past them and returns the byte count. Lone surrogates become U+FFFD.
    @inline(__always)
    private func unescapeUnicode(_ i: inout Int, into out: UnsafeMutablePointer<UInt8>) throws -> Int {
        var scalar = try hex4(at: i)
        i &+= 6
        if scalar & 0xfc00 == 0xd800 {
            if i &+ 1 < count, base[i] == backslash, base[i &+ 1] == UInt8(ascii: "u") {
                let low = try hex4(at: i)
                if low & 0xfc00 == 0xdc00 {
                    scalar = 0x10000 &+ ((scalar &- 0xd800) << 10) | (low &- 0xdc00)
                    i &+= 6
                } else {
                    scalar = 0xfffd  // the next escape is decoded on its own
                }
            } else {
                scalar = 0xfffd
            }
        } else if scalar & 0xfc00 == 0xdc00 {
            scalar = 0xfffd
        }
        return JSONStringText.encodeUTF8(scalar, into: out)
    }

    /// The four hex digits of the \u escape whose backslash is at `i`.
    @inline(__always)
    private func hex4(at i: Int) throws -> UInt32 {
        guard i &+ 6 <= count, let v = JSONStringText.hex4(base, at: i) else {
            throw JSONError("invalid \\u escape (expected four hex digits)", at: i)
        }
        return v
    }

    private mutating func reserveScratch(_ needed: Int) {
        guard needed > scratchCapacity else { return }
        let newCapacity = max(needed, scratchCapacity * 2)
        let newScratch = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let scratch {
            newScratch.update(from: scratch, count: scratchCapacity)
            scratch.deallocate()
        }
        scratch = newScratch
        scratchCapacity = newCapacity
    }

    private func controlCharacter(at i: Int) -> JSONError {
        JSONError("unescaped control character 0x\(JSONScanner.hex(base[i])) in string", at: i)
    }

    // MARK: numbers

    /// Parses a number per the RFC 8259 grammar; pos is at its first byte ('-' or a digit).
    @inline(__always)
    private mutating func parseNumber() throws -> Double {
        try JSONNumber.scan(base, count, &pos, convert: true)
    }
}
