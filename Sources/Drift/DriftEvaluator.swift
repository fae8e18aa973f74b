// DriftEvaluator: runs the battery of tests on one window against the baseline — slice mix (G-test with
// Jensen-Shannon and PSI), each slice's share (two-proportion z), novelty (exact binomial), numeric descriptors
// (binned KS), categorical descriptors (chi-square), each graded slice's pass rate, and each slice's error rate
// and latency tails against reference traffic (one-sided two-proportion z, Fisher's exact test for small
// counts). Pure: a profile in, test results out.

import Foundation
import Slicing

/// Tests one window against a baseline.
public struct DriftEvaluator: Sendable {
    public let reference: BaselineReference
    public let settings: DriftSettings

    public init(reference: BaselineReference, settings: DriftSettings) {
        self.reference = reference
        self.settings = settings
    }

    /// Tests run on every window: the input tests, plus, when quality is tested, a pass-rate test per graded slice
    /// and the operational tests the reference traffic allows.
    public var testsPerWindow: Int {
        reference.testsPerWindow + (settings.qualityTests ? reference.gradedSlices + reference.operationalTests : 0)
    }

    /// Every test's result for `window`, in a fixed order (slice mix, slices, novelty, descriptors, quality,
    /// error rates, latency tails).
    public func evaluate(_ window: WindowProfile) -> [TestResult] {
        var results: [TestResult] = []
        results.reserveCapacity(testsPerWindow)
        results.append(sliceMix(window))
        for i in reference.sliceIDs.indices { results.append(sliceShare(window, i)) }
        results.append(novelty(window))
        for field in NumericDescriptor.allCases { results.append(numeric(window, field)) }
        for field in CategoricalDescriptor.allCases { results.append(categorical(window, field)) }
        if settings.qualityTests {
            for i in reference.sliceIDs.indices where reference.evalGraded[i] > 0 { results.append(quality(window, i)) }
            for i in reference.operations.indices {
                results.append(errorRate(window, i))
                results.append(latencyTail(window, i, .latencyP95))
                results.append(latencyTail(window, i, .latencyP99))
            }
        }
        return results
    }

    /// Expected quality under the window's mix, and the observed quality's decomposition.
    public func expectedQuality(_ w: WindowProfile) -> ExpectedQuality? { reference.expectedQuality(of: w) }

    /// Scored interactions a slice needs before its pass-rate test runs.
    static let minimumScored = 5

    func quality(_ w: WindowProfile, _ i: Int) -> TestResult {
        let graded = reference.evalGraded[i], passed = reference.evalPasses[i]
        let n = w.scored[i], k = w.passes[i]
        var r = blank(.quality, statistic: "pass rate", sampleSize: n, effectName: "pass_rate_drop", floor: floors.qualityDrop)
        r.slice = reference.sliceIDs[i]
        r.baselineValue = Double(passed) / Double(graded)
        r.examples = w.examples[i]
        guard n >= Self.minimumScored else {
            r.insufficientData = "\(n) scored interactions; need \(Self.minimumScored)"
            return r
        }
        r.value = Double(k) / Double(n)
        r.effect = r.baselineValue! - r.value
        testDrop(&r, liveSuccesses: k, liveTrials: n, baselineSuccesses: passed, baselineTrials: graded, name: "pass rate")
        return r
    }

    /// Live interactions (and reference interactions) a row needs before its error-rate test runs.
    static let minimumForErrorRate = 20

    /// Operational row `i` of the reference (a slice, or all traffic after the last slice) as a row of `w`, with
    /// the slice id (nil for all traffic) and the window's examples for it.
    private func operationalRow(_ w: WindowProfile, _ i: Int) -> (row: Int, slice: String?, examples: [String]) {
        i < reference.sliceIDs.count ? (i, reference.sliceIDs[i], w.examples[i]) : (w.allIndex, nil, [])
    }

    /// Operational row `i` (a slice, or all traffic after the last slice): its error rate against the reference's.
    func errorRate(_ w: WindowProfile, _ i: Int) -> TestResult {
        let base = reference.operations[i]
        let (row, slice, examples) = operationalRow(w, i)
        let n = row == w.allIndex ? w.interactions : w.sliceCounts[row], k = w.errors[row]
        var r = blank(.errorRate, statistic: "error rate", sampleSize: n, effectName: "error_rate_rise", floor: floors.errorRateRise)
        r.slice = slice
        r.examples = examples
        guard base.interactions >= Self.minimumForErrorRate else {
            r.insufficientData = "\(base.interactions) reference interactions; need \(Self.minimumForErrorRate)"
            return r
        }
        r.baselineValue = Double(base.errors) / Double(base.interactions)
        guard n >= Self.minimumForErrorRate else {
            r.insufficientData = "\(n) interactions; need \(Self.minimumForErrorRate)"
            return r
        }
        r.value = Double(k) / Double(n)
        r.effect = r.value - r.baselineValue!
        // A rise in errors is a drop in successes.
        testDrop(&r, liveSuccesses: n - k, liveTrials: n, baselineSuccesses: base.interactions - base.errors,
            baselineTrials: base.interactions, name: "error rate")
        return r
    }

    /// Operational row `i`'s latency tail: the share of live latencies at or above the first bin edge past the
    /// reference's p95 (p99), tested against the reference's own share there. Value and baseline value are the
    /// live and reference quantile estimates in milliseconds, and the effect is their ratio (the reference's
    /// taken as at least 1 ms). Tail shares alone move with everyday load, so the floor is on the quantile: by
    /// default the tail must have doubled.
    func latencyTail(_ w: WindowProfile, _ i: Int, _ test: DriftTest) -> TestResult {
        let q = test == .latencyP99 ? 0.99 : 0.95
        let tail = 1 - q
        let base = reference.operations[i].latency
        let (row, slice, examples) = operationalRow(w, i)
        let live = w.latency[row]
        let n = live.total, nBase = base.total
        var r = blank(test, statistic: "latency tail", sampleSize: n, effectName: "latency_ratio", floor: floors.latencyRatio)
        r.slice = slice
        r.examples = examples
        // About five reference latencies above the quantile, and one expected live one.
        let neededBase = Int((5 / tail).rounded()), needed = Int((1 / tail).rounded())
        guard nBase >= neededBase else {
            r.insufficientData = "\(nBase) reference latencies; need \(neededBase)"
            return r
        }
        r.baselineValue = base.quantiles?.quantile(q)
        guard n >= needed else {
            r.insufficientData = "\(n) latencies; need \(needed)"
            return r
        }
        r.value = live.quantiles?.quantile(q) ?? 0
        // The first bin whose tail (it and every bin above) holds at most the quantile's share of the reference.
        var above = nBase, bin = 0
        while bin < base.counts.count, Double(above) > tail * Double(nBase) {
            above -= base.counts[bin]
            bin += 1
        }
        guard bin < base.counts.count else {
            r.insufficientData = "the reference's p\(Int(q * 100)) is in the histogram's last bin"
            return r
        }
        let liveAbove = live.counts[bin...].reduce(0, +)
        let edge = base.lowerEdges[bin]
        r.effect = r.value / max(1, r.baselineValue ?? 0)
        // More live latencies over the edge is fewer "under the edge" successes.
        testDrop(&r, liveSuccesses: n - liveAbove, liveTrials: n, baselineSuccesses: nBase - above, baselineTrials: nBase,
            name: "share ≥ \(edge) ms")
        return r
    }

    /// Fills `r`'s statistic, p-value and z for "the live success rate fell below the baseline's": the pooled
    /// two-proportion z-test when every cell of the 2×2 table expects about five, Fisher's exact test otherwise.
    private func testDrop(
        _ r: inout TestResult, liveSuccesses k: Int, liveTrials n: Int, baselineSuccesses passed: Int, baselineTrials graded: Int,
        name: String
    ) {
        let pooled = Double(k + passed) / Double(n + graded)
        let smallest = Double(min(n, graded)) * min(pooled, 1 - pooled)
        if smallest >= settings.minimumExpected, let t = (try? TwoProportion.zTest(
            liveSuccesses: k, liveTrials: n, baselineSuccesses: passed, baselineTrials: graded))?.report
        {
            r.statistic = String(format: "\(name) z=%.2f", t.z)
            r.pValue = t.pValue
        } else if let p = try? TwoProportion.fisherExact(
            liveSuccesses: k, liveTrials: n, baselineSuccesses: passed, baselineTrials: graded)
        {
            r.statistic = "\(name) Fisher"
            r.pValue = p
        }
        r.z = r.pValue.map { CUSUM.zScore(pValue: $0) }
    }

    private var floors: EffectFloors { settings.floors }

    private func blank(_ test: DriftTest, statistic: String, sampleSize: Int, effectName: String, floor: Double) -> TestResult {
        TestResult(
            test: test, slice: nil, descriptor: nil, statistic: statistic, value: 0, baselineValue: nil,
            sampleSize: sampleSize, pValue: nil, z: nil, effectName: effectName, effect: 0, floor: floor,
            insufficientData: nil, examples: [])
    }

    func sliceMix(_ w: WindowProfile) -> TestResult {
        let live = w.sliceCounts
        let n = live.reduce(0, +)
        var r = blank(.sliceMix, statistic: "G", sampleSize: n, effectName: "jensen_shannon", floor: floors.sliceMixJensenShannon)
        let outcome: TestOutcome<Homogeneity>
        do { outcome = try Homogeneity.test(live, reference.sliceCounts, minimumExpected: settings.minimumExpected) } catch {
            r.insufficientData = "\(error)"
            return r
        }
        guard let h = outcome.report else {
            if case .insufficientData(let why) = outcome { r.insufficientData = "\(why)" }
            return r
        }
        r.pValue = h.pValue
        r.z = CUSUM.zScore(pValue: h.pValue)
        r.effect = (try? DistributionDistance.jensenShannon(counts: live, reference.sliceCounts)) ?? 0
        r.statistic = String(format: "G=%.1f df=%d PSI=%.3f", h.g, h.degreesOfFreedom,
            (try? DistributionDistance.populationStabilityIndex(counts: reference.sliceCounts, live)) ?? 0)
        // Name the slice whose share grew most (largest positive adjusted residual).
        var best: Int?
        for (i, c) in h.columns.enumerated() {
            if let res = c.residual, res > 0, best == nil || res > (h.columns[best!].residual ?? 0) { best = i }
        }
        if let best {
            r.slice = reference.sliceIDs[best]
            r.value = Double(live[best]) / Double(max(1, n))
            r.baselineValue = Double(reference.sliceCounts[best]) / Double(max(1, reference.sliceTotal))
            r.examples = w.examples[best]
        }
        return r
    }

    func sliceShare(_ w: WindowProfile, _ i: Int) -> TestResult {
        let n = w.sliceCounts.reduce(0, +)
        let base = reference.sliceCounts[i], total = reference.sliceTotal
        var r = blank(.sliceShare, statistic: "z", sampleSize: n, effectName: "share_ratio", floor: floors.sliceShareRatio)
        r.slice = reference.sliceIDs[i]
        let baseShare = Double(base) / Double(max(1, total))
        r.baselineValue = baseShare
        r.value = n > 0 ? Double(w.sliceCounts[i]) / Double(n) : 0
        r.examples = w.examples[i]
        guard n > 0, total > 0 else {
            r.insufficientData = n == 0 ? "no embedded in-distribution interactions" : "the baseline has no counts"
            return r
        }
        // Too few expected in this window to say the slice grew (pooled like the mix test would).
        guard Double(n) * max(baseShare, 0.5 / Double(total)) >= settings.minimumExpected
            || w.sliceCounts[i] >= Int(settings.minimumExpected * 2)
        else {
            r.insufficientData = String(format: "expected %.1f in this window; need %.0f", Double(n) * baseShare, settings.minimumExpected)
            return r
        }
        guard let t = (try? TwoProportion.zTest(
            liveSuccesses: w.sliceCounts[i], liveTrials: n, baselineSuccesses: base, baselineTrials: total))?.report
        else { return r }
        r.pValue = StandardNormal.survival(t.z)
        r.z = t.z
        // The ratio counts only when the share also grew by the absolute floor.
        let ratio = baseShare > 0 ? r.value / baseShare : (r.value > 0 ? .infinity : 1)
        r.effect = r.value - baseShare >= floors.sliceShareDifference ? min(ratio, 1e6) : min(ratio, 1)
        return r
    }

    func novelty(_ w: WindowProfile) -> TestResult {
        let p0 = reference.expectedNovelRate
        var r = blank(.novelty, statistic: "binomial", sampleSize: w.embedded, effectName: "excess_rate", floor: floors.noveltyExcess)
        r.slice = "novel"
        r.baselineValue = p0
        r.examples = w.examples[w.novelIndex]
        guard w.embedded > 0 else {
            r.insufficientData = "no embedded interactions"
            return r
        }
        r.value = Double(w.novel) / Double(w.embedded)
        r.effect = r.value - p0
        guard Double(w.embedded) * p0 >= settings.minimumExpected || w.novel >= Int(settings.minimumExpected * 2) else {
            r.insufficientData = String(format: "expected %.1f novel in this window; need %.0f", Double(w.embedded) * p0, settings.minimumExpected)
            return r
        }
        if let p = try? Binomial.upperTail(successes: w.novel, trials: w.embedded, probability: p0) {
            r.pValue = p
            r.z = CUSUM.zScore(pValue: p)
        }
        return r
    }

    func numeric(_ w: WindowProfile, _ field: NumericDescriptor) -> TestResult {
        let live = w.descriptors[field].counts
        let base = reference.descriptors[field].counts
        var r = blank(.descriptor, statistic: "KS D", sampleSize: w.interactions, effectName: "ks_d", floor: floors.descriptorKS)
        r.descriptor = field.rawValue
        r.examples = w.longest.map(\.text)
        let liveH = w.descriptors[field], baseH = reference.descriptors[field]
        r.value = liveH.quantiles?.quantile(0.5) ?? 0
        r.baselineValue = baseH.quantiles?.quantile(0.5)
        guard w.interactions >= 20 else {
            r.insufficientData = "\(w.interactions) interactions; need 20"
            return r
        }
        // Eval sets are usually single questions, production usually conversations: the eval items say nothing
        // about how many turns normal traffic has, so turns are only compared with reference traffic.
        if field == .turns && !reference.descriptorsFromTraffic && baseH.counts.enumerated().allSatisfy({ $0.element == 0 || baseH.lowerEdges[$0.offset] == 1 }) {
            r.insufficientData = "the eval set holds single-turn inputs only; build the baseline with --reference traffic to test turns"
            return r
        }
        guard let ks = (try? BinnedKolmogorovSmirnov.test(live, base))?.report else {
            r.insufficientData = "the baseline has no \(field.rawValue) distribution"
            return r
        }
        r.pValue = ks.pValue
        r.z = CUSUM.zScore(pValue: ks.pValue)
        r.effect = ks.d
        r.statistic = String(format: "KS D=%.3f W=%.3f", ks.d, ks.wasserstein)
        return r
    }

    func categorical(_ w: WindowProfile, _ field: CategoricalDescriptor) -> TestResult {
        var r = blank(.descriptorCategories, statistic: "chi-square", sampleSize: w.interactions, effectName: "jensen_shannon",
            floor: floors.descriptorJensenShannon)
        r.descriptor = field.rawValue
        let live = w.descriptors[field].counts, base = reference.descriptors[field].counts
        guard let (categories, outcome) = try? Homogeneity.test(live, base, minimumExpected: settings.minimumExpected) else {
            return r
        }
        guard let h = outcome.report else {
            if case .insufficientData(let why) = outcome { r.insufficientData = "\(why)" }
            return r
        }
        r.pValue = h.pValue
        r.z = CUSUM.zScore(pValue: h.pValue)
        r.effect = (try? DistributionDistance.jensenShannon(
            counts: categories.map { live[$0] ?? 0 }, categories.map { base[$0] ?? 0 })) ?? 0
        if let top = h.mostDeviantColumn {
            let total = max(1, live.values.reduce(0, +)), baseTotal = max(1, base.values.reduce(0, +))
            r.statistic = String(format: "chi-square G=%.1f df=%d, most moved: %@", h.g, h.degreesOfFreedom, categories[top])
            r.value = Double(live[categories[top]] ?? 0) / Double(total)
            r.baselineValue = Double(base[categories[top]] ?? 0) / Double(baseTotal)
        }
        return r
    }
}
