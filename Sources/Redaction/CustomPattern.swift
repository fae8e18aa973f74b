// CustomPattern: user-configured kinds (a name and an NSRegularExpression), their configuration errors,
// and their matches as byte-offset claims for the redactor's pass.

import Foundation

/// Why a `Redactor` could not be configured.
public enum RedactionError: Error, Equatable, CustomStringConvertible {
    /// A custom kind's name is empty or has bytes other than letters, digits and `_`.
    case invalidName(String)
    /// A custom pattern does not compile.
    case invalidPattern(name: String, pattern: String, reason: String)

    public var description: String {
        switch self {
        case .invalidName(let name):
            "custom redaction name \"\(name)\" must be letters, digits and _"
        case .invalidPattern(let name, let pattern, let reason):
            "custom redaction pattern \(name) /\(pattern)/ does not compile: \(reason)"
        }
    }
}

/// A user-configured kind: its name and the regular expression it redacts.
/// (`@unchecked`: NSRegularExpression is immutable and thread-safe, but not every SDK marks it Sendable.)
struct CustomPattern: @unchecked Sendable {
    let kind: RedactionKind
    let regex: NSRegularExpression

    init(name: String, pattern: String) throws(RedactionError) {
        guard !name.isEmpty, name.utf8.allSatisfy(ASCII.isWord) else { throw .invalidName(name) }
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw .invalidPattern(name: name, pattern: pattern, reason: Self.reason(pattern, error))
        }
        kind = .custom(name)
    }

    /// Every non-empty match of `patterns` in `text`, in UTF-8 offsets, by start and then longest first.
    static func claims(of patterns: [CustomPattern], in text: String) -> [Candidate] {
        guard !patterns.isEmpty else { return [] }
        let whole = NSRange(text.startIndex..., in: text)
        let utf8 = text.utf8
        var claims: [Candidate] = []
        for (index, pattern) in patterns.enumerated() {
            for match in pattern.regex.matches(in: text, range: whole) where match.range.length > 0 {
                guard let range = Range(match.range, in: text) else { continue }
                let start = utf8.distance(from: utf8.startIndex, to: range.lowerBound)
                let end = start + utf8.distance(from: range.lowerBound, to: range.upperBound)
                claims.append(.redact(.custom(index), start, end))
            }
        }
        return claims.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
    }

    /// Why `pattern` does not compile. Foundation's error says only that the value is invalid, so the
    /// reason comes from Swift's own regex parser when it rejects the pattern too.
    private static func reason(_ pattern: String, _ error: any Error) -> String {
        do {
            _ = try Regex(pattern)
        } catch {
            return String(describing: error)
        }
        return "not a valid ICU regular expression (\((error as NSError).localizedDescription))"
    }
}
