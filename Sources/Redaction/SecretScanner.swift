// SecretScanner: finds credentials — OpenAI/Anthropic and GitHub keys and `api_key=` values (api_key),
// `Bearer` tokens (bearer), JWTs (jwt) and AWS access key ids (aws_key) — with the token rules of
// Exchange's SecretScrubber.

enum SecretScanner {
    /// The kinds this scanner looks for, as flags for the hot loop.
    struct Kinds: OptionSet {
        let rawValue: UInt8
        static let apiKey = Kinds(rawValue: 1)
        static let bearer = Kinds(rawValue: 2)
        static let jwt = Kinds(rawValue: 4)
        static let awsKey = Kinds(rawValue: 8)
    }

    /// The bytes a secret can start with, for which kinds, and whether also inside a word.
    static let triggers: [(UInt8, Kinds, inWord: Bool)] = [
        (UInt8(ascii: "s"), .apiKey, false), (UInt8(ascii: "g"), .apiKey, false), (UInt8(ascii: "a"), .apiKey, false),
        (UInt8(ascii: "A"), [.apiKey, .awsKey], true), (UInt8(ascii: "B"), .bearer, false),
        (UInt8(ascii: "b"), .bearer, false), (UInt8(ascii: "e"), .jwt, false),
    ]

    /// The secret starting at `i`. Everything starts a word but an `api_key` name, which may also
    /// continue a longer one: `OPENAI_API_KEY`, `openaiApiKey`, `x-api-key` (though not all lower case
    /// run together, `openaiapikey`, which keeps the scan from stopping at every "a" in prose).
    static func match(_ b: Bytes, at i: Int, kinds: Kinds) -> Candidate? {
        let wordStart = b.isWordStart(i)
        switch b[i] {
        case UInt8(ascii: "s") where wordStart && kinds.contains(.apiKey):
            return prefixed(b, i, "sk-", allowDash: true)
        case UInt8(ascii: "g") where wordStart && kinds.contains(.apiKey):
            return prefixed(b, i, "ghp_", allowDash: false) ?? prefixed(b, i, "gho_", allowDash: false)
                ?? prefixed(b, i, "ghu_", allowDash: false) ?? prefixed(b, i, "ghs_", allowDash: false)
                ?? prefixed(b, i, "ghr_", allowDash: false) ?? prefixed(b, i, "github_pat_", allowDash: false)
        case UInt8(ascii: "B"), UInt8(ascii: "b"):
            return wordStart && kinds.contains(.bearer) ? bearer(b, i) : nil
        case UInt8(ascii: "e") where wordStart && kinds.contains(.jwt):
            return jwt(b, i)
        case UInt8(ascii: "A"):
            let aws = wordStart && kinds.contains(.awsKey) ? awsKey(b, i) : nil
            return aws ?? (kinds.contains(.apiKey) ? apiKeyValue(b, i) : nil)
        case UInt8(ascii: "a") where wordStart && kinds.contains(.apiKey):
            return apiKeyValue(b, i)
        default:
            return nil
        }
    }

    /// `prefix` followed by 20 or more of `[A-Za-z0-9_]` (and `-` when `allowDash`).
    static func prefixed(_ b: Bytes, _ i: Int, _ prefix: StaticString, allowDash: Bool) -> Candidate? {
        guard b.has(prefix, at: i) else { return nil }
        let start = i + prefix.utf8CodeUnitCount
        let end = b.run(from: start) { ASCII.isWord($0) || (allowDash && $0 == UInt8(ascii: "-")) }
        return end - start >= 20 ? .redact(.apiKey, i, end) : nil
    }

    /// `Bearer` (any case), spaces, and a token-looking value: 8+ characters with a digit or symbol, or
    /// 20+ characters. Only the value is replaced.
    static func bearer(_ b: Bytes, _ i: Int) -> Candidate? {
        guard b.has("bearer", at: i, ignoringCase: true) else { return nil }
        let start = b.run(from: i + 6) { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard start > i + 6 else { return nil }
        var digitOrSymbol = false
        let end = b.run(from: start) { c in
            if ASCII.isAlpha(c) { return true }
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
        guard length >= 20 || (length >= 8 && digitOrSymbol) else { return nil }
        return Candidate(kind: .bearer, start: i, end: end, replace: start..<end)
    }

    /// `eyJ…` `.` segment `.` segment, all base64url.
    static func jwt(_ b: Bytes, _ i: Int) -> Candidate? {
        guard b.has("eyJ", at: i) else { return nil }
        var j = i
        for segment in 0..<3 {
            let start = j
            j = b.run(from: j) { ASCII.isWord($0) || $0 == UInt8(ascii: "-") }
            guard j - start >= (segment == 0 ? 4 : 2) else { return nil }
            if segment < 2 {
                guard b.at(j) == UInt8(ascii: ".") else { return nil }
                j += 1
            }
        }
        return .redact(.jwt, i, j)
    }

    /// `AKIA`/`ASIA` and exactly 16 more of `[A-Z0-9]`.
    static func awsKey(_ b: Bytes, _ i: Int) -> Candidate? {
        guard b.has("AKIA", at: i) || b.has("ASIA", at: i) else { return nil }
        let end = b.run(from: i + 4) { ASCII.isDigit($0) || ASCII.isUpper($0) }
        guard end - (i + 4) == 16, b.isTokenEnd(end) else { return nil }
        return .redact(.awsKey, i, end)
    }

    /// `api_key` / `api-key` / `apikey` (any case) [quote] [spaces] `=`|`:` [spaces] [quote] value of 8+
    /// characters. The name, separator and quotes stay; a value that is already a placeholder stays too.
    static func apiKeyValue(_ b: Bytes, _ i: Int) -> Candidate? {
        guard b.has("api", at: i, ignoringCase: true) else { return nil }
        var j = i + 3
        if b.at(j) == UInt8(ascii: "_") || b.at(j) == UInt8(ascii: "-") { j += 1 }
        guard b.has("key", at: j, ignoringCase: true) else { return nil }
        j += 3
        if b.at(j) == UInt8(ascii: "\"") || b.at(j) == UInt8(ascii: "'") { j += 1 }
        let isBlank = { (c: UInt8) in c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") }
        j = b.run(from: j, while: isBlank)
        guard b.at(j) == UInt8(ascii: "=") || b.at(j) == UInt8(ascii: ":") else { return nil }
        j = b.run(from: j + 1, while: isBlank)
        let quote = b.at(j)
        let start: Int
        let end: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            start = j + 1
            end = b.run(from: start) { $0 != quote && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
            guard b.at(end) == quote else { return nil }
        } else {
            start = j
            end = b.run(from: start) { c in
                switch c {
                case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "+"),
                    UInt8(ascii: "/"), UInt8(ascii: "="):
                    true
                default:
                    ASCII.isAlnum(c)
                }
            }
        }
        guard end - start >= 8, !isPlaceholder(b, start..<end) else { return nil }
        return Candidate(kind: .apiKey, start: i, end: end, replace: start..<end)
    }

    /// `<NAME>`: upper-case letters and `_` in angle brackets.
    static func isPlaceholder(_ b: Bytes, _ range: Range<Int>) -> Bool {
        b[range.lowerBound] == UInt8(ascii: "<") && b[range.upperBound - 1] == UInt8(ascii: ">")
            && b[range.lowerBound + 1..<range.upperBound - 1].allSatisfy {
                ASCII.isUpper($0) || $0 == UInt8(ascii: "_")
            }
    }
}
