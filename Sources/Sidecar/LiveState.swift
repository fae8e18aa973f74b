// LiveState: what a running sidecar knows right now — capture counters, the drift picture after the last
// window (slice shares, test statistics and thresholds, firing alerts, recent findings and alert events) —
// published by the pipeline's threads and read by the admin server as /metrics and /api/v1 JSON.

import Baseline
import Drift
import Foundation
import JSON
import Quality

/// The sidecar's live picture, safe to update and read from any thread.
public final class LiveState: @unchecked Sendable {
    /// A finding and the window it came from.
    public struct RecentFinding: Sendable {
        public var window: Int
        public var time: Int64?
        public var finding: Finding
    }

    private let lock = NSLock()
    private var reference: BaselineReference
    private var labels: [String: String]
    private var baselinePath: String
    private var driftSettings: DriftSettings
    public let startedAt = Date()
    public let version: String

    private var ready = false
    private var readyReason = "starting"
    private var capture: (@Sendable () -> CaptureSummary)?
    private var queues: [String: @Sendable () -> (depth: Int, capacity: Int)] = [:]
    private var extraMetrics: [@Sendable (inout PrometheusText) -> Void] = []

    private var interactions = 0
    private var windows = 0
    private var embeddingFailures = 0
    private var cumulative: WindowProfile
    private var lastWindow: WindowReport?
    private var firing: [String: AlertEvent] = [:]
    private var eventCounts: [AlertEvent.State: Int] = [:]
    private var recentFindings: [RecentFinding] = []
    private var recentEvents: [AlertEvent] = []
    /// How many recent findings and alert events are kept for the API (the store keeps the full history).
    public static let recentKept = 200

    public init(reference: BaselineReference, baselinePath: String, settings: DriftSettings, version: String) {
        self.reference = reference
        self.baselinePath = baselinePath
        self.driftSettings = settings
        self.version = version
        labels = Dictionary(zip(reference.sliceIDs, reference.sliceLabels)) { a, _ in a }
        cumulative = WindowProfile(sliceCount: reference.sliceIDs.count)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    // MARK: publishing

    /// Readiness for /readyz, with the reason when not ready.
    public func setReady(_ ready: Bool, reason: String = "") {
        locked {
            self.ready = ready
            readyReason = reason
        }
    }

    public var isReady: Bool { locked { ready } }

    /// Where capture counters come from (the running CaptureRunner's snapshot).
    public func setCaptureSource(_ snapshot: (@Sendable () -> CaptureSummary)?) { locked { capture = snapshot } }

    /// A bounded queue whose depth /metrics shows.
    public func addQueue(_ name: String, _ depth: @escaping @Sendable () -> (depth: Int, capacity: Int)) {
        locked { queues[name] = depth }
    }

    /// More metric families (e.g. the sinks' counters), written after the built-in ones.
    public func addMetrics(_ write: @escaping @Sendable (inout PrometheusText) -> Void) { locked { extraMetrics.append(write) } }

    /// A new baseline (SIGHUP): slice tables start again; alerts stay as the monitor restored them.
    public func replaceBaseline(_ reference: BaselineReference, path: String, settings: DriftSettings) {
        locked {
            self.reference = reference
            baselinePath = path
            driftSettings = settings
            labels = Dictionary(zip(reference.sliceIDs, reference.sliceLabels)) { a, _ in a }
            cumulative = WindowProfile(sliceCount: reference.sliceIDs.count)
            lastWindow = nil
        }
    }

    /// Restores firing alerts and history read back from the store after a restart.
    public func restore(firing events: [AlertEvent], history: [AlertEvent]) {
        locked {
            for e in events { firing[e.key] = e }
            recentEvents = Array(history.suffix(Self.recentKept))
        }
    }

    /// A window closed (called on the drift thread).
    public func update(report: WindowReport, monitor: DriftMonitor, embeddingFailures: Int) {
        locked {
            windows += 1
            interactions = monitor.interactions
            self.embeddingFailures = embeddingFailures
            cumulative = monitor.cumulative
            lastWindow = report
            for f in report.findings {
                recentFindings.append(RecentFinding(window: report.index, time: report.profile.lastTime, finding: f))
            }
            if recentFindings.count > Self.recentKept { recentFindings.removeFirst(recentFindings.count - Self.recentKept) }
            for e in report.events {
                eventCounts[e.state, default: 0] += 1
                recentEvents.append(e)
                if e.state == .firing { firing[e.key] = e } else if e.state == .resolved { firing[e.key] = nil }
            }
            if recentEvents.count > Self.recentKept { recentEvents.removeFirst(recentEvents.count - Self.recentKept) }
        }
    }

    // MARK: reading

    /// Keys of the alerts firing now.
    public var firingKeys: [String] { locked { firing.keys.sorted() } }

    /// The readiness answer: 200 "ready" or 503 with the reason.
    public func readiness() -> (ready: Bool, reason: String) { locked { (ready, ready ? "ready" : readyReason) } }

    /// /metrics in the Prometheus text format.
    public func metrics() -> String {
        var m = PrometheusText()
        let (capture, queues, extra) = locked { (self.capture, self.queues, extraMetrics) }
        let summary = capture?()
        locked { writeMetrics(into: &m, capture: summary, queues: queues) }
        for write in extra { write(&m) }
        return m.text
    }

    private func writeMetrics(
        into m: inout PrometheusText, capture: CaptureSummary?, queues: [String: @Sendable () -> (depth: Int, capacity: Int)]
    ) {
        m.family("slicewatch_info", .gauge, "Build and baseline of this sidecar (always 1).")
        m.sample("slicewatch_info", ["version": version, "baseline": baselinePath], 1)
        m.metric("slicewatch_ready", .gauge, "1 when capturing with a loaded baseline.", ready ? 1 : 0)
        m.metric("slicewatch_uptime_seconds", .gauge, "Seconds since start.", Date().timeIntervalSince(startedAt))
        if let c = capture {
            m.metric("slicewatch_capture_packets_total", .counter, "Packets captured.", Double(c.capture.packets))
            m.metric("slicewatch_capture_bytes_total", .counter, "Bytes captured.", Double(c.capture.bytes))
            m.family("slicewatch_capture_dropped_packets_total", .counter, "Packets lost, by where: kernel buffer, interface, slicewatch's own queue.")
            m.sample("slicewatch_capture_dropped_packets_total", ["where": "kernel"], Double(c.capture.kernelDropped))
            m.sample("slicewatch_capture_dropped_packets_total", ["where": "interface"], Double(c.capture.interfaceDropped))
            m.sample("slicewatch_capture_dropped_packets_total", ["where": "queue"], Double(c.capture.queueDropped))
            m.metric("slicewatch_capture_malformed_frames_total", .counter, "Frames that could not be decoded.", Double(c.wire.malformed))
            m.metric("slicewatch_tcp_connections_total", .counter, "TCP connections seen.", Double(c.reassembly.connectionsOpened))
            m.metric("slicewatch_tcp_active_connections", .gauge, "TCP connections tracked now.", Double(c.reassembly.activeConnections))
            m.metric("slicewatch_tcp_gaps_total", .counter, "Holes in TCP streams (lost packets).", Double(c.reassembly.gaps))
            m.metric("slicewatch_tcp_gap_bytes_total", .counter, "Bytes missing in TCP streams.", Double(c.reassembly.gapBytes))
            m.metric("slicewatch_tcp_evictions_total", .counter, "Connections evicted at the table limit.", Double(c.reassembly.evictions))
            m.metric("slicewatch_http_exchanges_total", .counter, "HTTP request/response exchanges.", Double(c.http.exchanges))
            m.metric("slicewatch_http_parse_errors_total", .counter, "HTTP messages that failed to parse.", Double(c.http.parseErrors))
            m.metric("slicewatch_http_body_truncations_total", .counter, "Bodies cut at the size limit.", Double(c.http.bodyTruncations))
            m.metric("slicewatch_http_memory_budget_hits_total", .counter, "Times the HTTP memory budget refused data.", Double(c.http.memoryBudgetHits))
        }
        m.metric("slicewatch_interactions_total", .counter, "Model calls seen by drift detection.", Double(interactions))
        m.metric("slicewatch_embedded_interactions_total", .counter, "Interactions embedded and assigned.", Double(cumulative.embedded))
        m.metric("slicewatch_embedding_failures_total", .counter, "Interactions whose embedding failed.", Double(embeddingFailures))
        m.metric("slicewatch_windows_total", .counter, "Windows evaluated.", Double(windows))

        m.family("slicewatch_slice_interactions_total", .counter, "Embedded interactions per baseline slice (slice=\"novel\": none fits).")
        for i in reference.sliceIDs.indices {
            m.sample("slicewatch_slice_interactions_total", ["slice": reference.sliceIDs[i], "label": reference.sliceLabels[i]], Double(cumulative.sliceCounts[i]))
        }
        m.sample("slicewatch_slice_interactions_total", ["slice": "novel", "label": "novel"], Double(cumulative.novel))
        m.family("slicewatch_slice_baseline_share", .gauge, "Each slice's share in the baseline (expected live mix).")
        m.family("slicewatch_slice_share", .gauge, "Each slice's share of in-distribution interactions in the last window.")
        let baselineTotal = Double(max(1, reference.sliceTotal))
        for i in reference.sliceIDs.indices {
            m.sample("slicewatch_slice_baseline_share", ["slice": reference.sliceIDs[i], "label": reference.sliceLabels[i]], Double(reference.sliceCounts[i]) / baselineTotal)
        }
        if let w = lastWindow?.profile, w.sliceCount == reference.sliceIDs.count {
            let n = Double(max(1, w.sliceCounts.reduce(0, +)))
            for i in reference.sliceIDs.indices {
                m.sample("slicewatch_slice_share", ["slice": reference.sliceIDs[i], "label": reference.sliceLabels[i]], Double(w.sliceCounts[i]) / n)
            }
            m.metric("slicewatch_novel_share", .gauge, "Share of embedded interactions that fit no slice, last window.", w.embedded > 0 ? Double(w.novel) / Double(w.embedded) : 0)
        }
        m.metric("slicewatch_novel_expected_share", .gauge, "Novel share expected from the baseline's calibration.", reference.expectedNovelRate)
        writeQualityMetrics(into: &m)

        if let r = lastWindow {
            m.metric("slicewatch_test_alpha", .gauge, "Per-test significance level of one window (false-alarm budget).", r.alpha)
            m.metric("slicewatch_test_cusum_threshold", .gauge, "CUSUM decision threshold h.", r.cusumThreshold)
            m.family("slicewatch_test_statistic", .gauge, "Each test's statistic in the last window.")
            m.family("slicewatch_test_p_value", .gauge, "Each test's p-value in the last window.")
            m.family("slicewatch_test_effect", .gauge, "Each test's effect size in the last window.")
            m.family("slicewatch_test_effect_floor", .gauge, "The effect size a finding needs.")
            m.family("slicewatch_test_cusum", .gauge, "Each test's CUSUM after the last window.")
            for t in r.results where t.insufficientData == nil {
                m.sample("slicewatch_test_statistic", ["key": t.key, "test": t.test.rawValue, "statistic": t.statistic], t.value)
                if let p = t.pValue { m.sample("slicewatch_test_p_value", ["key": t.key], p) }
                m.sample("slicewatch_test_effect", ["key": t.key, "effect": t.effectName], t.effect)
                m.sample("slicewatch_test_effect_floor", ["key": t.key, "effect": t.effectName], t.floor)
                if let s = r.cusum[t.key] { m.sample("slicewatch_test_cusum", ["key": t.key], s) }
            }
        }
        m.metric("slicewatch_alerts_firing", .gauge, "Alerts firing now.", Double(firing.count))
        m.family("slicewatch_alert_firing", .gauge, "1 for each alert firing now.")
        for (key, e) in firing.sorted(by: { $0.key < $1.key }) {
            m.sample("slicewatch_alert_firing", ["key": key, "slice": e.finding.result.slice ?? ""], 1)
        }
        m.family("slicewatch_alert_events_total", .counter, "Alert state changes since start, by state.")
        for state in [AlertEvent.State.pending, .firing, .resolved] {
            m.sample("slicewatch_alert_events_total", ["state": state.rawValue], Double(eventCounts[state] ?? 0))
        }
        m.family("slicewatch_queue_depth", .gauge, "Items waiting in a bounded queue.")
        m.family("slicewatch_queue_capacity", .gauge, "A bounded queue's capacity.")
        for (name, probe) in queues.sorted(by: { $0.key < $1.key }) {
            let q = probe()
            m.sample("slicewatch_queue_depth", ["queue": name], Double(q.depth))
            m.sample("slicewatch_queue_capacity", ["queue": name], Double(q.capacity))
        }
    }

    /// Answer quality since start: scored and failed per slice and check, pass rates against the eval's, the
    /// expected pass rate under the live mix, answer flips.
    private func writeQualityMetrics(into m: inout PrometheusText) {
        let c = cumulative
        let rows = reference.sliceIDs.indices.map { ($0, reference.sliceIDs[$0], reference.sliceLabels[$0]) }
            + [(c.novelIndex, "novel", "novel")]
        m.family("slicewatch_quality_graded_total", .counter, "Interactions scored for the pass-rate test (built-in checks or graders), per slice.")
        m.family("slicewatch_quality_failed_total", .counter, "Interactions that failed a built-in check (or, check=\"grader\", were scored as failing), per slice and check.")
        m.family("slicewatch_answer_flips_total", .counter, "Inputs asked again within the consistency window whose answer changed materially, per slice.")
        for (row, id, label) in rows {
            m.sample("slicewatch_quality_graded_total", ["slice": id, "label": label], Double(c.scored[row]))
            for check in QualityCheck.allCases {
                m.sample("slicewatch_quality_failed_total", ["slice": id, "label": label, "check": check.rawValue], Double(c.checkFailures[row][check.index]))
            }
            m.sample("slicewatch_quality_failed_total", ["slice": id, "label": label, "check": "grader"], Double(c.scored[row] - c.passes[row]))
            m.sample("slicewatch_answer_flips_total", ["slice": id, "label": label], Double(c.flips[row]))
        }
        m.family("slicewatch_slice_pass_rate", .gauge, "Scored pass rate since start, per slice with scored interactions.")
        m.family("slicewatch_slice_baseline_pass_rate", .gauge, "The eval set's pass rate, per graded slice.")
        for (i, id, label) in rows.dropLast() {
            if c.scored[i] > 0 { m.sample("slicewatch_slice_pass_rate", ["slice": id, "label": label], Double(c.passes[i]) / Double(c.scored[i])) }
            if reference.evalGraded[i] > 0 {
                m.sample("slicewatch_slice_baseline_pass_rate", ["slice": id, "label": label], Double(reference.evalPasses[i]) / Double(reference.evalGraded[i]))
            }
        }
        if let q = reference.expectedQuality(of: c) {
            m.metric("slicewatch_expected_pass_rate", .gauge, "Eval pass rate expected under the live slice mix since start.", q.expected)
        }
    }

    /// /api/v1/status.
    public func status() -> String {
        let summary = locked { capture }?()
        return locked {
            var w = JSONWriter(reserving: 4096)
            w.beginObject()
            w.field("version", version)
            w.number("uptime_seconds", Date().timeIntervalSince(startedAt), decimals: 1)
            w.field("ready", ready)
            if !ready { w.field("not_ready_because", readyReason) }
            w.key("baseline")
            w.beginObject()
            w.field("path", baselinePath)
            w.field("slices", reference.sliceIDs.count)
            w.number("expected_novel_rate", reference.expectedNovelRate)
            w.field("mix_from", reference.source)
            w.endObject()
            if let c = summary {
                w.key("capture")
                w.beginObject()
                w.field("source", c.target.description)
                w.field("packets", c.capture.packets)
                w.field("bytes", c.capture.bytes)
                w.field("dropped", c.capture.kernelDropped + c.capture.interfaceDropped + c.capture.queueDropped)
                w.field("tcp_gaps", c.reassembly.gaps)
                w.field("http_exchanges", c.http.exchanges)
                w.endObject()
            }
            w.key("drift")
            w.beginObject()
            w.field("interactions", interactions)
            w.field("embedded", cumulative.embedded)
            w.field("novel", cumulative.novel)
            w.field("windows", windows)
            w.field("window", "\(driftSettings.window)")
            w.field("false_alarm_every", "\(driftSettings.falseAlarms)")
            w.endObject()
            w.strings("firing", firing.keys.sorted())
            w.endObject()
            return String(decoding: w.bytes, as: UTF8.self)
        }
    }

    /// /api/v1/slices: every slice, live (since start and last window) against the baseline.
    public func slices() -> String {
        locked {
            var w = JSONWriter(reserving: 8192)
            let live = Double(max(1, cumulative.sliceCounts.reduce(0, +)))
            let last = lastWindow?.profile
            let lastTotal = Double(max(1, last?.sliceCounts.reduce(0, +) ?? 0))
            w.beginObject()
            w.field("interactions", cumulative.interactions)
            w.field("embedded", cumulative.embedded)
            w.key("novel")
            w.beginObject()
            w.field("count", cumulative.novel)
            w.number("share", cumulative.embedded > 0 ? Double(cumulative.novel) / Double(cumulative.embedded) : nil)
            w.number("expected_share", reference.expectedNovelRate)
            w.strings("examples", cumulative.examples[cumulative.novelIndex])
            w.endObject()
            w.quality(cumulative, row: cumulative.allIndex)
            w.expectedQuality(reference.expectedQuality(of: cumulative))
            w.key("slices")
            w.beginArray()
            for i in reference.sliceIDs.indices {
                w.beginObject()
                w.field("id", reference.sliceIDs[i])
                w.field("label", reference.sliceLabels[i])
                w.field("eval_items", reference.evalItems[i])
                w.number("baseline_share", Double(reference.sliceCounts[i]) / Double(max(1, reference.sliceTotal)))
                w.field("count", cumulative.sliceCounts[i])
                w.number("share", Double(cumulative.sliceCounts[i]) / live)
                w.number("window_share", last.map { Double($0.sliceCounts[i]) / lastTotal })
                w.latency("latency_ms", cumulative.latencyQuantiles(i))
                w.field("errors", cumulative.errors[i])
                w.quality(cumulative, row: i, evalGraded: reference.evalGraded[i], evalPasses: reference.evalPasses[i])
                w.strings("examples", cumulative.examples[i])
                w.field("alerting", firing.values.contains { $0.finding.result.slice == reference.sliceIDs[i] })
                w.endObject()
            }
            w.endArray()
            w.endObject()
            return String(decoding: w.bytes, as: UTF8.self)
        }
    }

    /// /api/v1/findings: the most recent findings, newest first.
    public func findings(limit: Int = 100) -> String {
        locked {
            var w = JSONWriter(reserving: 8192)
            w.beginObject()
            w.key("findings")
            w.beginArray()
            for f in recentFindings.suffix(limit).reversed() {
                w.beginObject()
                w.field("window", f.window)
                w.time("time", f.time)
                w.field("key", f.finding.result.key)
                f.finding.result.writeJSON(into: &w)
                w.field("trigger", f.finding.trigger)
                w.number("alpha", f.finding.alpha, decimals: 12)
                w.number("cusum", f.finding.cusum, decimals: 3)
                w.number("cusum_threshold", f.finding.cusumThreshold, decimals: 3)
                w.strings("examples", f.finding.result.examples)
                w.field("summary", f.finding.result.sentence(labels: labels))
                w.endObject()
            }
            w.endArray()
            w.endObject()
            return String(decoding: w.bytes, as: UTF8.self)
        }
    }

    /// /api/v1/alerts: alerts firing now and the recent history of state changes, newest first.
    public func alerts(history: [AlertEvent]? = nil, limit: Int = 100) -> String {
        locked {
            var w = JSONWriter(reserving: 8192)
            w.beginObject()
            w.key("firing")
            w.beginArray()
            for e in firing.values.sorted(by: { $0.key < $1.key }) { e.writeJSON(into: &w, labels: labels) }
            w.endArray()
            w.key("history")
            w.beginArray()
            for e in (history ?? recentEvents).suffix(limit).reversed() { e.writeJSON(into: &w, labels: labels) }
            w.endArray()
            w.endObject()
            return String(decoding: w.bytes, as: UTF8.self)
        }
    }
}
