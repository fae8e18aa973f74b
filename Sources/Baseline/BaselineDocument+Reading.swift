// BaselineDocument+Reading: loads a baseline file and validates it — format and version, embedder, every
// slice and its centroid's dimension, novelty calibration — naming the field that is wrong.

import Foundation
import JSON
import Slicing

/// A baseline file that cannot be used.
public struct BaselineFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension BaselineDocument {
    /// Reads and validates the baseline at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineFileError("\(path): cannot read the file")
        }
        let value: JSONValue
        do {
            value = try JSONParser().parse([UInt8](data))
        } catch {
            throw BaselineFileError("\(path): not JSON: \(error)")
        }
        do {
            try self.init(json: value)
        } catch let e as BaselineFileError {
            throw BaselineFileError("\(path): \(e.message)")
        }
    }

    /// Reads and validates a parsed baseline document.
    public init(json: JSONValue) throws {
        guard let o = json.object else { throw BaselineFileError("expected a JSON object") }
        let format = o["format"]?.string
        guard format == Self.format else {
            throw BaselineFileError(
                "\"format\" is \(format.map { "\"\($0)\"" } ?? "missing"); this slicewatch reads \"\(Self.format)\"")
        }
        let e = try Self.object(o, "embedder")
        var embedder = EmbedderInfo(
            kind: try Self.string(e, "embedder.kind"), identifier: try Self.string(e, "embedder.identifier"),
            dimension: try Self.int(e, "embedder.dimension"))
        guard ["minilm", "hashed-ngrams", "openai-compatible"].contains(embedder.kind) else {
            throw BaselineFileError(
                "\"embedder.kind\" is \"\(embedder.kind)\"; known: minilm, hashed-ngrams, openai-compatible")
        }
        guard embedder.dimension > 0 else { throw BaselineFileError("\"embedder.dimension\" must be positive") }
        if embedder.kind == "hashed-ngrams" {
            embedder.hashedFeatureDimension = try Self.int(e, "embedder.feature_dimension")
            embedder.hashedSeed = UInt64(try Self.int(e, "embedder.seed"))
            embedder.documentCount = try Self.int(e, "embedder.document_count")
            let flat = e["document_frequencies"]?.array ?? []
            guard flat.count % 2 == 0, flat.allSatisfy({ $0.int != nil }) else {
                throw BaselineFileError("\"embedder.document_frequencies\": expected pairs of integers")
            }
            embedder.documentFrequencies = stride(from: 0, to: flat.count, by: 2).map {
                (Int32(clamping: flat[$0].int!), Int32(clamping: flat[$0 + 1].int!))
            }
        }
        if embedder.kind == "openai-compatible" {
            embedder.endpointURL = try Self.string(e, "embedder.url")
            embedder.endpointModel = try Self.string(e, "embedder.model")
        }
        let n = try Self.object(o, "novelty")
        let novelty = NoveltyCalibration(
            threshold: Float(try Self.double(n, "novelty.threshold")),
            expectedRate: try Self.double(n, "novelty.expected_rate"), heldOut: try Self.int(n, "novelty.held_out"),
            folds: try Self.int(n, "novelty.folds"))
        guard let sliceValues = o["slices"]?.array, !sliceValues.isEmpty else {
            throw BaselineFileError("\"slices\": expected a non-empty array")
        }
        var slices: [SliceSummary] = []
        for (i, value) in sliceValues.enumerated() {
            guard let s = value.object else { throw BaselineFileError("\"slices[\(i)]\": expected an object") }
            let p = "slices[\(i)]."
            let centroid = (s["centroid"]?.array ?? []).compactMap { $0.double.map(Float.init) }
            guard centroid.count == embedder.dimension else {
                throw BaselineFileError(
                    "\"\(p)centroid\" has \(centroid.count) numbers; the embedder's dimension is \(embedder.dimension)")
            }
            slices.append(
                SliceSummary(
                    id: try Self.string(s, p + "id"), label: try Self.string(s, p + "label"),
                    topTerms: (s["top_terms"]?.array ?? []).compactMap(\.string), majorityTag: s["majority_tag"]?.string,
                    majorityTagShare: s["majority_tag_share"]?.double, evalItems: try Self.int(s, p + "eval_items"),
                    share: try Self.double(s, p + "share"), quality: try Self.quality(s, p + "quality"),
                    examples: (s["examples"]?.array ?? []).compactMap(\.string), centroid: centroid))
            slices[slices.count - 1].referenceShare = s["reference_share"]?.double
            if s["reference_operations"] != nil {
                slices[slices.count - 1].referenceOperations = try Self.operations(s, p + "reference_operations")
            }
        }
        let ids = slices.map(\.id)
        guard Set(ids).count == ids.count else { throw BaselineFileError("\"slices\": slice ids repeat") }
        let pv = try Self.object(o, "provenance")
        self.init(
            embedder: embedder, slices: slices, novelty: novelty,
            noveltyQuantile: n["quantile"]?.double ?? 0.95, descriptors: try Self.descriptors(o, "descriptors"),
            quality: try Self.quality(o, "quality"),
            provenance: Provenance(
                evalSetSHA256: try Self.string(pv, "provenance.eval_set_sha256"),
                evalItems: try Self.int(pv, "provenance.eval_items"), skippedLines: pv["skipped_lines"]?.int ?? 0,
                createdAt: try Self.string(pv, "provenance.created_at"), tool: pv["tool"]?.string ?? ""))
        provenance.kSelection = pv["k_selection"]?.string
        if let reference = o["reference"]?.object {
            referenceInputs = try Self.int(reference, "reference.inputs")
            referenceNovelShare = try Self.double(reference, "reference.novel_share")
            if reference["descriptors"] != nil { referenceDescriptors = try Self.descriptors(reference, "reference.descriptors") }
            if reference["operations"] != nil { referenceOperations = try Self.operations(reference, "reference.operations") }
        }
    }

    /// The descriptor reference distributions; bins must be the ones this slicewatch uses.
    private static func descriptors(_ o: JSONObject, _ path: String) throws -> DescriptorSketch {
        let d = try object(o, path)
        var bins: [NumericDescriptor: [Int]] = [:]
        for field in NumericDescriptor.allCases {
            guard let h = d[field.rawValue]?.object else { continue }
            let edges = (h["lower_edges"]?.array ?? []).compactMap(\.int)
            guard edges == field.emptyHistogram().lowerEdges else {
                throw BaselineFileError("\"\(path).\(field.rawValue).lower_edges\" differ from this slicewatch's bins")
            }
            let counts = (h["counts"]?.array ?? []).compactMap(\.int)
            guard counts.count == edges.count else {
                throw BaselineFileError("\"\(path).\(field.rawValue).counts\" must have one count per bin")
            }
            bins[field] = counts
        }
        var categories: [CategoricalDescriptor: [String: Int]] = [:]
        for field in CategoricalDescriptor.allCases {
            guard let c = d[field.rawValue]?.object else { continue }
            var counts: [String: Int] = [:]
            for (key, value) in c {
                guard let n = value.int, n >= 0 else {
                    throw BaselineFileError("\"\(path).\(field.rawValue).\(key)\": expected a count")
                }
                counts[key] = n
            }
            categories[field] = counts
        }
        return DescriptorSketch(count: try int(d, "\(path).count"), binCounts: bins, categoryCounts: categories)
    }

    /// Errors and latency of reference traffic: latency as [lower edge, count] pairs on this slicewatch's bins.
    private static func operations(_ o: JSONObject, _ path: String) throws -> OperationalProfile {
        let d = try object(o, path)
        guard let pairs = d["latency_ms"]?.array else { throw BaselineFileError("\"\(path).latency_ms\": expected an array") }
        var bins: [(lowerEdge: Int, count: Int)] = []
        for (i, pair) in pairs.enumerated() {
            guard let p = pair.array, p.count == 2, let edge = p[0].int, let count = p[1].int else {
                throw BaselineFileError("\"\(path).latency_ms[\(i)]\": expected [lower edge, count]")
            }
            bins.append((edge, count))
        }
        return try OperationalProfile(
            interactions: try int(d, path + ".interactions"), errors: try int(d, path + ".errors"), latencyCounts: bins,
            path: path)
    }

    // MARK: field access naming the field

    private static func leaf(_ path: String) -> String { String(path.split(separator: ".").last ?? Substring(path)) }

    private static func object(_ o: JSONObject, _ path: String) throws -> JSONObject {
        guard let v = o[leaf(path)]?.object else { throw BaselineFileError("\"\(path)\": expected an object") }
        return v
    }

    private static func string(_ o: JSONObject, _ path: String) throws -> String {
        guard let v = o[leaf(path)]?.string else { throw BaselineFileError("\"\(path)\": expected a string") }
        return v
    }

    private static func int(_ o: JSONObject, _ path: String) throws -> Int {
        guard let v = o[leaf(path)]?.int else { throw BaselineFileError("\"\(path)\": expected an integer") }
        return v
    }

    private static func double(_ o: JSONObject, _ path: String) throws -> Double {
        guard let v = o[leaf(path)]?.double else { throw BaselineFileError("\"\(path)\": expected a number") }
        return v
    }

    private static func quality(_ o: JSONObject, _ path: String) throws -> QualitySummary {
        let q = try object(o, path)
        return QualitySummary(
            graded: try int(q, path + ".graded"), passes: try int(q, path + ".passes"),
            meanScore: q["mean_score"]?.double, scored: q["scored"]?.int ?? 0)
    }
}
