// SecretScrubber: replaces credentials that leak into captured text (API keys, bearer tokens, JWTs,
// cloud and GitHub tokens, `api_key=` values) with "<SECRET>" before anything is stored or printed.
// One hand-written pass over the UTF-8 bytes, behind a pre-scan that rejects text in which no pattern can
// start (most text) at one table lookup per byte; text without a secret comes back as the same string.

/// Removes key-like strings from text.
///
/// Recognised (each must start at a word boundary, i.e. not right after a letter or digit):
/// - OpenAI and Anthropic keys: `sk-` followed by 20 or more of `[A-Za-z0-9_-]` (`sk-proj-…`, `sk-ant-…`);
/// - `Bearer <token>` (any case): the token is replaced, "Bearer " kept; the token must look like one
///   (8+ characters with a digit or symbol, or 20+ characters);
/// - JWTs: three dot-separated base64url segments, the first starting with `eyJ`;
/// - AWS access key ids: `AKIA` or `ASIA` and exactly 16 more of `[A-Z0-9]`;
/// - GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` or `github_pat_` and 20+ of `[A-Za-z0-9_]`;
/// - values of `api_key` / `api-key` / `apikey` (any case, also inside longer names such as
///   `OPENAI_API_KEY`) after `=` or `:`, quoted or not, when 8 or more characters long; the key,
///   separator and quotes are kept.
public enum SecretScrubber {
    /// What a secret is replaced with.
    public static let placeholder = "<SECRET>"

    /// The text with every recognised secret replaced by `placeholder`; the input itself (no copy)
    /// when there is none.
    public static func scrub(_ text: String) -> String { scrubbedIfChanged(text) ?? text }

    /// The scrubbed text, or nil when there is nothing to scrub (nothing is allocated then).
    static func scrubbedIfChanged(_ text: String) -> String? {
        let result: [UInt8]?? = text.utf8.withContiguousStorageIfAvailable { scrub(bytes: $0) }
        let scrubbed: [UInt8]?
        if let result {
            scrubbed = result
        } else {
            scrubbed = Array(text.utf8).withUnsafeBufferPointer { scrub(bytes: $0) }
        }
        guard let scrubbed else { return nil }
        return String(decoding: scrubbed, as: UTF8.self)
    }

    /// The scrubbed bytes, or nil when nothing matched (nothing is allocated then).
    static func scrub(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        mayContainSecret(bytes) ? scrubScanning(bytes: bytes) : nil
    }

    /// The full scan (`scrub(bytes:)` without the pre-scan; the reference the pre-scan is tested against).
    static func scrubScanning(bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var matched = false
        var copied = 0
        var i = 0
        while i < bytes.count {
            // Only these bytes can start a match (see `match`): skip the rest without looking back.
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "s"), UInt8(ascii: "B"), UInt8(ascii: "b"), UInt8(ascii: "e"), UInt8(ascii: "A"),
                UInt8(ascii: "a"), UInt8(ascii: "g"):
                break
            default:
                i += 1
                continue
            }
            // Every pattern but `api_key` starts a word: inside a word only an "a"/"A" can start a match.
            let candidate = i == 0 || !isAlnum(bytes[i - 1]) || c == UInt8(ascii: "a") || c == UInt8(ascii: "A")
            guard candidate, let (start, end) = match(bytes, at: i) else {
                i += 1
                continue
            }
            if !matched {
                matched = true
                out.reserveCapacity(bytes.count)
            }
            out.append(contentsOf: bytes[copied..<start])
            out.append(contentsOf: placeholder.utf8)
            copied = end
            i = end
        }
        guard matched else { return nil }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    // MARK: Pre-scan

    /// False only when no pattern can match anywhere in `b`. Every pattern contains an anchor byte at a fixed
    /// place: `-` of `sk-`, `_` of the GitHub prefixes, the `=`/`:` after `api_key`, `J` of `eyJ`, `I` of
    /// `AKIA`/`ASIA`, and the first letter of `bearer`. Text is skipped one table lookup per byte to the next
    /// anchor, which is then checked against the bytes around it (a necessary condition of its pattern).
    static func mayContainSecret(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        anchorTable.withUnsafeBufferPointer { table -> Bool in
            for p in 0..<b.count where table[Int(b[p])] != 0 && anchorMayMatch(b, at: p) { return true }
            return false
        }
    }

    /// Whether the anchor byte at `p` has around it what its pattern needs.
    static func anchorMayMatch(_ b: UnsafeBufferPointer<UInt8>, at p: Int) -> Bool {
        switch b[p] {
        case UInt8(ascii: "-"):  // sk-
            return p >= 2 && b[p - 2] == UInt8(ascii: "s") && b[p - 1] == UInt8(ascii: "k")
        case UInt8(ascii: "_"):  // ghp_ gho_ ghu_ ghs_ ghr_, github_pat_
            return (p >= 3 && b[p - 3] == UInt8(ascii: "g") && b[p - 2] == UInt8(ascii: "h"))
                || has(b, p - 6, "github", ignoringCase: false)
        case UInt8(ascii: "="), UInt8(ascii: ":"):  // api_key [quote] [spaces] = or :
            var k = p - 1
            while k >= 0, b[k] == UInt8(ascii: " ") || b[k] == UInt8(ascii: "\t") { k -= 1 }
            if k >= 0, b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") { k -= 1 }
            return has(b, k - 2, "key", ignoringCase: true)
        case UInt8(ascii: "J"):  // eyJ
            return p >= 2 && b[p - 2] == UInt8(ascii: "e") && b[p - 1] == UInt8(ascii: "y")
        case UInt8(ascii: "I"):  // AKIA ASIA
            return p >= 2 && b[p - 2] == UInt8(ascii: "A") && (b[p - 1] == UInt8(ascii: "K") || b[p - 1] == UInt8(ascii: "S"))
        default:  // b or B: bearer
            return has(b, p, "bearer", ignoringCase: true)
        }
    }

    /// 1 for the pre-scan's anchor bytes.
    static let anchorTable: [UInt8] = (0..<256).map { c in
        switch UInt8(c) {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "J"),
            UInt8(ascii: "I"), UInt8(ascii: "b"), UInt8(ascii: "B"):
            1
        default:
            0
        }
    }

    // MARK: Matchers

    /// The byte range to replace for a secret starting at `i`, if one does.
    static func match(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Int)? {
        switch b[i] {
        case UInt8(ascii: "s"):
            return boundary(b, i) ? prefixedToken(b, i, "sk-", minimum: 20, allowDash: true) : nil
        case UInt8(ascii: "B"), UInt8(ascii: "b"):
            return bearer(b, i)
        case UInt8(ascii: "e"):
            return jwt(b, i)
        case UInt8(ascii: "A"):
            return awsKey(b, i) ?? apiKey(b, i)
        case UInt8(ascii: "a"):
            return apiKey(b, i)
        case UInt8(ascii: "g"):
            guard boundary(b, i) else { return nil }
            for prefix: StaticString in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"] {
                if let range = prefixedToken(b, i, prefix, minimum: 20, allowDash: false) { return range }
            }
            return nil
        default:
            return nil
        }
    }

    /// `prefix` at `i` followed by at least `minimum` token bytes; the whole run is the secret.
    static func prefixedToken(
        _ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ prefix: StaticString, minimum: Int, allowDash: Bool
    ) -> (Int, Int)? {
        guard has(b, i, prefix, ignoringCase: false) else { return nil }
        let start = i + prefix.utf8CodeUnitCount
        let end = run(b, from: start) { isAlnum($0) || $0 == UInt8(ascii: "_") || (allowDash && $0 == UInt8(ascii: "-")) }
        return end - start >= minimum ? (i, end) : nil
    }

    /// `Bearer` + spaces + a token: the token's range.
    static func bearer(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, Int)? {
        guard boundary(b, i), has(b, i, "bearer", ignoringCase: true) else { return nil }
        var j = i + 6
        let spaces = j
        j = run(b, from: j) { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard j > spaces else { return nil }
        let start = j
        var digitOrSymbol = false
        let end = run(b, from: start) { c in
            if isAlpha(c) { return true }
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
                digitOrSymbol = true
                return true
            default:
                return false
            }
        }
        let length = end - start
        return length >= 20 || (length >= 8 && digitOrSymbol) ? (start, end) : nil
    }

    /// A JWT: `eyJ…` `.` segment `.` segment, all base64url.
    static func jwt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, Int)? {
        guard boundary(b, i), has(b, i, "eyJ", ignoringCase: false) else { return nil }
        var j = i
        for segment in 0..<3 {
            let start = j
            j = run(b, from: j, while: isBase64URL)
            guard j - start >= (segment == 0 ? 4 : 2) else { return nil }
            if segment < 2 {
                guard j < b.count, b[j] == UInt8(ascii: ".") else { return nil }
                j += 1
            }
        }
        return (i, j)
    }

    /// `AKIA`/`ASIA` + exactly 16 of [A-Z0-9].
    static func awsKey(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, Int)? {
        guard boundary(b, i), has(b, i, "AKIA", ignoringCase: false) || has(b, i, "ASIA", ignoringCase: false)
        else { return nil }
        let end = run(b, from: i + 4) { isDigit($0) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }
        guard end - (i + 4) == 16, end == b.count || !isAlnum(b[end]) else { return nil }
        return (i, end)
    }

    /// `api_key` (or `api-key`, `apikey`, any case) [quote] [spaces] `=`|`:` [spaces] [quote] value.
    static func apiKey(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, Int)? {
        guard has(b, i, "api", ignoringCase: true) else { return nil }
        var j = i + 3
        if j < b.count, b[j] == UInt8(ascii: "_") || b[j] == UInt8(ascii: "-") { j += 1 }
        guard has(b, j, "key", ignoringCase: true) else { return nil }
        j += 3
        if j < b.count, b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") { j += 1 }
        j = run(b, from: j) { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard j < b.count, b[j] == UInt8(ascii: "=") || b[j] == UInt8(ascii: ":") else { return nil }
        j = run(b, from: j + 1) { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard j < b.count else { return nil }
        let start: Int
        let end: Int
        if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
            let quote = b[j]
            start = j + 1
            end = run(b, from: start) { $0 != quote && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
            guard end < b.count, b[end] == quote else { return nil }
        } else {
            start = j
            end = run(b, from: start) { c in
                isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "~") || c == UInt8(ascii: "+") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=")
            }
        }
        return end - start >= 8 ? (start, end) : nil
    }

    // MARK: Byte helpers

    /// Whether `i` starts a word: at the start, or not right after a letter or digit.
    static func boundary(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool { i == 0 || !isAlnum(b[i - 1]) }

    static func has(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ prefix: StaticString, ignoringCase: Bool) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard i >= 0, b.count - i >= n else { return false }
        let p = prefix.utf8Start
        for k in 0..<n {
            var c = b[i + k]
            if ignoringCase, c >= UInt8(ascii: "A"), c <= UInt8(ascii: "Z") { c |= 0x20 }
            if c != p[k] { return false }
        }
        return true
    }

    /// The index of the first byte from `start` on that fails `accept` (or the end).
    static func run(_ b: UnsafeBufferPointer<UInt8>, from start: Int, while accept: (UInt8) -> Bool) -> Int {
        var j = start
        while j < b.count, accept(b[j]) { j += 1 }
        return j
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isAlpha(c) }
    static func isBase64URL(_ c: UInt8) -> Bool { isAlnum(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") }
}
