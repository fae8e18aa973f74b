// DriftSession: one drift run from interactions to output — the observer (descriptors, answer checks, sampled
// embedding, slices), the monitor (windows, tests, alerts), external grading of a sample when graders are set,
// and the report lines written as they happen: readable text or JSON lines (window, alert, summary). Used by
// `slicewatch replay` and the sidecar; single-threaded by design.

import Baseline
import Drift
import Exchange
import Foundation
import JSON
import Quality
import Wire

/// The output shape of a drift session.
public enum DriftOutputFormat: Sendable {
    case text, json
}

/// Interactions in, drift report out.
public final class DriftSession {
    public private(set) var monitor: DriftMonitor
    public private(set) var observer: InteractionObserver
    private let format: DriftOutputFormat
    private let write: (String) -> Void
    private var labels: [String: String]
    private var writer = JSONWriter(reserving: 1 << 16)
    /// Interactions received.
    public private(set) var received = 0
    /// Called on the session's thread with every closed window (alert events included) after it was written:
    /// where a long-running sidecar persists, publishes and notifies.
    public var onReport: ((WindowReport, DriftMonitor) -> Void)?
    /// Called on the session's thread with every observation, before the report of the window it belongs to.
    public var onObservation: ((Observation) -> Void)?
    /// Takes the interactions once observed instead of releasing them on the session's thread (the observer's
    /// `retire`, kept across reloads).
    public var retireInteractions: ((consuming [Interaction]) -> Void)? {
        didSet { observer.retire = retireInteractions }
    }
    /// External grading: which interactions go, where they go, and whether to wait for their grades before a
    /// window closes (a replay does, so grades land in the window of their interaction; a sidecar counts grades
    /// in the window in which they arrive).
    private var gradeSampler: GradeSampler?
    private var gradingQueue: (any GradingQueue)?
    private var waitForGrades = false
    /// Picks graded with a verdict, and gradings that failed (every grader failed or was over budget).
    public private(set) var gradedCount = 0
    public private(set) var gradingFailures = 0
    /// Seconds a replay waits for outstanding grades at a window's end.
    public static let gradeWait = 600.0

    public init(
        reference: BaselineReference, settings: DriftSettings, format: DriftOutputFormat, observer: InteractionObserver,
        write: @escaping (String) -> Void
    ) {
        monitor = DriftMonitor(reference: reference, settings: settings)
        self.observer = observer
        self.format = format
        self.write = write
        labels = Dictionary(zip(reference.sliceIDs, reference.sliceLabels)) { a, _ in a }
    }

    /// Switches to a new baseline and settings (a configuration reload) without losing what matters: the
    /// observations pending go through the old observer first, and alerts firing now stay firing under the
    /// new monitor (their keys name slices of the old baseline; they resolve once those tests run quiet or
    /// no longer exist). Windows start again with the new baseline.
    public func reload(reference: BaselineReference, settings: DriftSettings, observer newObserver: InteractionObserver) {
        for o in observer.flush() { observe(o) }
        if let report = monitor.finish() { emit(report) }
        let firing = monitor.firingAlerts
        monitor = DriftMonitor(reference: reference, settings: settings)
        monitor.restoreAlerts(firing)
        observer = newObserver
        newObserver.retire = retireInteractions
        if let sampler = gradeSampler {
            gradeSampler = GradeSampler(settings: sampler.settings, sliceCount: reference.sliceIDs.count)
            newObserver.passesInteractions = true
            newObserver.scoresWithChecks = false
        }
        labels = Dictionary(zip(reference.sliceIDs, reference.sliceLabels)) { a, _ in a }
    }

    /// Sends a sample of interactions to external graders from now on: their verdicts (with the built-in checks)
    /// score the pass-rate tests instead of the built-in checks alone.
    public func useGraders(_ queue: any GradingQueue, settings: QualitySettings, waitForGrades: Bool) {
        gradeSampler = GradeSampler(settings: settings, sliceCount: monitor.reference.sliceIDs.count)
        gradingQueue = queue
        self.waitForGrades = waitForGrades
        observer.passesInteractions = true
        observer.scoresWithChecks = false
    }

    private func offerForGrading(_ o: Observation) {
        guard var sampler = gradeSampler, let queue = gradingQueue, let interaction = o.interaction else { return }
        var slice: Int?, novel = false
        switch o.assignment {
        case .slice(let s, _): slice = s
        case .novel: novel = true
        case .unembedded: break
        }
        if let pick = sampler.offer(interaction, slice: slice, novel: novel, checks: o.checks) { queue.submit(pick) }
        gradeSampler = sampler
    }

    private func collectGrades(waiting: Bool) {
        guard let queue = gradingQueue else { return }
        for outcome in waiting ? queue.drain(timeout: Self.gradeWait) : queue.completed() {
            guard let passed = outcome.passed else {
                gradingFailures += 1
                continue
            }
            gradedCount += 1
            if format == .json { writeGrade(outcome, passed: passed) }
            if outcome.pick.countsInTest { monitor.addScore(slice: outcome.pick.slice, novel: outcome.pick.novel, passed: passed) }
        }
    }

    /// A `grade` line: which interaction, its slice, every grader's score with the grader's name and version.
    private func writeGrade(_ outcome: GradeOutcome, passed: Bool) {
        var w = JSONWriter(reserving: 512)
        w.beginObject()
        w.field("type", "grade")
        w.field("interaction", outcome.pick.interaction.id)
        w.key("slice")
        if let s = outcome.pick.slice, monitor.reference.sliceIDs.indices.contains(s) {
            w.string(monitor.reference.sliceIDs[s])
        } else if outcome.pick.novel { w.string("novel") } else { w.null() }
        w.field("counts_in_test", outcome.pick.countsInTest)
        w.field("passed", passed)
        w.strings("failed_checks", outcome.pick.checks.checks.map(\.rawValue))
        w.key("scores")
        w.beginArray()
        for score in outcome.scores {
            w.beginObject()
            w.field("grader", score.grader)
            w.key("version")
            if let v = score.version { w.string(v) } else { w.null() }
            w.number("score", score.score, decimals: 4)
            w.key("reason")
            if let r = score.reason { w.string(r) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.strings("failures", outcome.failures)
        w.endObject()
        w.newline()
        write(String(decoding: w.bytes, as: UTF8.self))
    }

    /// Puts back alerts that were firing before a restart (read from the store).
    public func restoreAlerts(_ firing: [AlertManager.FiringAlert]) {
        monitor.restoreAlerts(firing)
    }

    /// Warns when the window is too small for some tests to ever run.
    public func windowSizeWarnings() -> [String] {
        guard case .count(let n) = monitor.settings.window else { return [] }
        var warnings: [String] = []
        let p0 = monitor.reference.expectedNovelRate
        let needed = Int((monitor.settings.minimumExpected / max(p0, 1e-9)).rounded(.up))
        if n < needed {
            warnings.append(
                "window of \(n) interactions is too small for the novelty test (needs \(needed) embedded interactions "
                    + String(format: "at an expected novel rate of %.1f%%)", p0 * 100))
        }
        let total = Double(max(1, monitor.reference.sliceTotal))
        let untestable = monitor.reference.sliceCounts.filter { Double(n) * Double($0) / total < monitor.settings.minimumExpected }
        if untestable.count * 2 > monitor.reference.sliceCounts.count {
            warnings.append(
                "window of \(n) interactions is too small to test \(untestable.count) of \(monitor.reference.sliceCounts.count) "
                    + "slices' shares (fewer than \(Int(monitor.settings.minimumExpected)) expected); they are pooled in the mix test "
                    + "and reported as insufficient data")
        }
        return warnings
    }

    /// Measures per-test dispersion on reference interactions (normal traffic) in this session's windows and
    /// applies it from now on; returns the calibration for reporting.
    @discardableResult
    public func calibrate(with interactions: [Interaction], observer reference: InteractionObserver) -> Calibration {
        var observations: [Observation] = []
        for i in interactions { observations += reference.add(i) }
        observations += reference.flush()
        let calibration = DriftMonitor.calibrate(
            reference: monitor.reference, settings: monitor.settings, observations: observations)
        monitor.calibration = calibration
        return calibration
    }

    public func add(_ interaction: consuming Interaction) {
        received += 1
        var observations = observer.add(interaction)
        observations.forEachInPlace { observe($1) }
    }

    private func observe(_ o: Observation) {
        if gradingQueue != nil {
            // A count window closes with `o` in it: offer it first. A time window closes before `o`.
            let closing = monitor.closesWindow(adding: o)
            if case .count = monitor.settings.window { offerForGrading(o) }
            collectGrades(waiting: waitForGrades && closing)
            if case .duration = monitor.settings.window { offerForGrading(o) }
        }
        guard let onObservation else {
            for report in monitor.add(o) { emit(report) }
            return
        }
        // A count window closes with `o` in it; a time window closes before `o`, which starts the next one.
        let reports = monitor.add(o)
        if case .count = monitor.settings.window { onObservation(o) }
        for report in reports { emit(report) }
        if case .duration = monitor.settings.window { onObservation(o) }
    }

    /// The clock moved to `now` (ns since the epoch) without traffic: observe batches that are complete and
    /// close time windows that ended.
    public func tick(now: Int64) {
        collectGrades(waiting: false)
        for o in observer.flush(ifIdleAt: now) { observe(o) }
        for report in monitor.advance(to: now) { emit(report) }
    }

    /// Flushes the last observations and the partial window, then writes the summary.
    public func finish(source: String, seconds: Double) {
        for o in observer.flush() { observe(o) }
        collectGrades(waiting: waitForGrades)
        if let report = monitor.finish() { emit(report) }
        switch format {
        case .json: writeSummaryJSON(source: source, seconds: seconds)
        case .text: write(summaryText(source: source, seconds: seconds))
        }
    }

    private func emit(_ report: WindowReport) {
        defer { onReport?(report, monitor) }
        // The window's top-ups: slices that got fewer than the minimum uniform picks (graded into the next window).
        if var sampler = gradeSampler, let queue = gradingQueue {
            for pick in sampler.closeWindow() { queue.submit(pick) }
            gradeSampler = sampler
        }
        switch format {
        case .json:
            writer.reset()
            report.writeJSON(into: &writer, reference: monitor.reference)
            writer.newline()
            for event in report.events {
                event.writeJSON(into: &writer, labels: labels)
                writer.newline()
            }
            write(String(decoding: writer.bytes, as: UTF8.self))
        case .text:
            write(windowLine(report))
            for event in report.events { write(alertText(event)) }
        }
    }

    // MARK: text

    private func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }

    private func windowLine(_ r: WindowReport) -> String {
        let p = r.profile
        let rate = p.embedded > 0 ? Double(p.novel) / Double(p.embedded) : 0
        var line = "window \(r.index)\(r.partial ? " (partial)" : ""): interactions \(r.firstInteraction)..<\(r.firstInteraction + p.interactions), "
            + "\(p.embedded) embedded, novel \(percent(rate)) (expected \(percent(monitor.reference.expectedNovelRate)))"
        if let q = p.latencyQuantiles(p.allIndex) { line += String(format: ", latency p50 %.0f ms p95 %.0f ms", q.p50, q.p95) }
        if p.errors[p.allIndex] > 0 { line += ", \(p.errors[p.allIndex]) errors" }
        let insufficient = r.results.filter { $0.insufficientData != nil }.count
        if insufficient > 0 { line += ", \(insufficient)/\(r.results.count) tests without enough data" }
        line += r.findings.isEmpty ? "; no findings" : "; findings: " + r.findings.map(\.result.key).joined(separator: ", ")
        return line
    }

    private func alertText(_ e: AlertEvent) -> String {
        let r = e.finding.result
        var text = "  ALERT \(e.state.rawValue.uppercased()) \(e.key) (window \(e.window), after \(e.interactionIndex) interactions): "
            + r.sentence(labels: labels)
            + " [\(e.finding.trigger == "cusum" ? String(format: "CUSUM %.1f > %.1f", e.finding.cusum, e.finding.cusumThreshold) : "p < alpha \(String(format: "%.1e", e.finding.alpha))")]"
        for example in r.examples.prefix(3) where e.state != .resolved { text += "\n      e.g. \"\(example.prefix(100))\"" }
        return text
    }

    private func summaryText(source: String, seconds: Double) -> String {
        let c = monitor.cumulative
        let reference = monitor.reference
        var lines: [String] = []
        lines.append("")
        lines.append("summary: \(source): \(c.interactions) interactions in \(monitor.windowsClosed) windows (\(monitor.settings.window)), "
            + "\(c.embedded) embedded (\(observer.embeddingFailures) embedding failures), "
            + String(format: "%.1f s (%.1f s embedding)", seconds, observer.embeddingSeconds))
        if c.interactions == 0 {
            lines.append("no model calls were found: nothing to compare with the baseline")
            return lines.joined(separator: "\n")
        }
        let fired = monitor.events.filter { $0.state == .firing }
        lines.append("alerts fired: \(fired.count); firing at the end: \(monitor.alerts.firing.isEmpty ? "none" : monitor.alerts.firing.joined(separator: ", "))")
        for e in fired { lines.append("  \(e.key) from window \(e.window) (after \(e.interactionIndex) interactions): \(e.finding.result.sentence(labels: labels))") }
        let rate = c.embedded > 0 ? Double(c.novel) / Double(c.embedded) : 0
        lines.append("novel: \(c.novel) of \(c.embedded) embedded (\(percent(rate)); expected \(percent(reference.expectedNovelRate)))")
        let operations = reference.operations
        lines.append("slices since start (live share vs baseline share from the \(reference.source); eval items; latency p95"
            + (operations.isEmpty ? "):" : " and errors [reference traffic's]):"))
        let n = max(1, c.sliceCounts.reduce(0, +))
        let order = reference.sliceIDs.indices.sorted {
            abs(Double(c.sliceCounts[$0]) / Double(n) - Double(reference.sliceCounts[$0]) / Double(max(1, reference.sliceTotal)))
                > abs(Double(c.sliceCounts[$1]) / Double(n) - Double(reference.sliceCounts[$1]) / Double(max(1, reference.sliceTotal)))
        }
        for i in order {
            let live = Double(c.sliceCounts[i]) / Double(n)
            let base = Double(reference.sliceCounts[i]) / Double(max(1, reference.sliceTotal))
            var p95 = c.latencyQuantiles(i).map { String(format: "%.0f ms", $0.p95) } ?? "-"
            var errors = ""
            if !operations.isEmpty {
                let o = operations[i]
                p95 += o.latency.tailQuantiles.map { String(format: " [%.0f]", $0.p95) } ?? " [-]"
                errors = (percent(Double(c.errors[i]) / Double(max(1, c.sliceCounts[i])))
                    + " [\(percent(Double(o.errors) / Double(max(1, o.interactions))))]").padding(toLength: 15, withPad: " ", startingAt: 0)
            }
            lines.append("  " + reference.sliceIDs[i].padding(toLength: 5, withPad: " ", startingAt: 0)
                + percent(live).padding(toLength: 8, withPad: " ", startingAt: 0) + "vs " + percent(base).padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(reference.evalItems[i]).padding(toLength: 5, withPad: " ", startingAt: 0)
                + p95.padding(toLength: operations.isEmpty ? 9 : 15, withPad: " ", startingAt: 0) + errors + reference.sliceLabels[i])
        }
        lines += qualitySummaryLines()
        return lines.joined(separator: "\n")
    }

    /// Live samples a slice needs for its pass-rate test to see a drop of the effect floor (80% power) at the
    /// current per-test level; nil when no sample is enough (the eval set is too small there).
    func samplesNeeded(slice i: Int, drop: Double? = nil) -> Int? {
        let r = monitor.reference
        guard r.evalGraded[i] > 0 else { return nil }
        let alpha = FalseAlarmBudget.perTestAlpha(
            windowsBetweenFalseAlarms: 2 * monitor.windowsBetweenFalseAlarms, testsPerWindow: monitor.evaluator.testsPerWindow)
        return QualityPower.samplesNeeded(
            baselineRate: Double(r.evalPasses[i]) / Double(r.evalGraded[i]), baselineTrials: r.evalGraded[i],
            drop: drop ?? monitor.settings.floors.qualityDrop, alpha: alpha)
    }

    private func qualitySummaryLines() -> [String] {
        let c = monitor.cumulative, r = monitor.reference
        var lines: [String] = []
        let all = c.allIndex
        let scoredBy = gradingQueue == nil ? "the built-in checks" : "graders (\(gradedCount) graded, \(gradingFailures) without a verdict)"
        lines.append("quality: \(c.scored[all]) interactions scored by \(scoredBy)"
            + (c.scored[all] > 0 ? ", \(percent(Double(c.passes[all]) / Double(c.scored[all]))) passed" : ""))
        let failed = QualityCheck.allCases.filter { c.checkFailures[all][$0.index] > 0 }
            .map { "\($0.rawValue) \(c.checkFailures[all][$0.index])" }
        lines.append("  failed checks (all \(c.interactions) interactions): " + (failed.isEmpty ? "none" : failed.joined(separator: ", ")))
        lines.append("  answer flips: \(c.flips[all]) of \(c.repeats[all]) repeated inputs")
        if let q = monitor.evaluator.expectedQuality(c) {
            var line = String(format: "  expected pass rate under the live mix %@ [%@, %@] vs %@ under the baseline mix",
                percent(q.expected), percent(q.low), percent(q.high), percent(q.baseline))
            if let observed = q.observed, let sliceEffect = q.sliceEffect {
                line += String(format: "; observed %@ (mix moved %+.1f points, slices %+.1f points)", percent(observed), q.mixEffect * 100, sliceEffect * 100)
            }
            lines.append(line)
        }
        let graded = r.sliceIDs.indices.filter { r.evalGraded[$0] > 0 && c.scored[$0] > 0 }
        guard !graded.isEmpty else { return lines }
        func drop(_ i: Int) -> Double {
            Double(r.evalPasses[i]) / Double(r.evalGraded[i]) - Double(c.passes[i]) / Double(c.scored[i])
        }
        let floor = monitor.settings.floors.qualityDrop
        lines.append("  slices by pass-rate drop (scored pass rate vs eval pass rate; scored; samples one window needs to show a "
            + "\(Int(floor * 100))-point [\(Int(floor * 200))-point] drop at 80% power; failed checks):")
        for i in graded.sorted(by: { drop($0) > drop($1) }).prefix(10) {
            let needed = (samplesNeeded(slice: i).map(String.init) ?? "never") + " ["
                + (samplesNeeded(slice: i, drop: 2 * floor).map(String.init) ?? "never") + "]"
            let checks = QualityCheck.allCases.filter { c.checkFailures[i][$0.index] > 0 }
                .map { "\($0.rawValue) \(c.checkFailures[i][$0.index])" }.joined(separator: ", ")
            lines.append("  " + r.sliceIDs[i].padding(toLength: 5, withPad: " ", startingAt: 0)
                + percent(Double(c.passes[i]) / Double(c.scored[i])).padding(toLength: 8, withPad: " ", startingAt: 0) + "vs "
                + percent(Double(r.evalPasses[i]) / Double(r.evalGraded[i])).padding(toLength: 8, withPad: " ", startingAt: 0)
                + "n=\(c.scored[i])".padding(toLength: 8, withPad: " ", startingAt: 0)
                + "needs \(needed)".padding(toLength: 20, withPad: " ", startingAt: 0)
                + (checks.isEmpty ? "" : checks + "  ") + r.sliceLabels[i])
        }
        return lines
    }

    private func writeSummaryJSON(source: String, seconds: Double) {
        let c = monitor.cumulative
        writer.reset()
        writer.beginObject()
        writer.field("type", "summary")
        writer.field("source", source)
        writer.field("interactions", c.interactions)
        writer.field("embedded", c.embedded)
        writer.field("embedding_failures", observer.embeddingFailures)
        writer.field("novel", c.novel)
        writer.field("windows", monitor.windowsClosed)
        writer.field("window", "\(monitor.settings.window)")
        writer.field("false_alarm_every", "\(monitor.settings.falseAlarms)")
        writer.field("alerts_fired", monitor.firedCount)
        writer.key("firing")
        writer.beginArray()
        for key in monitor.alerts.firing { writer.string(key) }
        writer.endArray()
        writer.key("slices")
        writer.beginArray()
        for i in monitor.reference.sliceIDs.indices {
            writer.beginObject()
            writer.field("id", monitor.reference.sliceIDs[i])
            writer.field("count", c.sliceCounts[i])
            writer.field("baseline_count", monitor.reference.sliceCounts[i])
            writer.field("eval_items", monitor.reference.evalItems[i])
            writer.quality(c, row: i, evalGraded: monitor.reference.evalGraded[i], evalPasses: monitor.reference.evalPasses[i])
            writer.key("samples_needed")
            if let n = samplesNeeded(slice: i) { writer.int(n) } else { writer.null() }
            writer.endObject()
        }
        writer.endArray()
        writer.quality(c, row: c.allIndex)
        writer.expectedQuality(monitor.evaluator.expectedQuality(c))
        writer.field("graded", gradedCount)
        writer.field("grading_failures", gradingFailures)
        writer.key("seconds")
        writer.double(seconds, decimals: 3)
        writer.key("embedding_seconds")
        writer.double(observer.embeddingSeconds, decimals: 3)
        writer.endObject()
        writer.newline()
        write(String(decoding: writer.bytes, as: UTF8.self))
    }
}
