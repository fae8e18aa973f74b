// TestResult and Finding: one statistical test of one window (which statistic, on what, its value against the
// baseline's, sample size, p-value, effect size and floor), and the finding it becomes when it crosses both the
// significance threshold (or its CUSUM) and the effect-size floor.

/// The families of tests run on every window.
public enum DriftTest: String, Sendable, Hashable, CaseIterable {
    /// G-test of homogeneity: live slice counts against the baseline's.
    case sliceMix = "slice_mix"
    /// One slice's share grew: pooled two-proportion z-test against its baseline share.
    case sliceShare = "slice_share"
    /// The novel rate grew: exact binomial test against the expected rate.
    case novelty
    /// A numeric descriptor's distribution moved: binned two-sample Kolmogorov-Smirnov.
    case descriptor
    /// A categorical descriptor's distribution moved: chi-square homogeneity.
    case descriptorCategories = "descriptor_categories"
    /// A slice's answers got worse: one-sided two-proportion z (Fisher's exact test for small counts) of its
    /// scored pass rate against its eval pass rate.
    case quality
    /// A slice's (or all traffic's) error rate rose: one-sided two-proportion z (Fisher's exact test for small
    /// counts) against the reference traffic's error rate.
    case errorRate = "error_rate"
    /// A latency tail got heavier: the share of live interactions slower than the reference traffic's p95 (or
    /// p99), tested one-sided against the reference's own share above that point.
    case latencyP95 = "latency_p95"
    case latencyP99 = "latency_p99"
}

/// One test on one window.
public struct TestResult: Sendable, Hashable {
    public var test: DriftTest
    /// The slice it concerns (a baseline slice id, or "novel"), if any.
    public var slice: String?
    /// The descriptor it concerns, if any.
    public var descriptor: String?
    /// Name of the test statistic ("G", "z", "binomial", "KS D", "chi-square").
    public var statistic: String
    /// The live value (a share, a rate, D, G) and the baseline's counterpart.
    public var value: Double
    public var baselineValue: Double?
    /// Observations the test used.
    public var sampleSize: Int
    /// One-sided p-value (upper tail where the test is directional); nil when not tested.
    public var pValue: Double?
    /// The standardised score the CUSUM accumulates (Φ⁻¹(1 − p)).
    public var z: Double?
    /// Effect size, its name, and the floor it must reach.
    public var effectName: String
    public var effect: Double
    public var floor: Double
    /// Why the test could not run (too few observations or expected counts), if so.
    public var insufficientData: String?
    /// Inputs that drove it (secrets removed).
    public var examples: [String]

    /// Identifies the same test across windows: "slice_share/s3", "descriptor/characters", "novelty".
    public var key: String {
        test == .novelty ? test.rawValue : [test.rawValue, slice ?? descriptor].compactMap { $0 }.joined(separator: "/")
    }

    public var aboveFloor: Bool { effect >= floor }

    public init(
        test: DriftTest, slice: String?, descriptor: String?, statistic: String, value: Double, baselineValue: Double?,
        sampleSize: Int, pValue: Double?, z: Double?, effectName: String, effect: Double, floor: Double,
        insufficientData: String?, examples: [String]
    ) {
        self.test = test
        self.slice = slice
        self.descriptor = descriptor
        self.statistic = statistic
        self.value = value
        self.baselineValue = baselineValue
        self.sampleSize = sampleSize
        self.pValue = pValue
        self.z = z
        self.effectName = effectName
        self.effect = effect
        self.floor = floor
        self.insufficientData = insufficientData
        self.examples = examples
    }
}

/// A test that crossed its threshold in this window (or whose CUSUM did) with an effect above the floor.
public struct Finding: Sendable, Hashable {
    public var result: TestResult
    /// "window" when this window's p-value was under the per-test alpha, "cusum" when the accumulated score was.
    public var trigger: String
    /// The per-test significance level, and the CUSUM statistic and threshold.
    public var alpha: Double
    public var cusum: Double
    public var cusumThreshold: Double

    public init(result: TestResult, trigger: String, alpha: Double, cusum: Double, cusumThreshold: Double) {
        self.result = result
        self.trigger = trigger
        self.alpha = alpha
        self.cusum = cusum
        self.cusumThreshold = cusumThreshold
    }
}
