// StoreTestSupport: real window reports and alert events for the store tests — a DriftMonitor on a synthetic
// 8-slice baseline fed traffic whose novel rate rises (pending, firing) and falls back (resolved) — plus temporary
// store folders and sample interactions.

import Drift
import Exchange
import Foundation
import SliceWatchTesting
import Slicing
import Store
import Wire

enum Fixture {
    static let shares: [Double] = [0.3, 0.2, 0.15, 0.1, 0.1, 0.05, 0.05, 0.05]
    static let words = ["what", "is", "my", "balance", "book", "a", "flight", "to", "paris", "play", "some", "jazz"]

    static let reference: BaselineReference = {
        let counts = shares.map { Int($0 * 2000) }
        var rng = SplitMix64(seed: 7)
        let texts = (0..<2000).map { _ in Descriptors(text: sentence(&rng, words: 6 + Int(rng.next() % 8))) }
        return BaselineReference(
            sliceIDs: shares.indices.map { "s\($0)" }, sliceLabels: shares.indices.map { "topic \($0)" },
            sliceCounts: counts, evalItems: counts, expectedNovelRate: 0.05, descriptors: DescriptorSketch(texts))
    }()

    static func sentence(_ rng: inout SplitMix64, words count: Int) -> String {
        (0..<count).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
    }

    /// Windows of 500 from a real monitor: 2,000 interactions at a 25% novel rate (novelty pending, then firing),
    /// then 6,000 at the expected 5% (resolved after two clear windows). 16 windows; events pending, firing,
    /// resolved.
    static let reports: [WindowReport] = {
        var settings = DriftSettings()
        settings.window = .count(500)
        settings.falseAlarms = .interactions(10_000_000)
        settings.resolvingAfter = 2
        var monitor = DriftMonitor(reference: reference, settings: settings)
        var rng = SplitMix64(seed: 42)
        var time: Int64 = 1_700_000_000_000_000_000
        var reports: [WindowReport] = []
        for i in 0..<8000 {
            time += 10_000_000
            let novelRate = i < 2000 ? 0.25 : 0.05
            let u = Double(rng.next() % 1_000_000) / 1_000_000
            var assignment = SliceAssignment.slice(shares.count - 1, distance: 0.3)
            if u < novelRate {
                assignment = .novel(distance: 0.9)
            } else {
                var x = Double(rng.next() % 1_000_000) / 1_000_000
                for (s, w) in shares.enumerated() {
                    if x < w {
                        assignment = .slice(s, distance: 0.3)
                        break
                    }
                    x -= w
                }
            }
            let text = sentence(&rng, words: 6 + Int(rng.next() % 8))
            reports += monitor.add(
                Observation(
                    time: time, descriptors: Descriptors(text: text), assignment: assignment,
                    latencyMilliseconds: Double(100 + rng.next() % 400), isError: false, example: text))
        }
        return reports
    }()

    /// Every alert event of `reports`, in order.
    static var events: [AlertEvent] { reports.flatMap(\.events) }

    /// An interaction as the adapters would produce it (the input holds an API key the store must scrub).
    static func interaction(_ n: Int, status: Int = 200, secret: Bool = false) -> Interaction {
        var i = Interaction(id: "1700000000\(n)-1-\(n)", api: .openAIChat)
        i.model = "gpt-4o-mini"
        i.input = "question \(n)" + (secret ? " with key sk-abcdefghijklmnopqrstuvwxyz0123" : "")
        i.conversation = [Turn(role: "user", text: i.input)]
        i.turns = 1
        i.output = "answer \(n)"
        i.status = status
        i.latency = 0.25
        i.requestStart = Timestamp(nanoseconds: 1_700_000_000_000_000_000 + Int64(n) * 1_000_000)
        return i
    }
}
