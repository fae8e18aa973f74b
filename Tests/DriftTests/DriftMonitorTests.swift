// DriftMonitorTests: the monitor on synthetic observations drawn from a known baseline — silent on control
// traffic, and naming the right statistic and slice when novelty, one slice's share or input length moves;
// count and time windows; too-small windows reported as insufficient data.

import Drift
import Foundation
import JSON
import SliceWatchTesting
import Slicing
import Testing

private let shares: [Double] = [0.3, 0.2, 0.15, 0.1, 0.1, 0.05, 0.05, 0.05]

private func reference() -> BaselineReference {
    let counts = shares.map { Int($0 * 2000) }
    var texts: [Descriptors] = []
    var rng = SplitMix64(seed: 7)
    for _ in 0..<2000 { texts.append(Descriptors(text: sentence(&rng, words: 6 + Int(rng.next() % 8)))) }
    return BaselineReference(
        sliceIDs: shares.indices.map { "s\($0)" }, sliceLabels: shares.indices.map { "topic \($0)" }, sliceCounts: counts,
        evalItems: counts, expectedNovelRate: 0.05, descriptors: DescriptorSketch(texts))
}

private let words = ["what", "is", "my", "balance", "book", "a", "flight", "to", "paris", "play", "some", "jazz", "please"]

private func sentence(_ rng: inout SplitMix64, words count: Int) -> String {
    (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
}

/// Traffic like the baseline, optionally with more novel inputs, one slice boosted, or long pasted inputs.
private struct Traffic {
    var rng = SplitMix64(seed: 42)
    var novelRate = 0.05
    var boostedSlice: Int?
    var boost = 1.0
    var longRate = 0.0
    var time: Int64 = 1_700_000_000_000_000_000

    mutating func next() -> Observation {
        time += 10_000_000  // 100 interactions per second
        let u = Double(rng.next() % 1_000_000) / 1_000_000
        var weights = shares
        if let b = boostedSlice { weights[b] *= boost }
        let total = weights.reduce(0, +)
        var assignment = SliceAssignment.slice(weights.count - 1, distance: 0.3)
        if u < novelRate {
            assignment = .novel(distance: 0.9)
        } else {
            var x = Double(rng.next() % 1_000_000) / 1_000_000 * total
            for (i, w) in weights.enumerated() {
                if x < w {
                    assignment = .slice(i, distance: 0.3)
                    break
                }
                x -= w
            }
        }
        let long = Double(rng.next() % 1000) / 1000 < longRate
        let text = long ? String(repeating: sentence(&rng, words: 40) + ". ", count: 8) : sentence(&rng, words: 6 + Int(rng.next() % 8))
        return Observation(
            time: time, descriptors: Descriptors(text: text), assignment: assignment,
            latencyMilliseconds: Double(100 + rng.next() % 400), isError: false, example: text)
    }
}

private func settings(window: Int = 500) -> DriftSettings {
    var s = DriftSettings()
    s.window = .count(window)
    s.falseAlarms = .interactions(10_000_000)
    return s
}

private func run(_ monitor: inout DriftMonitor, _ traffic: inout Traffic, _ count: Int) -> [WindowReport] {
    var reports: [WindowReport] = []
    for _ in 0..<count { reports += monitor.add(traffic.next()) }
    return reports
}

@Test func controlTrafficRaisesNothing() {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Traffic()
    let reports = run(&monitor, &traffic, 20_000)
    #expect(reports.count == 40)
    #expect(monitor.events.isEmpty, "\(monitor.events.map(\.key))")
    #expect(reports.allSatisfy { $0.findings.isEmpty })
    #expect(reports[0].results.count == reference().testsPerWindow)
    #expect(reports[0].alpha < 1e-5)
}

@Test func novelInputsFireTheNoveltyAlert() throws {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Traffic()
    _ = run(&monitor, &traffic, 2000)
    traffic.novelRate = 0.15
    let reports = run(&monitor, &traffic, 2000)
    let firing = try #require(monitor.events.first { $0.state == .firing })
    #expect(firing.key == "novelty")
    #expect(firing.finding.result.slice == "novel")
    #expect(firing.interactionIndex <= 3500)
    #expect(firing.finding.result.sampleSize == 500)
    #expect(monitor.events.first { $0.state == .pending }!.window < firing.window)
    #expect(!reports.last!.findings.isEmpty)
    #expect(monitor.events.allSatisfy { $0.key == "novelty" || $0.key.hasPrefix("slice") })
}

@Test func aGrowingSliceIsNamed() throws {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Traffic()
    _ = run(&monitor, &traffic, 2000)
    traffic.boostedSlice = 5
    traffic.boost = 4
    _ = run(&monitor, &traffic, 3000)
    let firing = try #require(monitor.events.first { $0.state == .firing })
    #expect(firing.finding.result.slice == "s5", "\(firing.key)")
    #expect(firing.finding.result.value > firing.finding.result.baselineValue!)
}

@Test func longPastedInputsMoveTheLengthDescriptors() throws {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Traffic()
    _ = run(&monitor, &traffic, 1000)
    traffic.longRate = 0.3
    _ = run(&monitor, &traffic, 2000)
    let keys = Set(monitor.events.filter { $0.state == .firing }.map(\.key))
    #expect(keys.contains("descriptor/characters"), "\(keys)")
}

@Test func alertsResolveWhenTrafficReturns() throws {
    var s = settings()
    s.resolvingAfter = 2
    var monitor = DriftMonitor(reference: reference(), settings: s)
    var traffic = Traffic()
    traffic.novelRate = 0.25
    _ = run(&monitor, &traffic, 2000)
    #expect(monitor.alerts.firing == ["novelty"])
    traffic.novelRate = 0.05
    _ = run(&monitor, &traffic, 6000)
    #expect(monitor.events.map(\.state) == [.pending, .firing, .resolved], "\(monitor.events.map { "\($0.key) \($0.state)" })")
    #expect(monitor.alerts.firing.isEmpty)
}

@Test func tinyWindowsReportInsufficientDataInsteadOfGuessing() {
    var monitor = DriftMonitor(reference: reference(), settings: settings(window: 10))
    var traffic = Traffic()
    traffic.novelRate = 0.5
    let reports = run(&monitor, &traffic, 100)
    #expect(reports.count == 10)
    let novelty = reports[0].results.first { $0.test == .novelty }!
    #expect(novelty.insufficientData != nil || novelty.pValue != nil)
    let sliceTests = reports[0].results.filter { $0.test == .sliceShare }
    #expect(sliceTests.allSatisfy { $0.insufficientData != nil })
}

@Test func timeWindowsFollowPacketTimeAndSkipGaps() {
    var s = settings()
    s.window = .duration(seconds: 60)
    var monitor = DriftMonitor(reference: reference(), settings: s)
    var traffic = Traffic()
    var reports = run(&monitor, &traffic, 12_000)  // 120 s at 100/s
    traffic.time += 3_600_000_000_000  // an hour of silence
    reports += run(&monitor, &traffic, 100)
    if let last = monitor.finish() { reports.append(last) }
    #expect(reports.count == 4, "\(reports.map(\.profile.interactions))")
    #expect(reports.map(\.profile.interactions).reduce(0, +) == 12_100)
    #expect(reports.last!.partial)
    #expect(reports[1].windowsBetweenFalseAlarms > 1)
}

@Test func windowProfilesMerge() {
    var traffic = Traffic()
    traffic.novelRate = 0.1
    let observations = (0..<300).map { _ in traffic.next() }
    var whole = WindowProfile(sliceCount: shares.count)
    var first = WindowProfile(sliceCount: shares.count)
    var second = WindowProfile(sliceCount: shares.count)
    for (i, o) in observations.enumerated() {
        whole.add(o)
        if i < 120 { first.add(o) } else { second.add(o) }
    }
    first.merge(second)
    #expect(first == whole)
    #expect(whole.novel > 0 && whole.embedded == 300)
}

@Test func reportLinesAreValidJSON() throws {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Traffic()
    traffic.novelRate = 0.3
    let reports = run(&monitor, &traffic, 1500)
    var w = JSONWriter()
    reports[0].writeJSON(into: &w, reference: monitor.reference)
    let window = try JSONParser().parse(w.bytes)
    #expect(window["type"]?.string == "window")
    #expect(window["slices"]?.array?.count == shares.count)
    #expect(window["tests"]?.array?.count == monitor.reference.testsPerWindow)
    let event = try #require(monitor.events.first)
    w.reset()
    event.writeJSON(into: &w, labels: ["s0": "topic 0"])
    let alert = try JSONParser().parse(w.bytes)
    for field in ["state", "key", "window", "interaction_index", "test", "statistic", "value", "baseline_value", "sample_size",
        "p_value", "effect", "threshold", "examples", "summary"]
    {
        #expect(alert[field] != nil, "alert lacks \(field)")
    }
}

@Test func calibrationOnNormalTrafficAbsorbsAMismatchedBaseline() throws {
    // Normal traffic in which slice 7 is routinely 2.2x its eval share: uncalibrated, that is "drift".
    func normal() -> Traffic {
        var t = Traffic()
        t.boostedSlice = 7
        t.boost = 2.2
        return t
    }
    var plain = DriftMonitor(reference: reference(), settings: settings())
    var traffic = normal()
    _ = run(&plain, &traffic, 10_000)
    #expect(plain.events.contains { $0.state == .firing }, "the mismatch should alert without calibration")

    var referenceTraffic = normal()
    referenceTraffic.rng = SplitMix64(seed: 99)
    let calibration = DriftMonitor.calibrate(
        reference: reference(), settings: settings(), observations: (0..<10_000).map { _ in referenceTraffic.next() })
    #expect(calibration.windows == 20)
    let s7 = try #require(calibration.adjustments["slice_share/s7"])
    #expect(s7.shift > 3)
    #expect((calibration.adjustments["novelty"]?.scale ?? 1) < 2.5)  // a quartile range from 20 windows is noisy
    #expect((calibration.adjustments["novelty"]?.shift ?? 0) < 0.5)

    var calibrated = DriftMonitor(reference: reference(), settings: settings())
    calibrated.calibration = calibration
    traffic = normal()
    _ = run(&calibrated, &traffic, 10_000)
    #expect(!calibrated.events.contains { $0.state == .firing }, "\(calibrated.events.map(\.key))")
    // Real drift still shows through.
    traffic.novelRate = 0.2
    _ = run(&calibrated, &traffic, 3000)
    #expect(calibrated.alerts.firing.contains("novelty"))
}

@Test func tooFewReferenceWindowsGiveNoFactors() {
    let calibration = Calibration(referenceWindows: [[TestResult]](repeating: [], count: 3))
    #expect(calibration.adjustments.isEmpty && calibration.windows == 3)
}

@Test func examplesKeptInAWindowHaveNoPersonalData() {
    var profile = WindowProfile(sliceCount: 1)
    let o = Observation(
        time: 1, descriptors: Descriptors(text: "x"), assignment: .slice(0, distance: 0.1), latencyMilliseconds: 10,
        isError: false, example: "email me at jane.doe@example.com about card 4111 1111 1111 1111")
    profile.add(o)
    #expect(profile.examples[0] == ["email me at <EMAIL> about card <CARD>"])
    #expect(profile.longest.map(\.text) == ["email me at <EMAIL> about card <CARD>"])
}
