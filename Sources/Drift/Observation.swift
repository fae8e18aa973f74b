// Observation: what the drift monitor keeps of one interaction — its time, descriptors, slice (or novel, or not
// embedded), latency, error and answer checks, and a short secret-free copy of its input for examples.

import Exchange
import Quality
import Slicing

/// Where an interaction landed among the baseline's slices.
public enum SliceAssignment: Sendable, Hashable {
    /// Nearest slice (index into the baseline's slices) and the cosine distance to its centroid.
    case slice(Int, distance: Float)
    /// Farther from every slice than the calibrated novelty threshold.
    case novel(distance: Float)
    /// Not embedded (beyond the embedding rate, or no input text).
    case unembedded
}

/// One interaction as the monitor sees it.
public struct Observation: Sendable, Hashable {
    /// Capture time of the request, nanoseconds since the epoch (packet time, so replays are deterministic).
    public var time: Int64
    public var descriptors: Descriptors
    public var assignment: SliceAssignment
    /// Total latency in milliseconds, when the exchange completed.
    public var latencyMilliseconds: Double?
    /// An HTTP status >= 400, an API error, or no response.
    public var isError: Bool
    /// The built-in answer checks it failed.
    public var checks = CheckFailures()
    /// Whether it passed, when it counts in its slice's pass-rate test on arrival (scored by the built-in checks
    /// alone); nil when it is not scored, or an external grader scores it later (`DriftMonitor.addScore`).
    public var score: Bool?
    /// For an input asked again within the consistency window: whether the answer changed materially.
    public var flipped: Bool?
    /// The input with secrets removed, cut to `Observation.exampleLength` characters.
    public var example: String
    /// The interaction itself, when the observer was asked to pass it on (a sidecar samples some into its
    /// store); nil otherwise.
    public var interaction: Interaction?

    /// Longest example kept, in characters.
    public static let exampleLength = 240

    public init(
        time: Int64, descriptors: Descriptors, assignment: SliceAssignment, latencyMilliseconds: Double?,
        isError: Bool, example: String
    ) {
        self.time = time
        self.descriptors = descriptors
        self.assignment = assignment
        self.latencyMilliseconds = latencyMilliseconds
        self.isError = isError
        self.example = example
    }
}
