// BaselineBuilderTests: a baseline from a small eval set of three topics — slices found, labelled and
// scored, novelty calibrated, the file round-trips, and impossible builds say what would work.

import Baseline
import Embedding
import Foundation
import JSON
import Slicing
import Testing

// Each topic's texts share its vocabulary, as a real intent's phrasings do.
private let topics: [(String, [String], Double)] = [
    ("travel", ["book a flight trip to paris", "find a hotel for my trip to rome", "cheapest flight trip to tokyo",
                "reserve a hotel room for my trip", "cancel my flight for the trip", "change my hotel booking for the trip"], 0.9),
    ("banking", ["what is my bank account balance", "transfer money from my bank account", "freeze my bank card",
                 "show recent bank card transactions", "report a lost bank card", "pay the bank card bill"], 0.6),
    ("cooking", ["a recipe to boil an egg for dinner", "recipe for pancakes for breakfast", "cook rice and beans recipe for dinner",
                 "recipe to roast a chicken for dinner", "baking recipe without butter", "quick pasta recipe for dinner"], 0.3),
]

private let variants = ["%@", "%@ please", "can you %@", "i want to %@ now"]

private func evalSet(copies: Int = 4) -> [EvalItem] {
    var items: [EvalItem] = []
    for (topic, texts, passRate) in topics {
        for copy in 0..<copies {
            for (i, text) in texts.enumerated() {
                let n = items.count
                let pass = Double((i + copy * texts.count) % 10) < passRate * 10
                items.append(EvalItem(
                    id: "\(topic)-\(n)", input: variants[copy].replacingOccurrences(of: "%@", with: text), pass: pass,
                    tags: ["domain": topic], line: n + 1))
            }
        }
    }
    return items
}

/// A small deterministic embedder for builder tests: one axis per topic keyword plus a per-text wobble,
/// so the builder's own logic (slices, labels, quality, novelty, file) is what is under test.
private struct KeywordEmbedder: Embedder {
    let keywords = ["trip", "bank", "recipe"]
    var identifier: String { "keywords-test" }
    var dimension: Int { 6 }
    func embed(_ texts: [String]) throws -> [[Float]] {
        texts.map { text in
            var v = [Float](repeating: 0, count: dimension)
            for (axis, word) in keywords.enumerated() where text.contains(word) { v[axis] = 1 }
            let h = text.unicodeScalars.reduce(UInt32(7)) { $0 &* 31 &+ $1.value }
            v[3] = Float(h % 97) / 400
            v[4] = Float(h % 89) / 400
            v[5] = Float(h % 83) / 400
            return normalised(v)
        }
    }
}

private func build(_ items: [EvalItem], k: Int? = 3) throws -> BaselineDocument {
    var builder = BaselineBuilder()
    builder.k = k
    builder.kRange = 2...5
    builder.minimumSliceSize = 8
    let embedder = KeywordEmbedder()
    let info = EmbedderInfo(kind: "minilm", identifier: embedder.identifier, dimension: embedder.dimension)
    let provenance = Provenance(evalSetSHA256: "00", evalItems: items.count, skippedLines: 0, createdAt: "2026-11-23T00:00:00Z", tool: "test")
    return try builder.build(items: items, embedder: embedder, embedderInfo: info, provenance: provenance)
}

@Test func hashedEmbedderInfoRoundTripsItsDocumentFrequencies() throws {
    let texts = evalSet().map(\.input)
    let embedder = HashedNGramEmbedder(fittingOn: texts, dimension: 64)
    let info = EmbedderInfo(hashed: embedder)
    #expect(info.documentCount == texts.count)
    #expect((info.documentFrequencies?.count ?? 0) > 100)
    let vectors = try embedder.embed(["book a flight trip to paris"])
    #expect(vectors.first?.count == 64)
}

@Test func slicesFollowTheTopics() throws {
    let baseline = try build(evalSet())
    #expect(baseline.slices.count == 3)
    #expect(Set(baseline.slices.compactMap(\.majorityTag)) == ["travel", "banking", "cooking"])
    for slice in baseline.slices {
        #expect(slice.majorityTagShare == 1.0, "\(slice.label) mixes topics")
        #expect(slice.evalItems == 24)
        #expect(abs(slice.share - 1.0 / 3) < 1e-9)
        #expect(slice.quality.graded == 24)
        #expect(!slice.topTerms.isEmpty && slice.examples.count == 3)
    }
    let travel = try #require(baseline.slices.first { $0.majorityTag == "travel" })
    let cooking = try #require(baseline.slices.first { $0.majorityTag == "cooking" })
    #expect(travel.quality.interval.proportion! > cooking.quality.interval.proportion!)
    #expect(travel.label.contains("trip") || travel.topTerms.contains("trip"))
    #expect(baseline.novelty.expectedRate > 0 && baseline.novelty.expectedRate <= 0.1)
    #expect(baseline.descriptors.count == 72)
}

@Test func kIsChosenWhenNotGiven() throws {
    let baseline = try build(evalSet(), k: nil)
    #expect(baseline.slices.count >= 2)
    #expect(baseline.slices.allSatisfy { $0.evalItems >= 8 })
}

@Test func theFileRoundTrips() throws {
    let baseline = try build(evalSet())
    var w = JSONWriter()
    baseline.writeJSON(into: &w)
    let back = try BaselineDocument(json: try JSONParser().parse(w.bytes))
    #expect(back.slices.map(\.id) == baseline.slices.map(\.id))
    #expect(back.slices.map(\.label) == baseline.slices.map(\.label))
    #expect(back.slices.map(\.evalItems) == baseline.slices.map(\.evalItems))
    for (a, b) in zip(back.slices, baseline.slices) {
        #expect(zip(a.centroid, b.centroid).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(a.quality == b.quality)
    }
    #expect(abs(back.novelty.threshold - baseline.novelty.threshold) < 1e-5)
    #expect(back.embedder.identifier == baseline.embedder.identifier)
    #expect(back.descriptors == baseline.descriptors)
}

@Test(arguments: [
    (#"{"format":"slicewatch.baseline/2"}"#, "\"format\" is \"slicewatch.baseline/2\""),
    (#"{"format":"slicewatch.baseline/1","embedder":{"kind":"bert","identifier":"x","dimension":3}}"#, "\"embedder.kind\" is \"bert\""),
    (#"{"format":"slicewatch.baseline/1","embedder":{"kind":"minilm","identifier":"x","dimension":3},"novelty":{"threshold":0.5,"expected_rate":0.05,"held_out":10,"folds":5},"slices":[{"id":"s00","label":"a","eval_items":1,"share":1,"quality":{"graded":0,"passes":0},"centroid":[1,0]}]}"#, "\"slices[0].centroid\" has 2 numbers"),
])
func badBaselineFilesSayWhatIsWrong(_ text: String, _ message: String) throws {
    #expect {
        try BaselineDocument(json: try JSONParser().parse(text))
    } throws: { "\($0)".hasPrefix(message) }
}

@Test func impossibleBuildsSayWhatWouldWork() throws {
    #expect { try build(Array(evalSet().prefix(10))) } throws: { "\($0)".contains("needs at least") }
    #expect { try build(evalSet(), k: 20) } throws: { "\($0)".contains("use --k 9 or less") }
}

@Test func referenceTrafficSetsTheExpectedMixAndRoundTrips() throws {
    var baseline = try build(evalSet())
    // Reference traffic: mostly travel, some banking, a few inputs from nowhere.
    let reference = Array(repeating: "cheap flight trip to rome", count: 30) + Array(repeating: "my bank card", count: 10)
        + Array(repeating: "zzzz qqqq", count: 5)
    baseline.applyReference(try KeywordEmbedder().embed(reference))
    let travel = try #require(baseline.slices.first { $0.majorityTag == "travel" })
    let banking = try #require(baseline.slices.first { $0.majorityTag == "banking" })
    #expect(abs((travel.referenceShare ?? 0) - 0.75) < 1e-9)
    #expect(abs((banking.referenceShare ?? 0) - 0.25) < 1e-9)
    #expect(baseline.referenceInputs == 45)
    #expect(abs((baseline.referenceNovelShare ?? 0) - 5.0 / 45) < 1e-9)
    var w = JSONWriter()
    baseline.writeJSON(into: &w)
    let back = try BaselineDocument(json: try JSONParser().parse(w.bytes))
    #expect(back.referenceInputs == 45)
    #expect(back.slices.map(\.referenceShare) == baseline.slices.map { $0.referenceShare.map { (($0 * 1e6).rounded()) / 1e6 } })
}


@Test func referenceCallsRecordErrorsAndLatencyPerSliceAndRoundTrip() throws {
    var baseline = try build(evalSet())
    // Travel calls are slow and sometimes fail; banking calls are quick; the novel ones count only overall.
    let texts = Array(repeating: "cheap flight trip to rome", count: 30) + Array(repeating: "my bank card", count: 10)
        + Array(repeating: "zzzz qqqq", count: 5)
    let calls = texts.indices.map { i in
        i < 30 ? BaselineDocument.ReferenceCall(isError: i % 10 == 0, latencyMilliseconds: 2000 + Double(i))
            : BaselineDocument.ReferenceCall(isError: false, latencyMilliseconds: i < 40 ? 160 : nil)
    }
    baseline.applyReference(try KeywordEmbedder().embed(texts), calls: calls)
    let travel = try #require(baseline.slices.first { $0.majorityTag == "travel" }?.referenceOperations)
    let banking = try #require(baseline.slices.first { $0.majorityTag == "banking" }?.referenceOperations)
    #expect(travel.interactions == 30 && travel.errors == 3 && travel.latency.total == 30)
    #expect(travel.latencyBins.allSatisfy { $0.lowerEdge >= 1600 && $0.lowerEdge <= 2100 })
    #expect(banking.interactions == 10 && banking.errors == 0 && banking.latencyBins.map(\.lowerEdge) == [152])
    let all = try #require(baseline.referenceOperations)
    #expect(all.interactions == 45 && all.errors == 3 && all.latency.total == 40)

    var w = JSONWriter()
    baseline.writeJSON(into: &w)
    let back = try BaselineDocument(json: try JSONParser().parse(w.bytes))
    #expect(back.referenceOperations == baseline.referenceOperations)
    #expect(back.slices.map(\.referenceOperations) == baseline.slices.map(\.referenceOperations))

    // Without calls (inputs only), no operations are recorded.
    baseline.applyReference(try KeywordEmbedder().embed(texts))
    #expect(baseline.referenceOperations == nil && baseline.slices.allSatisfy { $0.referenceOperations == nil })
}

@Test(arguments: [
    (#"{"interactions":5,"errors":6,"latency_ms":[]}"#, "errors must be between 0 and interactions"),
    (#"{"interactions":5,"errors":0,"latency_ms":[[151,1]]}"#, "151 is not a bin edge"),
    (#"{"interactions":5,"errors":0,"latency_ms":[[152,9]]}"#, "counts more latencies than interactions"),
    (#"{"interactions":5,"errors":0,"latency_ms":[152]}"#, "expected [lower edge, count]"),
])
func badReferenceOperationsSayWhatIsWrong(_ operations: String, _ message: String) throws {
    var baseline = try build(evalSet())
    baseline.applyReference(try KeywordEmbedder().embed(["cheap flight trip to rome"]))
    var w = JSONWriter()
    baseline.writeJSON(into: &w)
    let text = String(decoding: w.bytes, as: UTF8.self)
        .replacingOccurrences(of: #""reference":{"#, with: #""reference":{"operations":\#(operations),"#)
    #expect {
        try BaselineDocument(json: try JSONParser().parse(text))
    } throws: { "\($0)".contains("reference.operations") && "\($0)".contains(message) }
}
