// QualitySettings: the knobs of answer-quality monitoring — the built-in checks' refusal phrases and latency
// objective, the grading sample (rate, per-slice minimum), the pass threshold for grader scores, and the
// consistency window — with the defaults the README documents.

/// How answers are checked, sampled for grading and compared.
public struct QualitySettings: Sendable, Hashable {
    /// Phrases that mark a refusal when the answer opens with one (case-insensitive, within `refusalPrefix`
    /// characters of the start).
    public var refusalPhrases = QualitySettings.defaultRefusalPhrases
    /// Characters from the start of the answer in which a refusal phrase counts.
    public var refusalPrefix = 160
    /// Seconds over which an interaction fails the latency check; nil turns the check off.
    public var latencyObjective: Double? = 30
    /// Share of embedded interactions sent to external graders (0...1).
    public var sampleRate = 0.05
    /// Graded interactions per slice and window topped up to this many when the rate picked fewer.
    public var minimumPerSlice = 3
    /// Most interactions sent to graders per window (sampled plus always-kept errors and novel inputs).
    public var maximumPerWindow = 200
    /// A grader score at or above this is a pass.
    public var passThreshold = 0.5
    /// Seconds within which a repeated input's answers are compared for the answer-flip rate; 0 turns it off.
    public var consistencyWindow = 3600.0
    /// Inputs remembered for the consistency check (oldest forgotten first).
    public var consistencyCapacity = 20_000

    public init() {}

    /// `latencyObjective` with 0 for off (the configuration's form).
    public var latencyObjectiveOrZero: Double {
        get { latencyObjective ?? 0 }
        set { latencyObjective = newValue > 0 ? newValue : nil }
    }

    /// `sampleRate` in whole percent (the configuration's form).
    public var samplePercent: Int {
        get { Int((sampleRate * 100).rounded()) }
        set { sampleRate = Double(min(100, max(0, newValue))) / 100 }
    }

    /// Openings of refusals in the major assistants' house styles (English).
    public static let defaultRefusalPhrases = [
        "i'm sorry, i can't", "i'm sorry, but i can't", "i am sorry, but i cannot", "i'm sorry, i cannot",
        "i can't help with that", "i cannot help with that", "i can't assist with that", "i cannot assist with that",
        "i'm not able to help", "i am not able to help", "i'm unable to help", "i am unable to help",
        "i won't be able to help", "sorry, i can't", "as an ai language model, i cannot", "i must decline",
    ]
}
