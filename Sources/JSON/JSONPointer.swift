// JSONPointer: RFC 6901 pointers ("/choices/0/message/content") for the generic adapter's configuration.

/// A parsed JSON pointer.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The reference tokens, unescaped (~1 -> "/", ~0 -> "~").
    public let tokens: [String]

    /// Parses a pointer; "" is the whole document. Throws JSONError for text not starting with "/" or a bad escape.
    public init(_ text: String) throws {
        guard !text.isEmpty else {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { throw JSONError("a JSON pointer starts with \"/\": \"\(text)\"", at: 0) }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var chars = raw.makeIterator()
            while let c = chars.next() {
                guard c == "~" else {
                    token.append(c)
                    continue
                }
                switch chars.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONError("bad escape in JSON pointer \"\(text)\" (use ~0 or ~1)", at: 0)
                }
            }
            result.append(token)
        }
        tokens = result
    }

    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }
}

extension JSONValue {
    /// The value the pointer refers to, or nil when a step is missing.
    public func value(at pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let o):
                guard let next = o[token] else { return nil }
                current = next
            case .array(let a):
                guard let i = Int(token), a.indices.contains(i), token == String(i) else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }
}
