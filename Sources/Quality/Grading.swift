// Grading: the values and the queue interface between the drift session and external graders — a grader's score
// of one interaction (with the grader's name and version), a picked interaction's outcome, and the queue the
// session submits picks to and collects outcomes from (implemented by the Graders target's GraderPool).

/// One grader's verdict on one interaction.
public struct GraderScore: Sendable, Hashable {
    public var grader: String
    public var version: String?
    /// 0...1.
    public var score: Double
    public var reason: String?

    public init(grader: String, version: String?, score: Double, reason: String?) {
        self.grader = grader
        self.version = version
        self.score = score
        self.reason = reason
    }
}

/// What grading made of one picked interaction.
public struct GradeOutcome: Sendable {
    public var pick: GradePick
    /// The scores of the graders that answered, and the failures of those that did not.
    public var scores: [GraderScore]
    public var failures: [String]
    /// Passed the built-in checks and every score reached the pass threshold; nil when no grader answered.
    public var passed: Bool?

    public init(pick: GradePick, scores: [GraderScore], failures: [String], passThreshold: Double) {
        self.pick = pick
        self.scores = scores
        self.failures = failures
        passed = scores.isEmpty ? nil : pick.checks.passed && scores.allSatisfy { $0.score >= passThreshold }
    }
}

/// Where picked interactions go to be graded; never blocks the caller on `submit` or `completed`.
public protocol GradingQueue: AnyObject, Sendable {
    /// Queues a pick; false when it was dropped (queue full or hourly budget spent), which is counted.
    @discardableResult func submit(_ pick: GradePick) -> Bool
    /// Outcomes finished since the last call.
    func completed() -> [GradeOutcome]
    /// Waits until everything submitted is finished (or `timeout` seconds pass) and returns the outcomes.
    func drain(timeout: Double) -> [GradeOutcome]
}
