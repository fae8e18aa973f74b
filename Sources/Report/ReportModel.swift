// ReportModel: the plain data the report page is drawn from — what the drift monitor knows about the baseline,
// the traffic seen so far, its windows and its alerts. Value types only; the renderer derives everything else.

/// Everything the report page shows, already computed by the caller (a replay or the live sidecar).
public struct ReportModel: Sendable, Equatable {
    /// The page title, e.g. "slicewatch report".
    public var title: String
    /// Where the figures come from, e.g. "replay of capture.pcap against baseline.json".
    public var source: String
    /// When the figures were taken, ISO 8601.
    public var generatedAt: String
    /// True when the page is served live: it then says so and refreshes itself every `refreshSeconds`.
    public var live: Bool
    /// Seconds between refreshes of a live page.
    public var refreshSeconds: Int
    /// The baseline the traffic is compared with.
    public var baseline: BaselineSummary
    /// Counts over all traffic since the start.
    public var totals: Totals
    /// One row per baseline slice, in the baseline's order (`WindowPoint.sliceShares` follows it).
    public var slices: [SliceRow]
    /// Inputs farther from every slice than the novelty threshold.
    public var novel: NovelRow
    /// The evaluated windows, oldest first.
    public var windows: [WindowPoint]
    /// Alert events, newest first. Several events of one key are drawn as one card (the newest) with the
    /// earlier states as its history.
    public var alerts: [AlertRow]
    /// Answer quality over all traffic; nil when nothing was scored.
    public var quality: QualityOverview?

    /// Creates a report model from its parts.
    public init(
        title: String, source: String, generatedAt: String, live: Bool, refreshSeconds: Int,
        baseline: BaselineSummary, totals: Totals, slices: [SliceRow], novel: NovelRow,
        windows: [WindowPoint], alerts: [AlertRow], quality: QualityOverview?
    ) {
        self.title = title
        self.source = source
        self.generatedAt = generatedAt
        self.live = live
        self.refreshSeconds = refreshSeconds
        self.baseline = baseline
        self.totals = totals
        self.slices = slices
        self.novel = novel
        self.windows = windows
        self.alerts = alerts
        self.quality = quality
    }
}

/// The baseline built from the team's eval set.
public struct BaselineSummary: Sendable, Equatable {
    /// Eval items the baseline was built from.
    public var evalItems: Int
    /// Slices (clusters of the eval set).
    public var sliceCount: Int
    /// The sentence encoder that embeds inputs.
    public var embedder: String
    /// Where the baseline slice shares come from: "eval set" or "reference traffic".
    public var shareSource: String
    /// The novel rate expected on in-distribution traffic.
    public var expectedNovelRate: Double
    /// The pass rate of the graded eval items, when they were graded.
    public var evalPassRate: Double?

    /// Creates a baseline summary.
    public init(
        evalItems: Int, sliceCount: Int, embedder: String, shareSource: String,
        expectedNovelRate: Double, evalPassRate: Double?
    ) {
        self.evalItems = evalItems
        self.sliceCount = sliceCount
        self.embedder = embedder
        self.shareSource = shareSource
        self.expectedNovelRate = expectedNovelRate
        self.evalPassRate = evalPassRate
    }
}

/// Counts over all traffic since the start.
public struct Totals: Sendable, Equatable {
    /// Model calls seen.
    public var interactions: Int
    /// Interactions embedded and assigned to a slice or to novel.
    public var embedded: Int
    /// Embedded interactions that were novel.
    public var novel: Int
    /// Windows evaluated.
    public var windows: Int
    /// The window size as the user gave it: "500 interactions" or "5m".
    public var windowSize: String
    /// Alerts that reached firing since the start.
    public var alertsFired: Int
    /// Keys of the alerts firing now, e.g. "novelty", "slice_share/s07".
    public var firingNow: [String]
    /// Packet time of the first and last interaction (epoch seconds).
    public var firstTime: Double?
    public var lastTime: Double?

    /// Creates the totals.
    public init(
        interactions: Int, embedded: Int, novel: Int, windows: Int, windowSize: String,
        alertsFired: Int, firingNow: [String], firstTime: Double?, lastTime: Double?
    ) {
        self.interactions = interactions
        self.embedded = embedded
        self.novel = novel
        self.windows = windows
        self.windowSize = windowSize
        self.alertsFired = alertsFired
        self.firingNow = firingNow
        self.firstTime = firstTime
        self.lastTime = lastTime
    }
}

/// One baseline slice: its weight in the baseline and in live traffic, its quality and its operations.
public struct SliceRow: Sendable, Equatable {
    public var id: String
    public var label: String
    /// Eval items in the slice.
    public var evalItems: Int
    /// The slice's share of the baseline (eval set or reference traffic), 0...1.
    public var baselineShare: Double
    /// The slice's share of live in-distribution traffic, 0...1.
    public var liveShare: Double
    /// Live interactions assigned to the slice.
    public var liveCount: Int
    /// Pass rate of the slice's graded eval items.
    public var evalPassRate: Double?
    /// Pass rate of the slice's scored live answers.
    public var livePassRate: Double?
    /// Live answers scored.
    public var scored: Int
    /// Live latency quantiles, milliseconds.
    public var latencyP50: Double?
    public var latencyP95: Double?
    public var latencyP99: Double?
    /// Live error rate, 0...1.
    public var errorRate: Double?
    /// The reference traffic's error rate and latency p95 (milliseconds), when the baseline has reference traffic.
    public var referenceErrorRate: Double?
    public var referenceP95: Double?
    /// A few live inputs and eval items of the slice.
    public var liveExamples: [String]
    public var evalExamples: [String]
    /// True when the slice has a firing alert.
    public var alerting: Bool

    /// Creates a slice row.
    public init(
        id: String, label: String, evalItems: Int, baselineShare: Double, liveShare: Double, liveCount: Int,
        evalPassRate: Double?, livePassRate: Double?, scored: Int,
        latencyP50: Double?, latencyP95: Double?, latencyP99: Double?,
        errorRate: Double?, referenceErrorRate: Double?, referenceP95: Double?,
        liveExamples: [String], evalExamples: [String], alerting: Bool
    ) {
        self.id = id
        self.label = label
        self.evalItems = evalItems
        self.baselineShare = baselineShare
        self.liveShare = liveShare
        self.liveCount = liveCount
        self.evalPassRate = evalPassRate
        self.livePassRate = livePassRate
        self.scored = scored
        self.latencyP50 = latencyP50
        self.latencyP95 = latencyP95
        self.latencyP99 = latencyP99
        self.errorRate = errorRate
        self.referenceErrorRate = referenceErrorRate
        self.referenceP95 = referenceP95
        self.liveExamples = liveExamples
        self.evalExamples = evalExamples
        self.alerting = alerting
    }
}

/// Novel inputs over all traffic.
public struct NovelRow: Sendable, Equatable {
    /// Novel interactions.
    public var count: Int
    /// Novel share of embedded interactions; nil before anything was embedded.
    public var rate: Double?
    /// The rate expected on in-distribution traffic.
    public var expectedRate: Double
    /// A few novel inputs.
    public var examples: [String]

    /// Creates the novel row.
    public init(count: Int, rate: Double?, expectedRate: Double, examples: [String]) {
        self.count = count
        self.rate = rate
        self.expectedRate = expectedRate
        self.examples = examples
    }
}

/// One evaluated window: a point of the time series.
public struct WindowPoint: Sendable, Equatable {
    /// The window's number (as in window lines and alerts).
    public var index: Int
    /// Packet time of the window's first interaction (epoch seconds).
    public var start: Double?
    public var interactions: Int
    public var novelRate: Double?
    public var expectedNovelRate: Double
    /// Jensen-Shannon distance of the window's slice mix from the baseline's.
    public var sliceMixDistance: Double?
    /// Each slice's share of the window's in-distribution traffic, in the order of `ReportModel.slices`.
    public var sliceShares: [Double]
    /// Pass rate of the window's scored answers, and the rate expected under its slice mix.
    public var passRate: Double?
    public var expectedPassRate: Double?
    /// Keys of the tests that found drift in the window.
    public var findings: [String]

    /// Creates a window point.
    public init(
        index: Int, start: Double?, interactions: Int, novelRate: Double?, expectedNovelRate: Double,
        sliceMixDistance: Double?, sliceShares: [Double], passRate: Double?, expectedPassRate: Double?,
        findings: [String]
    ) {
        self.index = index
        self.start = start
        self.interactions = interactions
        self.novelRate = novelRate
        self.expectedNovelRate = expectedNovelRate
        self.sliceMixDistance = sliceMixDistance
        self.sliceShares = sliceShares
        self.passRate = passRate
        self.expectedPassRate = expectedPassRate
        self.findings = findings
    }
}

/// One alert event with its evidence (the fields of an `alert` JSON line).
public struct AlertRow: Sendable, Equatable {
    /// The test key, e.g. "novelty" or "slice_share/s07".
    public var key: String
    /// "pending", "firing" or "resolved".
    public var state: String
    /// The window of the event and the window the finding began in.
    public var window: Int
    public var sinceWindow: Int
    /// Packet time of the event (epoch seconds).
    public var time: Double?
    /// The test's name, e.g. "novelty", "quality", "latency_p95".
    public var test: String
    public var slice: String?
    public var sliceLabel: String?
    /// One human sentence saying what moved, by how much, on how many, how sure.
    public var summary: String
    /// The live value and the baseline's: rates 0...1, medians for length descriptors, milliseconds for latency.
    public var value: Double
    public var baselineValue: Double?
    public var sampleSize: Int
    public var pValue: Double?
    public var effectName: String
    public var effect: Double
    public var floor: Double
    /// What crossed its threshold: "window" or "cusum".
    public var trigger: String
    /// A few inputs behind the finding.
    public var examples: [String]

    /// Creates an alert row.
    public init(
        key: String, state: String, window: Int, sinceWindow: Int, time: Double?, test: String,
        slice: String?, sliceLabel: String?, summary: String, value: Double, baselineValue: Double?,
        sampleSize: Int, pValue: Double?, effectName: String, effect: Double, floor: Double,
        trigger: String, examples: [String]
    ) {
        self.key = key
        self.state = state
        self.window = window
        self.sinceWindow = sinceWindow
        self.time = time
        self.test = test
        self.slice = slice
        self.sliceLabel = sliceLabel
        self.summary = summary
        self.value = value
        self.baselineValue = baselineValue
        self.sampleSize = sampleSize
        self.pValue = pValue
        self.effectName = effectName
        self.effect = effect
        self.floor = floor
        self.trigger = trigger
        self.examples = examples
    }
}

/// Answer quality over all traffic, and how its change from the baseline splits.
public struct QualityOverview: Sendable, Equatable {
    /// Live answers scored, and the share of them that passed.
    public var scored: Int
    public var passRate: Double
    /// The pass rate expected under the live slice mix (Σ live share × eval pass rate), with its 95% interval.
    public var expectedPassRate: Double?
    public var expectedLower: Double?
    public var expectedUpper: Double?
    /// The pass rate under the baseline's slice mix.
    public var baselinePassRate: Double?
    /// expected − baseline: the part of the change the slice mix explains.
    public var mixMoved: Double?
    /// observed − expected: the part the slices' own answers explain.
    public var slicesGotWorse: Double?

    /// Creates the quality overview.
    public init(
        scored: Int, passRate: Double, expectedPassRate: Double?, expectedLower: Double?, expectedUpper: Double?,
        baselinePassRate: Double?, mixMoved: Double?, slicesGotWorse: Double?
    ) {
        self.scored = scored
        self.passRate = passRate
        self.expectedPassRate = expectedPassRate
        self.expectedLower = expectedLower
        self.expectedUpper = expectedUpper
        self.baselinePassRate = baselinePassRate
        self.mixMoved = mixMoved
        self.slicesGotWorse = slicesGotWorse
    }
}
