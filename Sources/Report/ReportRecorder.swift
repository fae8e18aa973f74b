// ReportRecorder: gathers what the report page shows from a drift session as windows close — the time series,
// the alert events — and builds the ReportModel from them and the monitor's cumulative profile. Used by
// `slicewatch report` (a replay) and by the admin server's live page.

import Baseline
import Drift
import Foundation

/// Accumulates windows and alert events for a report.
public struct ReportRecorder: Sendable {
    public let reference: BaselineReference
    /// Up to a few eval inputs per slice (the baseline's examples), in slice order.
    public var evalExamples: [[String]]
    public var embedder: String
    public var evalItemTotal: Int
    public var evalPassRate: Double?
    /// Windows kept at most (the oldest are dropped first).
    public static let windowsKept = 2000
    /// Alert events kept at most (the oldest are dropped first).
    public static let eventsKept = 500

    public private(set) var windows: [WindowPoint] = []
    public private(set) var events: [AlertEvent] = []

    public init(reference: BaselineReference, document: BaselineDocument) {
        self.reference = reference
        evalExamples = document.slices.map(\.examples)
        embedder = document.embedder.identifier
        evalItemTotal = document.provenance.evalItems
        evalPassRate = document.quality.interval.proportion
    }

    /// Records one closed window.
    public mutating func add(_ report: WindowReport) {
        let p = report.profile
        let inDistribution = max(1, p.sliceCounts.reduce(0, +))
        windows.append(WindowPoint(
            index: report.index, start: p.firstTime.map { Double($0) / 1e9 }, interactions: p.interactions,
            novelRate: p.embedded > 0 ? Double(p.novel) / Double(p.embedded) : nil, expectedNovelRate: reference.expectedNovelRate,
            sliceMixDistance: report.results.first { $0.test == .sliceMix && $0.insufficientData == nil }?.effect,
            sliceShares: p.sliceCounts.map { Double($0) / Double(inDistribution) },
            passRate: p.scored[p.allIndex] > 0 ? Double(p.passes[p.allIndex]) / Double(p.scored[p.allIndex]) : nil,
            expectedPassRate: report.expectedQuality?.expected, findings: report.findings.map(\.result.key)))
        if windows.count > Self.windowsKept { windows.removeFirst(windows.count - Self.windowsKept) }
        events += report.events
        if events.count > Self.eventsKept { events.removeFirst(events.count - Self.eventsKept) }
    }

    /// The report model now.
    public func model(
        monitor: DriftMonitor, title: String = "slicewatch report", source: String, windowSize: String,
        live: Bool = false, refreshSeconds: Int = 30, now: Date = Date()
    ) -> ReportModel {
        let c = monitor.cumulative
        let labels = Dictionary(zip(reference.sliceIDs, reference.sliceLabels)) { a, _ in a }
        let firing = Set(monitor.alerts.firing)
        let firingSlices = Set(monitor.alerts.firingFindings.compactMap(\.result.slice))
        let inDistribution = max(1, c.sliceCounts.reduce(0, +))
        let operations = reference.operations
        let slices = reference.sliceIDs.indices.map { i in
            let q = c.latencyQuantiles(i)
            let o = operations.isEmpty ? nil : operations[i]
            return SliceRow(
                id: reference.sliceIDs[i], label: reference.sliceLabels[i], evalItems: reference.evalItems[i],
                baselineShare: Double(reference.sliceCounts[i]) / Double(max(1, reference.sliceTotal)),
                liveShare: Double(c.sliceCounts[i]) / Double(inDistribution), liveCount: c.sliceCounts[i],
                evalPassRate: reference.evalGraded[i] > 0 ? Double(reference.evalPasses[i]) / Double(reference.evalGraded[i]) : nil,
                livePassRate: c.scored[i] > 0 ? Double(c.passes[i]) / Double(c.scored[i]) : nil, scored: c.scored[i],
                latencyP50: q?.p50, latencyP95: q?.p95, latencyP99: q?.p99,
                errorRate: c.sliceCounts[i] > 0 ? Double(c.errors[i]) / Double(c.sliceCounts[i]) : nil,
                referenceErrorRate: o.map { Double($0.errors) / Double(max(1, $0.interactions)) },
                referenceP95: o?.latency.tailQuantiles?.p95,
                liveExamples: c.examples[i], evalExamples: i < evalExamples.count ? evalExamples[i] : [],
                alerting: firingSlices.contains(reference.sliceIDs[i]))
        }
        let alerts = events.reversed().map { AlertRow($0, labels: labels) }
        var quality: QualityOverview?
        if c.scored[c.allIndex] > 0 {
            let expected = reference.expectedQuality(of: c)
            quality = QualityOverview(
                scored: c.scored[c.allIndex], passRate: Double(c.passes[c.allIndex]) / Double(c.scored[c.allIndex]),
                expectedPassRate: expected?.expected, expectedLower: expected?.low, expectedUpper: expected?.high,
                baselinePassRate: expected?.baseline, mixMoved: expected?.mixEffect, slicesGotWorse: expected?.sliceEffect)
        }
        let formatter = ISO8601DateFormatter()
        return ReportModel(
            title: title, source: source, generatedAt: formatter.string(from: now), live: live, refreshSeconds: refreshSeconds,
            baseline: BaselineSummary(
                evalItems: evalItemTotal, sliceCount: reference.sliceIDs.count, embedder: embedder, shareSource: reference.source,
                expectedNovelRate: reference.expectedNovelRate, evalPassRate: evalPassRate),
            totals: Totals(
                interactions: c.interactions, embedded: c.embedded, novel: c.novel, windows: monitor.windowsClosed,
                windowSize: windowSize, alertsFired: monitor.firedCount, firingNow: firing.sorted(),
                firstTime: c.firstTime.map { Double($0) / 1e9 }, lastTime: c.lastTime.map { Double($0) / 1e9 }),
            slices: slices,
            novel: NovelRow(
                count: c.novel, rate: c.embedded > 0 ? Double(c.novel) / Double(c.embedded) : nil,
                expectedRate: reference.expectedNovelRate, examples: c.examples[c.novelIndex]),
            windows: windows, alerts: Array(alerts), quality: quality)
    }
}

extension AlertRow {
    /// An alert event with its evidence, its slice named by `labels`.
    public init(_ e: AlertEvent, labels: [String: String]) {
        let r = e.finding.result
        self.init(
            key: e.key, state: e.state.rawValue, window: e.window, sinceWindow: e.since, time: e.time.map { Double($0) / 1e9 },
            test: r.test.rawValue, slice: r.slice, sliceLabel: r.slice.flatMap { labels[$0] }, summary: r.sentence(labels: labels),
            value: r.value, baselineValue: r.baselineValue, sampleSize: r.sampleSize, pValue: r.pValue, effectName: r.effectName,
            effect: r.effect, floor: r.floor, trigger: e.finding.trigger, examples: r.examples)
    }
}
