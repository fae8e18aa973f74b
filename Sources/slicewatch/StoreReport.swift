// StoreReport: the report model from what the sidecar's store keeps — windows (slice counts, novel, errors),
// alert history with its evidence, and sampled inputs as examples. Latency and quality per slice are not stored
// per slice, so those columns stay empty.

import Baseline
import Drift
import Foundation
import Report
import Store

struct StoreReport {
    let document: BaselineDocument
    /// Oldest first.
    let windows: [StoredWindow]
    /// Newest first.
    let history: [StoredAlertEvent]
    let sampled: [StoredInteraction]

    func model(source: String, now: Date = Date()) -> ReportModel {
        let reference = BaselineReference(document)
        let ids = reference.sliceIDs
        let labels = Dictionary(zip(ids, reference.sliceLabels)) { a, _ in a }
        var counts = [String: Int]()
        for w in windows { for (slice, n) in w.sliceCounts { counts[slice, default: 0] += n } }
        let inDistribution = max(1, ids.reduce(0) { $0 + (counts[$1] ?? 0) })
        var firing: [String: StoredAlertEvent] = [:]
        for e in history.reversed() { if e.state == .firing { firing[e.key] = e } else if e.state == .resolved { firing[e.key] = nil } }
        let firingSlices = Set(firing.values.compactMap(\.finding.result.slice))
        var examples = [String: [String]]()
        for s in sampled { if let slice = s.slice, examples[slice, default: []].count < 3 { examples[slice, default: []].append(s.interaction.input) } }
        let slices = ids.indices.map { i in
            SliceRow(
                id: ids[i], label: reference.sliceLabels[i], evalItems: reference.evalItems[i],
                baselineShare: Double(reference.sliceCounts[i]) / Double(max(1, reference.sliceTotal)),
                liveShare: Double(counts[ids[i]] ?? 0) / Double(inDistribution), liveCount: counts[ids[i]] ?? 0,
                evalPassRate: reference.evalGraded[i] > 0 ? Double(reference.evalPasses[i]) / Double(reference.evalGraded[i]) : nil,
                livePassRate: nil, scored: 0, latencyP50: nil, latencyP95: nil, latencyP99: nil, errorRate: nil,
                referenceErrorRate: nil, referenceP95: nil, liveExamples: examples[ids[i]] ?? [],
                evalExamples: document.slices[i].examples, alerting: firingSlices.contains(ids[i]))
        }
        let points = windows.map { w in
            let inWindow = max(1, ids.reduce(0) { $0 + (w.sliceCounts[$1] ?? 0) })
            return WindowPoint(
                index: w.index, start: w.start.map { Double($0) / 1e9 }, interactions: w.interactions,
                novelRate: w.embedded > 0 ? Double(w.novel) / Double(w.embedded) : nil, expectedNovelRate: reference.expectedNovelRate,
                sliceMixDistance: nil, sliceShares: ids.map { Double(w.sliceCounts[$0] ?? 0) / Double(inWindow) },
                passRate: nil, expectedPassRate: nil,
                findings: history.filter { $0.window == w.index && $0.runID == w.runID }.map(\.key))
        }
        let alerts = history.map { AlertRow($0.event, labels: labels) }
        let interactions = windows.reduce(0) { $0 + $1.interactions }
        let embedded = windows.reduce(0) { $0 + $1.embedded }
        let novel = windows.reduce(0) { $0 + $1.novel }
        return ReportModel(
            title: "slicewatch report", source: source, generatedAt: ISO8601DateFormatter().string(from: now), live: false,
            refreshSeconds: 0,
            baseline: BaselineSummary(
                evalItems: document.provenance.evalItems, sliceCount: ids.count, embedder: document.embedder.identifier,
                shareSource: reference.source, expectedNovelRate: reference.expectedNovelRate,
                evalPassRate: document.quality.interval.proportion),
            totals: Totals(
                interactions: interactions, embedded: embedded, novel: novel, windows: windows.count,
                windowSize: windows.first.map { "\($0.interactions) interactions" } ?? "-",
                alertsFired: history.filter { $0.state == .firing }.count, firingNow: firing.keys.sorted(),
                firstTime: windows.first?.start.map { Double($0) / 1e9 }, lastTime: windows.last?.end.map { Double($0) / 1e9 }),
            slices: slices,
            novel: NovelRow(
                count: novel, rate: embedded > 0 ? Double(novel) / Double(embedded) : nil, expectedRate: reference.expectedNovelRate,
                examples: sampled.filter { $0.slice == "novel" }.prefix(5).map(\.interaction.input)),
            windows: points, alerts: alerts, quality: nil)
    }
}
