// QualityChecker: runs the built-in checks on one interaction. Pure and cheap (no allocation on the common
// path: the refusal search folds a short prefix into a stack buffer), so it runs on every interaction, sampled
// or not.

import Exchange
import JSON
import Slicing

/// The built-in checks under one `QualitySettings`.
public struct QualityChecker: Sendable {
    public let settings: QualitySettings
    /// The refusal phrases as the search compares them (`foldPhrase`).
    private let phrases: BytePatterns

    public init(settings: QualitySettings) {
        self.settings = settings
        phrases = BytePatterns(settings.refusalPhrases.map { Array(Self.foldPhrase($0).utf8) })
    }

    // Arrays, not sets: a reason is looked up for every interaction, and comparing a few short strings is
    // cheaper than hashing one.
    /// Finish and stop reasons that mean the token limit cut the answer.
    static let truncationReasons: [String] = [
        "length", "max_tokens", "max_output_tokens", "incomplete:max_output_tokens", "model_length",
    ]
    /// Finish and stop reasons that mean a refusal or a content filter.
    static let refusalReasons: [String] = ["refusal", "content_filter", "incomplete:content_filter"]

    /// The checks `interaction` failed.
    public func check(_ i: Interaction) -> CheckFailures {
        var failed = CheckFailures()
        if Self.isError(i) {
            failed.insert(.error)
        } else {
            let refused = i.refusal != nil || i.finishReason.map(Self.refusalReasons.contains) == true
                || opensWithRefusal(i.output)
            if refused { failed.insert(.refusal) }
            if i.output.allSatisfy(\.isWhitespace) && i.toolCalls.isEmpty && !refused { failed.insert(.empty) }
            if let reason = i.finishReason, Self.truncationReasons.contains(reason) { failed.insert(.truncated) }
            if let format = i.parameters.responseFormat, format == "json_object" || format == "json_schema",
                i.toolCalls.isEmpty, !refused, !Self.parsesAsJSON(i.output)
            {
                failed.insert(.invalidJSON)
            }
            if i.toolCalls.contains(where: { !$0.argumentsValid }) { failed.insert(.toolArguments) }
        }
        if let objective = settings.latencyObjective, let latency = i.latency, latency > objective {
            failed.insert(.latency)
        }
        return failed
    }

    /// An HTTP status of 400 or more, an API error, or no response at all.
    public static func isError(_ i: Interaction) -> Bool {
        if let status = i.status { return status >= 400 || i.error != nil }
        return true
    }

    static func parsesAsJSON(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { (try? JSONParser().parse($0)) != nil }
    }

    /// Whether a refusal phrase occurs within the first `refusalPrefix` characters (ASCII case folded;
    /// typographic apostrophes read as straight ones, in the answer and in the phrases). Works on the UTF-8
    /// bytes: the prefix is folded into a stack buffer and searched for the phrases that start with each byte.
    /// Other scalars are compared as they are (a phrase's first byte is never a continuation byte, so a match
    /// always starts on a character).
    func opensWithRefusal(_ output: String) -> Bool {
        let limit = settings.refusalPrefix
        guard !phrases.isEmpty, limit > 0, !output.isEmpty else { return false }
        var copy = output
        return copy.withUTF8 { bytes in
            // At most four bytes per scalar, and never more than the text has.
            let room = limit <= bytes.count ? min(bytes.count, limit * 4) : bytes.count
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { head in
                let length = Self.foldHead(bytes, limit: limit, into: head)
                return phrases.occurs(in: UnsafeBufferPointer(rebasing: head[..<length]))
            }
        }
    }

    /// A configured phrase as the search compares it: lowercased, U+2018 and U+2019 as `'`.
    static func foldPhrase(_ phrase: String) -> String {
        String(String.UnicodeScalarView(phrase.lowercased().unicodeScalars.map {
            $0.value == 0x2018 || $0.value == 0x2019 ? "'" : $0
        }))
    }

    /// Writes the first `limit` scalars of `bytes` (valid UTF-8) into `head` (room for four bytes a scalar):
    /// ASCII lowercased, U+2018 and U+2019 as `'`, any other scalar as its UTF-8. The bytes written.
    static func foldHead(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int, into head: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var out = 0
        var i = 0
        let n = bytes.count
        while i < n && count < limit {
            let b = bytes[i]
            if b < 0x80 {
                head[out] = b >= 0x41 && b <= 0x5A ? b + 32 : b
                out += 1
                i += 1
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99 {
                // ‘ and ’ are E2 80 98 and E2 80 99.
                head[out] = UInt8(ascii: "'")
                out += 1
                i += 3
            } else {
                repeat {
                    head[out] = bytes[i]
                    out += 1
                    i += 1
                } while i < n && bytes[i] & 0xC0 == 0x80
            }
            count += 1
        }
        return out
    }
}
