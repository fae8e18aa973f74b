// DriftSettings: the knobs of drift detection — window shape, the false-alarm budget, effect-size floors, the
// CUSUM allowance, quality tests and the alert state machine's timings — with the defaults the README documents.

/// How windows are cut.
public enum WindowSpec: Sendable, Hashable, CustomStringConvertible {
    /// Tumbling windows of this many interactions.
    case count(Int)
    /// Tumbling windows of this many seconds of packet time.
    case duration(seconds: Double)

    public var description: String {
        switch self {
        case .count(let n): "\(n) interactions"
        case .duration(let s): s.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(s / 60))m" : "\(s)s"
        }
    }
}

/// The expected interval between false alarms of the whole battery of tests.
public enum FalseAlarmInterval: Sendable, Hashable, CustomStringConvertible {
    /// Seconds between false alarms, at the traffic rate observed in packet time.
    case seconds(Double)
    /// Interactions between false alarms.
    case interactions(Int)

    public var description: String {
        switch self {
        case .seconds(let s): s >= 86400 && s.truncatingRemainder(dividingBy: 86400) == 0 ? "\(Int(s / 86400))d" : "\(Int(s))s"
        case .interactions(let n): "\(n) interactions"
        }
    }
}

/// The smallest effect worth an alert, per statistic: significance alone fires on trivia in large samples.
public struct EffectFloors: Sendable, Hashable {
    /// Slice mix: Jensen-Shannon distance (base 2) between live and baseline slice shares.
    public var sliceMixJensenShannon = 0.1
    /// One slice: live share at least this many times its baseline share ...
    public var sliceShareRatio = 1.5
    /// ... and at least this much higher in absolute terms.
    public var sliceShareDifference = 0.01
    /// Novelty: the novel rate at least this far above the expected rate (absolute).
    public var noveltyExcess = 0.02
    /// Numeric descriptors: Kolmogorov-Smirnov D.
    public var descriptorKS = 0.1
    /// Categorical descriptors: Jensen-Shannon distance.
    public var descriptorJensenShannon = 0.1
    /// Quality: a slice's pass rate at least this far under its eval pass rate (absolute).
    public var qualityDrop = 0.1
    /// Error rate: at least this far above the reference traffic's (absolute).
    public var errorRateRise = 0.02
    /// Latency tails: the live p95 (p99) at least this many times the reference traffic's.
    public var latencyRatio = 2.0

    public init() {}
}

/// Everything that shapes detection.
public struct DriftSettings: Sendable, Hashable {
    public var window = WindowSpec.count(500)
    public var falseAlarms = FalseAlarmInterval.seconds(30 * 86400)
    public var floors = EffectFloors()
    /// Cells with fewer expected counts are pooled (or the test reports insufficient data).
    public var minimumExpected = 5.0
    /// CUSUM allowance k in standard deviations per window: drifts of about 2k per window are caught fastest.
    public var cusumReference = 1.0
    /// Windows a condition must hold before a pending alert fires.
    public var firingAfter = 2
    /// Clear windows before a firing alert resolves.
    public var resolvingAfter = 3
    /// Windows after a resolve during which the same alert goes back to pending instead of firing again at once.
    public var cooldown = 6
    /// Whether each graded slice's pass rate is tested (the built-in checks or external graders score it), and
    /// the error rate and latency tails against the reference traffic's when the baseline has them.
    public var qualityTests = true
    /// Interactions embedded per second of packet time; nil embeds all.
    public var embeddingRate: Int? = 200

    public init() {}
}
