// Byte helpers shared by the scanners: ASCII classes, prefix tests, runs, and the word and number
// boundaries every match must start and end on.

/// The UTF-8 bytes being scanned.
typealias Bytes = UnsafeBufferPointer<UInt8>

/// ASCII character classes over UTF-8 bytes (multibyte sequences are never in any class).
enum ASCII {
    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    static func isUpper(_ c: UInt8) -> Bool { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") }
    static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
    static func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || ((c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f"))
    }
    /// Letters, digits and `_`: what a word is made of.
    static func isWord(_ c: UInt8) -> Bool { isAlnum(c) || c == UInt8(ascii: "_") }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether `prefix` (ASCII) starts at `i`; `ignoringCase` folds A–Z in the text only, so give a
    /// lower-case prefix.
    func has(_ prefix: StaticString, at i: Int, ignoringCase: Bool = false) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard i >= 0, count - i >= n else { return false }
        let p = prefix.utf8Start
        for k in 0..<n {
            var c = self[i + k]
            if ignoringCase, ASCII.isUpper(c) { c |= 0x20 }
            if c != p[k] { return false }
        }
        return true
    }

    /// The index of the first byte from `start` on that fails `accept` (or the end).
    func run(from start: Int, while accept: (UInt8) -> Bool) -> Int {
        var j = start
        while j < count, accept(self[j]) { j += 1 }
        return j
    }

    /// The byte at `i`, or 0 outside the text: lets checks look around without bounds tests.
    func at(_ i: Int) -> UInt8 { i >= 0 && i < count ? self[i] : 0 }

    /// Whether a word-like match may start at `i`: not right after a letter or digit.
    func isWordStart(_ i: Int) -> Bool { !ASCII.isAlnum(at(i - 1)) }

    /// Whether a token-like match (key, IBAN, address) may end at `j`: not before a word byte or `@`.
    func isTokenEnd(_ j: Int) -> Bool {
        let c = at(j)
        return !ASCII.isWord(c) && c != UInt8(ascii: "@")
    }

    /// Whether a number (card, phone) may start at `i`: not inside a word, and not continuing a longer
    /// number such as `1.2.3`, `12:30`, `1,000` or an id like `ORD-123` / a UUID's last group.
    func isNumberStart(_ i: Int) -> Bool {
        let before = at(i - 1)
        if ASCII.isWord(before) { return false }
        switch before {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "/"):
            return !ASCII.isDigit(at(i - 2))
        case UInt8(ascii: "-"):
            return !ASCII.isAlnum(at(i - 2))
        default:
            return true
        }
    }

    /// Whether a number may end at `j`: not before a word byte or `@`, and not before punctuation that
    /// continues it (`.5`, `,000`, `:30`, `/2024`, `-01`).
    func isNumberEnd(_ j: Int) -> Bool {
        guard isTokenEnd(j) else { return false }
        switch at(j) {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "-"):
            return !ASCII.isDigit(at(j + 1))
        default:
            return true
        }
    }
}
