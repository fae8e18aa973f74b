// DriftReport+JSON: the JSON-lines output of drift detection — one `window` line per evaluated window, one
// `alert` line per alert state change (the alert event schema documented in the README), one `summary` line.

import Baseline
import Exchange
import JSON
import Quality
import Slicing
import Wire

extension LogHistogram {
    /// The histogram read as a distribution for quantile estimates (nil when empty).
    public var quantiles: BinnedQuantiles? {
        guard total > 0 else { return nil }
        return try? BinnedQuantiles(lowerEdges: lowerEdges.map(Double.init), counts: counts)
    }

    /// p50/p95/p99 estimates, nil when empty.
    public var tailQuantiles: (p50: Double, p95: Double, p99: Double)? {
        guard let q = quantiles, let p50 = q.quantile(0.5), let p95 = q.quantile(0.95), let p99 = q.quantile(0.99)
        else { return nil }
        return (p50, p95, p99)
    }
}

extension WindowProfile {
    /// p50/p95/p99 of a latency row (milliseconds), nil when empty.
    public func latencyQuantiles(_ row: Int) -> (p50: Double, p95: Double, p99: Double)? { latency[row].tailQuantiles }
}

extension JSONWriter {
    public mutating func number(_ k: String, _ v: Double?, decimals: Int = 6) {
        key(k)
        if let v, v.isFinite { double(v, decimals: decimals) } else { null() }
    }

    public mutating func time(_ k: String, _ ns: Int64?) {
        key(k)
        if let ns { timestamp(Timestamp(nanoseconds: ns)) } else { null() }
    }

    public mutating func strings(_ k: String, _ values: [String]) {
        key(k)
        beginArray()
        for v in values { string(v) }
        endArray()
    }

    /// The reference traffic's error rate and latency quantiles next to a row's live ones (nothing without them).
    mutating func referenceOperations(_ o: OperationalProfile?) {
        guard let o else { return }
        number("reference_error_rate", o.interactions > 0 ? Double(o.errors) / Double(o.interactions) : nil)
        latency("reference_latency_ms", o.latency.tailQuantiles)
    }

    public mutating func latency(_ k: String, _ q: (p50: Double, p95: Double, p99: Double)?) {
        key(k)
        guard let q else { return null() }
        beginObject()
        number("p50", q.p50, decimals: 1)
        number("p95", q.p95, decimals: 1)
        number("p99", q.p99, decimals: 1)
        endObject()
    }
}

/// A p-value printed readably: small ones in scientific notation.
func formatP(_ p: Double) -> String { p < 0.001 ? String(format: "%.1e", p) : String(format: "%.3f", p) }

extension TestResult {
    /// One line a person can read: what moved, by how much, on how many, how sure.
    public func sentence(labels: [String: String]) -> String {
        let subject: String
        switch test {
        case .sliceMix: subject = "slice mix moved" + (slice.map { ", most into \($0) (\(labels[$0] ?? ""))" } ?? "")
        case .sliceShare: subject = "slice \(slice ?? "") (\(labels[slice ?? ""] ?? "")) grew"
        case .novelty: subject = "novel inputs rose"
        case .descriptor, .descriptorCategories: subject = "descriptor \(descriptor ?? "") moved"
        case .quality: subject = "slice \(slice ?? "") (\(labels[slice ?? ""] ?? "")) answers got worse: pass rate"
        case .errorRate: subject = (slice.map { "slice \($0) (\(labels[$0] ?? ""))" } ?? "all traffic") + " errors rose"
        case .latencyP95, .latencyP99:
            subject = (slice.map { "slice \($0) (\(labels[$0] ?? ""))" } ?? "all traffic") + " got slower: "
                + (test == .latencyP95 ? "p95" : "p99")
        }
        var parts = [subject]
        switch test {
        case .descriptor:
            parts.append(String(format: "median %.0f vs %.0f", value, baselineValue ?? 0))
        case .latencyP95, .latencyP99:
            parts.append(String(format: "%.0f ms vs %.0f ms reference", value, baselineValue ?? 0))
        default:
            parts.append(String(format: "%.1f%% vs %.1f%% baseline", value * 100, (baselineValue ?? 0) * 100))
        }
        parts.append("n=\(sampleSize)")
        if let pValue { parts.append("p=\(formatP(pValue))") }
        parts.append(String(format: "%@ %.3g (floor %.3g)", effectName, effect, floor))
        return parts.joined(separator: ", ")
    }

    /// The result's fields, into an object the caller has begun.
    public func writeJSON(into w: inout JSONWriter) {
        w.field("test", test.rawValue)
        w.key("slice")
        if let slice { w.string(slice) } else { w.null() }
        w.key("descriptor")
        if let descriptor { w.string(descriptor) } else { w.null() }
        w.field("statistic", statistic)
        w.number("value", value)
        w.number("baseline_value", baselineValue)
        w.field("sample_size", sampleSize)
        w.key("p_value")
        if let pValue { w.raw(formatP(pValue).utf8) } else { w.null() }
        w.key("effect")
        w.beginObject()
        w.field("name", effectName)
        w.number("value", effect)
        w.number("floor", floor)
        w.endObject()
        if let insufficientData { w.field("insufficient_data", insufficientData) }
    }
}

extension JSONWriter {
    /// A `quality` object of one profile row: scored and passed, failed checks by name, repeats and flips.
    public mutating func quality(_ p: WindowProfile, row: Int, evalGraded: Int? = nil, evalPasses: Int? = nil) {
        key("quality")
        beginObject()
        field("scored", p.scored[row])
        number("pass_rate", p.scored[row] > 0 ? Double(p.passes[row]) / Double(p.scored[row]) : nil)
        if let evalGraded, let evalPasses {
            field("eval_graded", evalGraded)
            number("eval_pass_rate", evalGraded > 0 ? Double(evalPasses) / Double(evalGraded) : nil)
        }
        key("failed_checks")
        beginObject()
        for c in QualityCheck.allCases where p.checkFailures[row][c.index] > 0 { field(c.rawValue, p.checkFailures[row][c.index]) }
        endObject()
        field("repeats", p.repeats[row])
        field("flips", p.flips[row])
        endObject()
    }

    /// The `expected_quality` object (null when no graded slice had traffic).
    public mutating func expectedQuality(_ q: ExpectedQuality?) {
        key("expected_quality")
        guard let q else { return null() }
        beginObject()
        number("expected", q.expected, decimals: 4)
        number("low", q.low, decimals: 4)
        number("high", q.high, decimals: 4)
        number("baseline", q.baseline, decimals: 4)
        number("observed", q.observed, decimals: 4)
        number("mix_effect", q.mixEffect, decimals: 4)
        number("slice_effect", q.sliceEffect, decimals: 4)
        field("interactions", q.liveInteractions)
        endObject()
    }
}

extension WindowReport {
    /// The `window` line.
    public func writeJSON(into w: inout JSONWriter, reference: BaselineReference) {
        let p = profile
        w.beginObject()
        w.field("type", "window")
        w.field("window", index)
        w.field("partial", partial)
        w.field("first_interaction", firstInteraction)
        w.field("interactions", p.interactions)
        w.field("embedded", p.embedded)
        w.time("start", p.firstTime)
        w.time("end", p.lastTime)
        w.key("novel")
        w.beginObject()
        w.field("count", p.novel)
        w.number("rate", p.embedded > 0 ? Double(p.novel) / Double(p.embedded) : nil)
        w.number("expected_rate", reference.expectedNovelRate)
        w.strings("examples", p.examples[p.novelIndex])
        w.endObject()
        w.latency("latency_ms", p.latencyQuantiles(p.allIndex))
        w.field("errors", p.errors[p.allIndex])
        w.referenceOperations(reference.operations.last)
        w.quality(p, row: p.allIndex)
        w.expectedQuality(expectedQuality)
        let inDistribution = max(1, p.sliceCounts.reduce(0, +))
        w.key("slices")
        w.beginArray()
        for i in reference.sliceIDs.indices {
            w.beginObject()
            w.field("id", reference.sliceIDs[i])
            w.field("label", reference.sliceLabels[i])
            w.field("count", p.sliceCounts[i])
            w.number("share", Double(p.sliceCounts[i]) / Double(inDistribution))
            w.number("baseline_share", Double(reference.sliceCounts[i]) / Double(max(1, reference.sliceTotal)))
            w.field("eval_items", reference.evalItems[i])
            w.latency("latency_ms", p.latencyQuantiles(i))
            w.field("errors", p.errors[i])
            w.referenceOperations(reference.operations.isEmpty ? nil : reference.operations[i])
            w.quality(p, row: i, evalGraded: reference.evalGraded[i], evalPasses: reference.evalPasses[i])
            w.endObject()
        }
        w.endArray()
        w.key("thresholds")
        w.beginObject()
        w.key("alpha")
        w.raw(formatP(alpha).utf8)
        w.number("cusum", cusumThreshold, decimals: 3)
        w.number("windows_between_false_alarms", windowsBetweenFalseAlarms, decimals: 0)
        w.endObject()
        w.key("tests")
        w.beginArray()
        for r in results {
            w.beginObject()
            w.field("key", r.key)
            r.writeJSON(into: &w)
            w.number("cusum", cusum[r.key], decimals: 3)
            w.endObject()
        }
        w.endArray()
        w.strings("findings", findings.map(\.result.key))
        w.endObject()
    }
}

extension AlertEvent {
    /// The `alert` line (schema in the README).
    public func writeJSON(into w: inout JSONWriter, labels: [String: String]) {
        let r = finding.result
        w.beginObject()
        w.field("type", "alert")
        w.field("state", state.rawValue)
        w.field("key", key)
        w.field("window", window)
        w.field("since_window", since)
        w.field("interaction_index", interactionIndex)
        w.time("time", time)
        if let slice = r.slice, let label = labels[slice] { w.field("slice_label", label) }
        r.writeJSON(into: &w)
        w.field("trigger", finding.trigger)
        w.key("threshold")
        w.beginObject()
        w.key("alpha")
        w.raw(formatP(finding.alpha).utf8)
        w.number("cusum", finding.cusumThreshold, decimals: 3)
        w.endObject()
        w.number("cusum", finding.cusum, decimals: 3)
        w.strings("examples", r.examples)
        w.field("summary", r.sentence(labels: labels))
        w.endObject()
    }
}
