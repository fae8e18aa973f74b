// QualityMonitorTests: answer quality in the drift battery — quiet while every slice answers as well as its eval
// items did, a quality alert naming only the slice whose answers degrade (scored on arrival or by later grades),
// the test's counts, and the expected-quality estimate with its decomposition and power calculation.

import Drift
import Foundation
import Quality
import SliceWatchTesting
import Slicing
import Testing

private let sliceCount = 6

/// Six slices of equal share, 100 graded eval items each at a 90% pass rate.
private func reference() -> BaselineReference {
    var r = BaselineReference(
        sliceIDs: (0..<sliceCount).map { "s\($0)" }, sliceLabels: (0..<sliceCount).map { "topic \($0)" },
        sliceCounts: [Int](repeating: 300, count: sliceCount), evalItems: [Int](repeating: 100, count: sliceCount),
        expectedNovelRate: 0.05, descriptors: DescriptorSketch((0..<200).map { _ in Descriptors(text: "what is my balance today") }))
    r.evalGraded = [Int](repeating: 100, count: sliceCount)
    r.evalPasses = [Int](repeating: 90, count: sliceCount)
    return r
}

private func settings() -> DriftSettings {
    var s = DriftSettings()
    s.window = .count(300)
    s.falseAlarms = .interactions(10_000_000)
    return s
}

/// Traffic in the baseline mix whose answers pass at `passRate`, except slice `degraded` at `degradedRate`.
private struct Answers {
    var rng = SplitMix64(seed: 9)
    var passRate = 0.97
    var degraded: Int?
    var degradedRate = 0.97
    var time: Int64 = 1_700_000_000_000_000_000

    mutating func next() -> Observation {
        time += 10_000_000
        let slice = Int(rng.next() % UInt64(sliceCount))
        let rate = slice == degraded ? degradedRate : passRate
        let passed = Double(rng.next() % 1_000_000) / 1_000_000 < rate
        var o = Observation(
            time: time, descriptors: Descriptors(text: "what is my balance today"), assignment: .slice(slice, distance: 0.2),
            latencyMilliseconds: 200, isError: false, example: "what is my balance today")
        o.checks = passed ? CheckFailures() : CheckFailures([.refusal])
        o.score = passed
        return o
    }
}

@Test func answersAsGoodAsTheEvalsRaiseNothing() {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Answers()
    var reports: [WindowReport] = []
    for _ in 0..<30_000 { reports += monitor.add(traffic.next()) }
    #expect(monitor.firedCount == 0)
    let last = reports.last!
    #expect(last.results.filter { $0.test == .quality }.count == sliceCount)
    #expect(monitor.evaluator.testsPerWindow == reference().testsPerWindow + sliceCount)
}

@Test func oneSliceDegradingRaisesAQualityAlertForItOnly() {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Answers()
    for _ in 0..<3000 { _ = monitor.add(traffic.next()) }
    traffic.degraded = 3
    traffic.degradedRate = 0.6
    var firing: [AlertEvent] = []
    for _ in 0..<6000 {
        firing += monitor.add(traffic.next()).flatMap(\.events).filter { $0.state == .firing }
    }
    #expect(firing.map(\.key) == ["quality/s3"])
    let finding = try! #require(firing.first).finding.result
    #expect(finding.baselineValue == 0.9)
    #expect(finding.value < 0.75 && finding.sampleSize >= 5)
    #expect(finding.effectName == "pass_rate_drop" && finding.effect > 0.15)
    #expect(monitor.cumulative.checkFailures[3][QualityCheck.refusal.index] > monitor.cumulative.checkFailures[0][QualityCheck.refusal.index])
}

@Test func gradesArrivingLaterCountInTheCurrentWindow() {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Answers()
    var o = traffic.next()
    o.score = nil
    _ = monitor.add(o)
    monitor.addScore(slice: 2, novel: false, passed: false)
    monitor.addScore(slice: nil, novel: true, passed: true)
    #expect(monitor.cumulative.scored[2] == 1 && monitor.cumulative.passes[2] == 0)
    #expect(monitor.cumulative.scored[monitor.cumulative.novelIndex] == 1)
    #expect(monitor.cumulative.scored[monitor.cumulative.allIndex] == 2)
}

@Test func fewScoresAreInsufficientDataAndSmallCountsUseFishersTest() {
    let evaluator = DriftEvaluator(reference: reference(), settings: settings())
    var profile = WindowProfile(sliceCount: sliceCount)
    var traffic = Answers()
    for _ in 0..<3 { profile.add(traffic.next()) }
    #expect(evaluator.evaluate(profile).filter { $0.test == .quality }.allSatisfy { $0.insufficientData != nil })
    var small = WindowProfile(sliceCount: sliceCount)
    for _ in 0..<8 { small.addScore(row: 0, passed: false) }
    let r = evaluator.evaluate(small).first { $0.key == "quality/s0" }!
    #expect(r.statistic == "pass rate Fisher")
    // Eight failures in a row against 90 of 100: P = C(92,8)... = hypergeometric lower tail, tiny.
    #expect(r.pValue! < 1e-6)
}

@Test func expectedQualityFollowsTheMixAndSplitsTheChange() throws {
    // Two slices: eval pass 0.9 (100 items) and 0.5 (100 items); baseline mix 50/50, live 80/20.
    let q = try #require(ExpectedQuality([
        SliceQualityInput(evalGraded: 100, evalPasses: 90, baselineCount: 500, liveCount: 800, scored: 100, passes: 80),
        SliceQualityInput(evalGraded: 100, evalPasses: 50, baselineCount: 500, liveCount: 200, scored: 50, passes: 25),
    ]))
    #expect(abs(q.baseline - 0.7) < 1e-12)
    #expect(abs(q.expected - 0.82) < 1e-12)  // 0.8 × 0.9 + 0.2 × 0.5
    #expect(abs(q.observed! - 0.74) < 1e-12)  // 0.8 × 0.8 + 0.2 × 0.5
    #expect(abs(q.mixEffect - 0.12) < 1e-12)
    #expect(abs(q.sliceEffect! + 0.08) < 1e-12)
    #expect(abs((q.mixEffect + q.sliceEffect!) - (q.observed! - q.baseline)) < 1e-12)
    // The interval: eval sampling (0.64·0.0009 + 0.04·0.0025) plus mix sampling ((0.8·0.81 + 0.2·0.25 − 0.82²)/1000).
    let sd = (0.64 * 0.0009 + 0.04 * 0.0025 + (0.648 + 0.05 - 0.6724) / 1000).squareRoot()
    #expect(abs(q.high - q.expected - 1.959964 * sd) < 1e-9)
    #expect(ExpectedQuality([SliceQualityInput(evalGraded: 0, evalPasses: 0, baselineCount: 1, liveCount: 5, scored: 0, passes: 0)]) == nil)
}

@Test func powerSaysHowManySamplesADropNeeds() {
    // 90% over 100 eval items, a 20-point drop at α = 0.001: (0.7·0.3) / ((0.2/(3.090+0.842))² − 0.0009) ≈ 123.
    let n = QualityPower.samplesNeeded(baselineRate: 0.9, baselineTrials: 100, drop: 0.2, alpha: 0.001)!
    #expect(n > 115 && n < 130)
    // The eval set's own uncertainty can exceed a small drop: no live sample is enough.
    #expect(QualityPower.samplesNeeded(baselineRate: 0.9, baselineTrials: 20, drop: 0.05, alpha: 0.001) == nil)
}
