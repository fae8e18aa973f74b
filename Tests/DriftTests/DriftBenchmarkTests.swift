// DriftBenchmarkTests: how long one window's battery of tests takes with 64 slices, off by default. Run with
//   SLICEWATCH_BENCH=1 swift test -c release --filter DriftBenchmark
// It prints the median and 99th percentile over 2,000 evaluations (target: under 5 ms a window).

import Drift
import Foundation
import SliceWatchTesting
import Slicing
import Testing

@Test(.enabled(if: ProcessInfo.processInfo.environment["SLICEWATCH_BENCH"] == "1", "benchmark: set SLICEWATCH_BENCH=1"))
func windowEvaluationTime() {
    let slices = 64
    var rng = SplitMix64(seed: 3)
    let words = ["book", "a", "flight", "what", "is", "my", "balance", "play", "jazz", "recipe", "for", "dinner"]
    func text() -> String { (0..<(4 + Int(rng.next() % 10))).map { _ in words[Int(rng.next() % 12)] }.joined(separator: " ") }
    let reference = BaselineReference(
        sliceIDs: (0..<slices).map { "s\($0)" }, sliceLabels: (0..<slices).map { "slice \($0)" },
        sliceCounts: (0..<slices).map { 20 + $0 }, evalItems: (0..<slices).map { 20 + $0 }, expectedNovelRate: 0.05,
        descriptors: DescriptorSketch((0..<3000).map { _ in Descriptors(text: text()) }))
    var window = WindowProfile(sliceCount: slices)
    for i in 0..<500 {
        let assignment: SliceAssignment = i % 20 == 0 ? .novel(distance: 0.9) : .slice(Int(rng.next() % UInt64(slices)), distance: 0.3)
        window.add(Observation(
            time: Int64(i) * 1_000_000, descriptors: Descriptors(text: text()), assignment: assignment,
            latencyMilliseconds: Double(rng.next() % 900), isError: false, example: "example"))
    }
    let evaluator = DriftEvaluator(reference: reference, settings: DriftSettings())
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<2000 {
        let elapsed = clock.measure { _ = evaluator.evaluate(window) }
        times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }
    times.sort()
    print(String(format: "benchmark: window of 500 with %d slices (%d tests): median %.3f ms, p99 %.3f ms (target < 5 ms)",
        slices, reference.testsPerWindow, times[times.count / 2], times[times.count * 99 / 100]))
}
