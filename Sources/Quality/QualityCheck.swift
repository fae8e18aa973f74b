// QualityCheck: the built-in answer checks — a named pass/fail signal each, run on every interaction — and the
// set of checks one interaction failed, small enough to keep per observation.

/// One built-in check of an answer.
public enum QualityCheck: String, Sendable, Hashable, CaseIterable {
    /// HTTP status of 400 or more, an API error, or no response at all.
    case error
    /// A successful response with no answer text, no refusal and no tool call.
    case empty
    /// The model refused: a refusal field, a refusal stop reason, or the answer opens with a refusal phrase.
    case refusal
    /// The answer was cut by the token limit (finish reason `length`, stop reason `max_tokens`, incomplete).
    case truncated
    /// The request asked for JSON (`json_object` or `json_schema`) and the answer does not parse as JSON.
    case invalidJSON = "invalid_json"
    /// A tool call whose arguments do not parse as JSON.
    case toolArguments = "tool_arguments"
    /// Slower than the configured latency objective.
    case latency

    /// Position in `CheckFailures`' bits and in per-check counters.
    public var index: Int { Self.allCases.firstIndex(of: self)! }
}

/// The checks one interaction failed (empty: it passed all of them).
public struct CheckFailures: OptionSet, Sendable, Hashable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public init(_ checks: [QualityCheck]) {
        rawValue = 0
        for c in checks { insert(c) }
    }

    public mutating func insert(_ check: QualityCheck) { rawValue |= 1 << UInt8(check.index) }
    public func contains(_ check: QualityCheck) -> Bool { rawValue & (1 << UInt8(check.index)) != 0 }

    public var passed: Bool { rawValue == 0 }
    /// The failed checks, in `QualityCheck.allCases` order.
    public var checks: [QualityCheck] { QualityCheck.allCases.filter(contains) }
}
