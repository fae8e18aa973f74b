// ExportFormat: the files an export writes, one JSON line per item — slicewatch's eval-set JSONL (reads back with
// `baseline build`), the OpenAI evals dataset shape (`input` chat messages, `ideal`) and Inspect's (`input`,
// `target`, `id`, `metadata`). Every format carries the same metadata: slice, reasons, time, model, checks.

import Foundation
import JSON

/// An export file format.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    case slicewatch
    case openaiEvals = "openai-evals"
    case inspect

    /// The item as one JSON line (no newline). `labels` names the baseline's slices.
    public func line(_ item: ExportItem, labels: [String: String]) -> String {
        let c = item.candidate
        var w = JSONWriter(reserving: 256 + c.input.utf8.count + (c.output?.utf8.count ?? 0))
        w.beginObject()
        switch self {
        case .slicewatch:
            w.field("id", "live-\(c.id)")
            w.field("input", c.input)
            if let output = c.output { w.field("output", output) }
            w.key("tags")
            w.beginObject()
            if let slice = c.slice { w.field("slice", slice) }
            if let label = c.slice.flatMap({ labels[$0] }) { w.field("slice_label", label) }
            if let new = item.newSlice { w.field("new_slice", new) }
            if let label = item.newSliceLabel { w.field("new_slice_label", label) }
            w.field("reason", item.reasons.first?.rawValue ?? "")
            w.endObject()
        case .openaiEvals:
            w.key("input")
            w.beginArray()
            w.beginObject()
            w.field("role", "user")
            w.field("content", c.input)
            w.endObject()
            w.endArray()
            // The live answer, to be reviewed before the item is used as the ideal one.
            w.field("ideal", c.output ?? "")
        case .inspect:
            w.field("id", "live-\(c.id)")
            w.field("input", c.input)
            // The live answer, to be reviewed before it is used as the target.
            w.field("target", c.output ?? "")
        }
        w.key("metadata")
        Self.metadata(item, labels: labels, into: &w)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private static func metadata(_ item: ExportItem, labels: [String: String], into w: inout JSONWriter) {
        let c = item.candidate
        w.beginObject()
        w.field("source", "slicewatch export")
        w.field("interaction_id", c.id)
        w.key("slice")
        if let slice = c.slice { w.string(slice) } else { w.null() }
        if let label = c.slice.flatMap({ labels[$0] }) { w.field("slice_label", label) }
        if let new = item.newSlice { w.field("new_slice", new) }
        if let label = item.newSliceLabel { w.field("new_slice_label", label) }
        w.key("reasons")
        w.beginArray()
        for r in item.reasons { w.string(r.rawValue) }
        w.endArray()
        if let time = c.time {
            w.field("time", ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(time) / 1e9)))
        }
        if let window = c.window { w.field("window", window) }
        if let model = c.model { w.field("model", model) }
        w.field("api", c.api)
        if let status = c.status { w.field("status", status) }
        if let latency = c.latency {
            w.key("latency_ms")
            w.double(latency * 1000, decimals: 1)
        }
        w.key("failed_checks")
        w.beginArray()
        for check in c.failedChecks { w.string(check) }
        w.endArray()
        w.field("answer_is_live", true)
        w.endObject()
    }
}
