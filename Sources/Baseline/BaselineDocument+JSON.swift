// BaselineDocument+JSON: the baseline file format. Written with JSONWriter; read back with a validating
// reader that says exactly which field is wrong, and refuses other formats or versions.

import JSON
import Slicing

extension BaselineDocument {
    /// The baseline as a JSON document (pretty enough to diff: one slice per line is not attempted).
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("format", Self.format)
        w.key("embedder")
        w.beginObject()
        w.field("kind", embedder.kind)
        w.field("identifier", embedder.identifier)
        w.field("dimension", embedder.dimension)
        if let d = embedder.hashedFeatureDimension { w.field("feature_dimension", d) }
        if let s = embedder.hashedSeed { w.field("seed", s) }
        if let n = embedder.documentCount { w.field("document_count", n) }
        if let url = embedder.endpointURL { w.field("url", url) }
        if let model = embedder.endpointModel { w.field("model", model) }
        if let df = embedder.documentFrequencies {
            w.key("document_frequencies")
            w.beginArray()
            for (bucket, count) in df {
                w.int(bucket)
                w.int(count)
            }
            w.endArray()
        }
        w.endObject()
        w.key("novelty")
        w.beginObject()
        w.key("threshold")
        w.double(Double(novelty.threshold), decimals: 6)
        w.key("expected_rate")
        w.double(novelty.expectedRate, decimals: 6)
        w.key("quantile")
        w.double(noveltyQuantile, decimals: 4)
        w.field("held_out", novelty.heldOut)
        w.field("folds", novelty.folds)
        w.endObject()
        w.key("quality")
        Self.write(quality, into: &w)
        if let n = referenceInputs {
            w.key("reference")
            w.beginObject()
            w.field("inputs", n)
            w.key("novel_share")
            w.double(referenceNovelShare ?? 0, decimals: 6)
            if let sketch = referenceDescriptors {
                w.key("descriptors")
                Self.write(sketch, into: &w)
            }
            if let operations = referenceOperations {
                w.key("operations")
                Self.write(operations, into: &w)
            }
            w.endObject()
        }
        w.key("slices")
        w.beginArray()
        for s in slices {
            w.beginObject()
            w.field("id", s.id)
            w.field("label", s.label)
            w.key("top_terms")
            w.beginArray()
            for t in s.topTerms { w.string(t) }
            w.endArray()
            if let tag = s.majorityTag { w.field("majority_tag", tag) }
            if let share = s.majorityTagShare {
                w.key("majority_tag_share")
                w.double(share, decimals: 4)
            }
            w.field("eval_items", s.evalItems)
            w.key("share")
            w.double(s.share, decimals: 6)
            if let r = s.referenceShare {
                w.key("reference_share")
                w.double(r, decimals: 6)
            }
            if let operations = s.referenceOperations {
                w.key("reference_operations")
                Self.write(operations, into: &w)
            }
            w.key("quality")
            Self.write(s.quality, into: &w)
            w.key("examples")
            w.beginArray()
            for e in s.examples { w.string(e) }
            w.endArray()
            w.key("centroid")
            w.beginArray()
            for x in s.centroid { w.double(Double(x), decimals: 6) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("descriptors")
        Self.write(descriptors, into: &w)
        w.key("provenance")
        w.beginObject()
        w.field("eval_set_sha256", provenance.evalSetSHA256)
        w.field("eval_items", provenance.evalItems)
        w.field("skipped_lines", provenance.skippedLines)
        w.field("created_at", provenance.createdAt)
        w.field("tool", provenance.tool)
        if let k = provenance.kSelection { w.field("k_selection", k) }
        w.endObject()
        w.endObject()
    }

    private static func write(_ sketch: DescriptorSketch, into w: inout JSONWriter) {
        w.beginObject()
        w.field("count", sketch.count)
        for (field, histogram) in sketch.histograms.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            w.key("\(field)")
            w.beginObject()
            w.key("lower_edges")
            w.beginArray()
            for e in histogram.lowerEdges { w.int(e) }
            w.endArray()
            w.key("counts")
            w.beginArray()
            for c in histogram.counts { w.int(c) }
            w.endArray()
            w.endObject()
        }
        for (field, counts) in sketch.categories.sorted(by: { "\($0.key)" < "\($1.key)" }) {
            w.key("\(field)")
            w.beginObject()
            for (category, n) in counts.counts.sorted(by: { $0.key < $1.key }) { w.field(category, n) }
            w.endObject()
        }
        w.endObject()
    }

    private static func write(_ o: OperationalProfile, into w: inout JSONWriter) {
        w.beginObject()
        w.field("interactions", o.interactions)
        w.field("errors", o.errors)
        w.key("latency_ms")
        w.beginArray()
        for (edge, count) in o.latencyBins {
            w.beginArray()
            w.int(edge)
            w.int(count)
            w.endArray()
        }
        w.endArray()
        w.endObject()
    }

    private static func write(_ q: QualitySummary, into w: inout JSONWriter) {
        w.beginObject()
        w.field("graded", q.graded)
        w.field("passes", q.passes)
        if let rate = q.interval.proportion {
            w.key("pass_rate")
            w.double(rate, decimals: 4)
            w.key("wilson_lower")
            w.double(q.interval.lower, decimals: 4)
            w.key("wilson_upper")
            w.double(q.interval.upper, decimals: 4)
        }
        w.field("scored", q.scored)
        if let mean = q.meanScore {
            w.key("mean_score")
            w.double(mean, decimals: 4)
        }
        w.endObject()
    }
}
