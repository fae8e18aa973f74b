// FindingColumns: how a Finding is spread over SQL columns (full precision, so a restored alert carries exactly
// its evidence) and read back, plus the finding's JSON object served by the admin API.

import Drift
import Foundation
import GRDB
import JSON

enum FindingColumns {
    /// Column names, in the order of `values(_:)`.
    static let names = [
        "test", "slice", "descriptor", "statistic", "value", "baseline_value", "sample_size", "p_value", "z",
        "effect_name", "effect", "floor", "insufficient_data", "examples", "triggered_by", "alpha", "cusum",
        "cusum_threshold",
    ]

    /// The column values of `f` (non-finite numbers become NULL; examples a JSON array).
    static func values(_ f: Finding, writer w: inout JSONWriter) -> [(any DatabaseValueConvertible)?] {
        let r = f.result
        w.reset()
        w.beginArray()
        for e in r.examples { w.string(e) }
        w.endArray()
        return [
            r.test.rawValue, r.slice, r.descriptor, r.statistic, finite(r.value), finite(r.baselineValue), r.sampleSize,
            finite(r.pValue), finite(r.z), r.effectName, finite(r.effect), finite(r.floor), r.insufficientData,
            text(w), f.trigger, finite(f.alpha), finite(f.cusum), finite(f.cusumThreshold),
        ]
    }

    /// Reads a finding back from a row holding `names` (NULL numbers read as NaN, or nil where optional).
    static func finding(_ row: Row) throws -> Finding {
        let testName: String = row["test"]
        guard let test = DriftTest(rawValue: testName) else { throw DecodingProblem("unknown test \"\(testName)\"") }
        var examples: [String] = []
        let examplesText: String = row["examples"]
        if let array = try JSONParser().parse(examplesText).array { examples = array.compactMap(\.string) }
        let result = TestResult(
            test: test, slice: row["slice"], descriptor: row["descriptor"], statistic: row["statistic"],
            value: row["value"] ?? .nan, baselineValue: row["baseline_value"], sampleSize: row["sample_size"],
            pValue: row["p_value"], z: row["z"], effectName: row["effect_name"], effect: row["effect"] ?? .nan,
            floor: row["floor"] ?? .nan, insufficientData: row["insufficient_data"], examples: examples)
        return Finding(
            result: result, trigger: row["triggered_by"], alpha: row["alpha"] ?? .nan, cusum: row["cusum"] ?? .nan,
            cusumThreshold: row["cusum_threshold"] ?? .nan)
    }

    /// The finding as one JSON object: the alert line's fields (without state), plus window and time.
    static func json(
        _ f: Finding, window: Int, time: Int64?, labels: [String: String], writer w: inout JSONWriter
    ) -> String {
        let r = f.result
        w.reset()
        w.beginObject()
        w.field("type", "finding")
        w.field("key", r.key)
        w.field("window", window)
        w.key("time")
        if let time { w.raw("\(Double(time) / 1e9)".utf8) } else { w.null() }
        w.field("test", r.test.rawValue)
        optional(&w, "slice", r.slice)
        if let slice = r.slice, let label = labels[slice] { w.field("slice_label", label) }
        optional(&w, "descriptor", r.descriptor)
        w.field("statistic", r.statistic)
        number(&w, "value", r.value)
        number(&w, "baseline_value", r.baselineValue)
        w.field("sample_size", r.sampleSize)
        number(&w, "p_value", r.pValue)
        w.key("effect")
        w.beginObject()
        w.field("name", r.effectName)
        number(&w, "value", r.effect)
        number(&w, "floor", r.floor)
        w.endObject()
        w.field("trigger", f.trigger)
        w.key("threshold")
        w.beginObject()
        number(&w, "alpha", f.alpha)
        number(&w, "cusum", f.cusumThreshold)
        w.endObject()
        number(&w, "cusum", f.cusum)
        w.key("examples")
        w.beginArray()
        for e in r.examples { w.string(e) }
        w.endArray()
        w.field("summary", r.sentence(labels: labels))
        w.endObject()
        return text(w)
    }

    private static func finite(_ v: Double?) -> Double? {
        guard let v, v.isFinite else { return nil }
        return v
    }

    private static func optional(_ w: inout JSONWriter, _ key: String, _ v: String?) {
        w.key(key)
        if let v { w.string(v) } else { w.null() }
    }

    /// A number at full precision (Swift's shortest round-trip form), null when absent or not finite.
    private static func number(_ w: inout JSONWriter, _ key: String, _ v: Double?) {
        w.key(key)
        if let v, v.isFinite { w.raw("\(v)".utf8) } else { w.null() }
    }
}

/// The text a JSONWriter holds.
func text(_ w: borrowing JSONWriter) -> String {
    w.withBytes { String(decoding: $0, as: UTF8.self) }
}

/// A stored value this binary cannot read back.
struct DecodingProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
