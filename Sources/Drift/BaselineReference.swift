// BaselineReference: what live windows are compared with, taken from a baseline — slice counts (from the
// reference traffic when the baseline has it, else the eval items), the expected novel rate, and descriptor
// distributions (reference traffic's, else the eval set's), each slice's eval pass rate, and the reference
// traffic's errors and latency per slice.

import Baseline
import Slicing

/// The baseline side of every test.
public struct BaselineReference: Sendable, Hashable {
    public var sliceIDs: [String]
    public var sliceLabels: [String]
    /// Baseline counts per slice (a sample: the tests account for its size).
    public var sliceCounts: [Int]
    /// Eval items per slice (for coverage).
    public var evalItems: [Int]
    /// Graded eval items per slice and how many passed (the quality tests' baseline; zeros when ungraded).
    public var evalGraded: [Int]
    public var evalPasses: [Int]
    /// "reference traffic" or "eval set".
    public var source: String
    /// Expected share of novel inputs in in-distribution traffic.
    public var expectedNovelRate: Double
    public var descriptors: DescriptorSketch
    /// Whether `descriptors` come from reference traffic (else from the eval items).
    public var descriptorsFromTraffic = false
    /// Errors and latency of the reference traffic per slice, then of all of it (indexed like a window's
    /// `latency` rows, without the novel row): empty when the reference traffic carried none.
    public var operations: [OperationalProfile] = []

    public init(_ baseline: BaselineDocument) {
        sliceIDs = baseline.slices.map(\.id)
        sliceLabels = baseline.slices.map(\.label)
        evalItems = baseline.slices.map(\.evalItems)
        evalGraded = baseline.slices.map(\.quality.graded)
        evalPasses = baseline.slices.map(\.quality.passes)
        if let inputs = baseline.referenceInputs, inputs > 0, baseline.slices.allSatisfy({ $0.referenceShare != nil }) {
            let inDistribution = Double(inputs) * (1 - (baseline.referenceNovelShare ?? 0))
            sliceCounts = baseline.slices.map { Int(($0.referenceShare! * inDistribution).rounded()) }
            source = "reference traffic"
        } else {
            sliceCounts = evalItems
            source = "eval set"
        }
        // Normal traffic that is more novel than the held-out eval items sets the bar (never below calibration).
        expectedNovelRate = max(baseline.novelty.expectedRate, baseline.referenceNovelShare ?? 0)
        descriptors = baseline.referenceDescriptors ?? baseline.descriptors
        descriptorsFromTraffic = baseline.referenceDescriptors != nil
        if let all = baseline.referenceOperations, baseline.slices.allSatisfy({ $0.referenceOperations != nil }) {
            operations = baseline.slices.map { $0.referenceOperations! } + [all]
        }
    }

    /// A reference from explicit parts (tests, fleets, tools).
    public init(
        sliceIDs: [String], sliceLabels: [String], sliceCounts: [Int], evalItems: [Int], source: String = "eval set",
        expectedNovelRate: Double, descriptors: DescriptorSketch
    ) {
        self.sliceIDs = sliceIDs
        self.sliceLabels = sliceLabels
        self.sliceCounts = sliceCounts
        self.evalItems = evalItems
        evalGraded = [Int](repeating: 0, count: sliceIDs.count)
        evalPasses = evalGraded
        self.source = source
        self.expectedNovelRate = expectedNovelRate
        self.descriptors = descriptors
    }

    public var sliceTotal: Int { sliceCounts.reduce(0, +) }

    /// Slices whose eval items were graded: each gets a pass-rate test when quality is monitored.
    public var gradedSlices: Int { evalGraded.filter { $0 > 0 }.count }

    /// Operational tests per window (error rate, p95 and p99 latency tails, per slice and overall), when the
    /// reference traffic carried errors and latency.
    public var operationalTests: Int { operations.isEmpty ? 0 : 3 * operations.count }

    /// Input tests run on every window: slice mix, one per slice, novelty, and one per descriptor.
    public var testsPerWindow: Int {
        2 + sliceIDs.count + NumericDescriptor.allCases.count + CategoricalDescriptor.allCases.count
    }

    /// Quality expected under `profile`'s slice mix from the eval pass rates, and the observed quality's split.
    public func expectedQuality(of profile: WindowProfile) -> ExpectedQuality? {
        ExpectedQuality(sliceIDs.indices.map { i in
            SliceQualityInput(
                evalGraded: evalGraded[i], evalPasses: evalPasses[i], baselineCount: sliceCounts[i],
                liveCount: profile.sliceCounts[i], scored: profile.scored[i], passes: profile.passes[i])
        })
    }
}
