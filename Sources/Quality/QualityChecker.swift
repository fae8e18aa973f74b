// QualityChecker: runs the built-in checks on one interaction. Pure and cheap (no allocation on the common
// path beyond lowercasing a short prefix), so it runs on every interaction, sampled or not.

import Exchange
import JSON

/// The built-in checks under one `QualitySettings`.
public struct QualityChecker: Sendable {
    public let settings: QualitySettings
    private let phrases: [[UInt8]]

    public init(settings: QualitySettings) {
        self.settings = settings
        phrases = settings.refusalPhrases.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty }
    }

    /// Finish and stop reasons that mean the token limit cut the answer.
    static let truncationReasons: Set<String> = [
        "length", "max_tokens", "max_output_tokens", "incomplete:max_output_tokens", "model_length",
    ]
    /// Finish and stop reasons that mean a refusal or a content filter.
    static let refusalReasons: Set<String> = ["refusal", "content_filter", "incomplete:content_filter"]

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
    /// typographic apostrophes read as straight ones).
    func opensWithRefusal(_ output: String) -> Bool {
        guard !phrases.isEmpty, !output.isEmpty else { return false }
        var head: [UInt8] = []
        head.reserveCapacity(settings.refusalPrefix)
        var count = 0
        for scalar in output.unicodeScalars {
            if count >= settings.refusalPrefix { break }
            count += 1
            switch scalar.value {
            case 0x41...0x5A: head.append(UInt8(scalar.value) + 32)
            case 0x2019, 0x2018: head.append(UInt8(ascii: "'"))
            case 0..<0x80: head.append(UInt8(scalar.value))
            default: head.append(0x80)  // any other character: never part of a phrase
            }
        }
        return phrases.contains { phrase in Self.contains(head, phrase) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        outer: for start in 0...(haystack.count - needle.count) {
            for k in needle.indices where haystack[start + k] != needle[k] { continue outer }
            return true
        }
        return false
    }
}
