// SliceCoverage: where the eval set is weakest for the live traffic — per slice, its eval items, its share of the
// eval set (or reference traffic) and of live traffic, and which slices have drift alerts. Decides the
// `uncovered` and `drifted` reasons.

/// What an export knows about each slice.
public struct SliceCoverage: Sendable, Hashable {
    public struct Slice: Sendable, Hashable {
        public var id: String
        public var label: String
        public var evalItems: Int
        /// Share of the baseline (reference traffic when the baseline has it, else the eval set).
        public var baselineShare: Double
        /// Live interactions seen in the slice.
        public var liveCount: Int

        public init(id: String, label: String, evalItems: Int, baselineShare: Double, liveCount: Int) {
            self.id = id
            self.label = label
            self.evalItems = evalItems
            self.baselineShare = baselineShare
            self.liveCount = liveCount
        }
    }

    public var slices: [Slice]
    /// Slice ids (or "novel") with a drift alert in the period exported.
    public var drifted: Set<String>
    /// Windows in which an alert naming the novel inputs was pending or firing: a candidate new slice whose inputs
    /// crowd into them is `drifted`, one spread over all windows is not.
    public var driftedWindows: Set<Int>

    public init(slices: [Slice], drifted: Set<String>, driftedWindows: Set<Int> = []) {
        self.slices = slices
        self.drifted = drifted
        self.driftedWindows = driftedWindows
    }

    /// Live share at least this many times the baseline share makes a slice uncovered ...
    public static let uncoveredRatio = 1.5
    /// ... as does carrying at least this much of live traffic with fewer than `fewEvalItems` eval items.
    public static let fewEvalItemsShare = 0.02
    public static let fewEvalItems = 20
    /// Live interactions a slice needs before its share counts.
    public static let minimumLive = 20

    /// Slices whose live weight the eval set does not match.
    public var uncovered: Set<String> {
        let total = max(1, slices.reduce(0) { $0 + $1.liveCount })
        var ids = Set<String>()
        for s in slices where s.liveCount >= Self.minimumLive {
            let live = Double(s.liveCount) / Double(total)
            if live >= Self.uncoveredRatio * s.baselineShare || (s.evalItems < Self.fewEvalItems && live >= Self.fewEvalItemsShare) {
                ids.insert(s.id)
            }
        }
        return ids
    }

    /// The reasons a candidate carries.
    public func reasons(of c: ExportCandidate, uncovered: Set<String>) -> Set<ExportReason> {
        var reasons = Set<ExportReason>()
        if c.slice == "novel" { reasons.insert(.novel) }
        if let slice = c.slice, uncovered.contains(slice) { reasons.insert(.uncovered) }
        if !c.failedChecks.isEmpty { reasons.insert(.failing) }
        if let slice = c.slice, drifted.contains(slice) { reasons.insert(.drifted) }
        return reasons
    }
}
