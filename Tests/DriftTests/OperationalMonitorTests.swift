// OperationalMonitorTests: error rates and latency tails against reference traffic — quiet while traffic behaves
// as the reference did, an error-rate alert naming the slice whose errors rose, a latency-tail alert for the
// slice that got slower, and the tests' insufficient-data reasons.

import Baseline
import Drift
import Foundation
import SliceWatchTesting
import Slicing
import Testing

private let sliceCount = 6

/// Latency of a normal call: 300 ms plus an exponential tail with mean 200 ms.
private func normalLatency(_ rng: inout SplitMix64) -> Double {
    300 - 200 * log(max(1e-12, Double(rng.next() % 1_000_000) / 1_000_000))
}

/// Six slices of equal share; reference traffic of 2,000 calls per slice, 1% errors, normal latency.
private func reference(perSlice: Int = 2000) -> BaselineReference {
    var r = BaselineReference(
        sliceIDs: (0..<sliceCount).map { "s\($0)" }, sliceLabels: (0..<sliceCount).map { "topic \($0)" },
        sliceCounts: [Int](repeating: perSlice, count: sliceCount), evalItems: [Int](repeating: 100, count: sliceCount),
        source: "reference traffic", expectedNovelRate: 0.05,
        descriptors: DescriptorSketch((0..<200).map { _ in Descriptors(text: "what is my balance today") }))
    var rng = SplitMix64(seed: 77)
    var all = OperationalProfile()
    r.operations = (0..<sliceCount).map { _ in
        var p = OperationalProfile()
        for i in 0..<perSlice {
            let latency = normalLatency(&rng)
            p.add(isError: i % 100 == 0, latencyMilliseconds: latency)
            all.add(isError: i % 100 == 0, latencyMilliseconds: latency)
        }
        return p
    }
    r.operations.append(all)
    return r
}

private func settings() -> DriftSettings {
    var s = DriftSettings()
    s.window = .count(300)
    s.falseAlarms = .interactions(10_000_000)
    return s
}

/// Traffic in the baseline mix with 1% errors and normal latency, except slice `degraded`.
private struct Calls {
    var rng = SplitMix64(seed: 5)
    var degraded: Int?
    var degradedErrorRate = 0.01
    /// Share of the degraded slice's calls that take four times as long.
    var degradedSlowShare = 0.0
    var time: Int64 = 1_700_000_000_000_000_000

    mutating func next() -> Observation {
        time += 10_000_000
        let slice = Int(rng.next() % UInt64(sliceCount))
        let errorRate = slice == degraded ? degradedErrorRate : 0.01
        let isError = Double(rng.next() % 1_000_000) / 1_000_000 < errorRate
        var latency = normalLatency(&rng)
        if slice == degraded, Double(rng.next() % 1_000_000) / 1_000_000 < degradedSlowShare { latency *= 4 }
        return Observation(
            time: time, descriptors: Descriptors(text: "what is my balance today"), assignment: .slice(slice, distance: 0.2),
            latencyMilliseconds: latency, isError: isError, example: "what is my balance today")
    }
}

@Test func trafficBehavingAsTheReferenceRaisesNothing() {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Calls()
    var reports: [WindowReport] = []
    for _ in 0..<30_000 { reports += monitor.add(traffic.next()) }
    #expect(monitor.firedCount == 0)
    let results = reports.last!.results
    #expect(results.filter { $0.test == .errorRate }.count == sliceCount + 1)
    #expect(results.filter { $0.test == .latencyP95 }.count == sliceCount + 1)
    #expect(results.filter { $0.test == .latencyP99 }.count == sliceCount + 1)
    #expect(monitor.evaluator.testsPerWindow == reference().testsPerWindow + 3 * (sliceCount + 1))
    // A slice of a 300-interaction window has too few latencies for its p99; all traffic has enough.
    let p99 = results.filter { $0.test == .latencyP99 }
    #expect(p99.filter { $0.slice != nil }.allSatisfy { $0.insufficientData?.contains("need 100") == true })
    #expect(p99.first { $0.slice == nil }?.insufficientData == nil)
}

@Test func errorsRisingInOneSliceRaiseAnErrorRateAlertForItOnly() throws {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Calls()
    for _ in 0..<3000 { _ = monitor.add(traffic.next()) }
    traffic.degraded = 2
    traffic.degradedErrorRate = 0.12
    var firing: [AlertEvent] = []
    for _ in 0..<6000 { firing += monitor.add(traffic.next()).flatMap(\.events).filter { $0.state == .firing } }
    // The slice fires first; all traffic (2.8% errors against 1%) may follow it, nothing else does.
    #expect(firing.first?.key == "error_rate/s2")
    #expect(Set(firing.map(\.key)).isSubset(of: ["error_rate/s2", "error_rate"]), "\(firing.map(\.key))")
    let finding = try #require(firing.first).finding.result
    #expect(finding.baselineValue == 0.01)
    #expect(finding.value > 0.06 && finding.effectName == "error_rate_rise" && finding.effect > 0.05)
    #expect(finding.sentence(labels: ["s2": "topic 2"]).hasPrefix("slice s2 (topic 2) errors rose"))
}

@Test func oneSliceGettingSlowerRaisesALatencyTailAlert() throws {
    var monitor = DriftMonitor(reference: reference(), settings: settings())
    var traffic = Calls()
    for _ in 0..<3000 { _ = monitor.add(traffic.next()) }
    traffic.degraded = 4
    traffic.degradedSlowShare = 0.3
    var firing: [AlertEvent] = []
    for _ in 0..<6000 { firing += monitor.add(traffic.next()).flatMap(\.events).filter { $0.state == .firing } }
    let keys = Set(firing.map(\.key))
    #expect(keys.contains("latency_p95/s4"))
    // Only slice s4, or all traffic (which it slows down), is named; no error-rate or input alert.
    #expect(keys.allSatisfy { ["latency_p95/s4", "latency_p99/s4", "latency_p95", "latency_p99"].contains($0) }, "\(keys)")
    let finding = try #require(firing.first { $0.key == "latency_p95/s4" }).finding.result
    #expect(finding.value > finding.baselineValue! * 1.5, "live p95 \(finding.value) ms vs reference \(finding.baselineValue!) ms")
    #expect(finding.effectName == "latency_ratio" && finding.effect >= 2)
    #expect(finding.sentence(labels: ["s4": "topic 4"]).contains("got slower: p95"))
}

@Test func operationalTestsNeedReferenceData() {
    // No reference calls: no operational tests at all.
    var bare = reference()
    bare.operations = []
    #expect(DriftEvaluator(reference: bare, settings: settings()).testsPerWindow == bare.testsPerWindow)
    // A reference too small for a p99: the test says so and does not run.
    let small = reference(perSlice: 60)
    var window = WindowProfile(sliceCount: sliceCount)
    var traffic = Calls()
    for _ in 0..<600 { window.add(traffic.next()) }
    let results = DriftEvaluator(reference: small, settings: settings()).evaluate(window)
    let p99 = results.filter { $0.test == .latencyP99 && $0.slice == "s0" }
    #expect(p99.first?.insufficientData == "60 reference latencies; need 500")
    #expect(p99.first?.pValue == nil)
    let errors = results.first { $0.test == .errorRate && $0.slice == "s0" }
    #expect(errors?.insufficientData == nil && errors?.pValue != nil)
}
