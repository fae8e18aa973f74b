// EvalItem: one item of a team's eval set — the input it tests, and how the system scored on it.

/// One eval-set item.
public struct EvalItem: Sendable, Hashable {
    /// The item's id (`id` field, else "line-N").
    public var id: String
    /// The input text: the string, or the last user turn of a chat `messages` array.
    public var input: String
    /// Number of user and assistant turns (1 for a plain string input).
    public var turns: Int
    /// Graded score in 0...1, when given.
    public var score: Double?
    /// Pass/fail, when given (or derived from `score` >= the pass threshold by the builder).
    public var pass: Bool?
    /// Free-form tags, e.g. {"intent": "book_hotel", "domain": "travel"}.
    public var tags: [String: String]
    /// The reference or recorded output, when given.
    public var output: String?
    /// 1-based line number in the eval-set file.
    public var line: Int

    public init(
        id: String, input: String, turns: Int = 1, score: Double? = nil, pass: Bool? = nil,
        tags: [String: String] = [:], output: String? = nil, line: Int = 0
    ) {
        self.id = id
        self.input = input
        self.turns = turns
        self.score = score
        self.pass = pass
        self.tags = tags
        self.output = output
        self.line = line
    }
}
