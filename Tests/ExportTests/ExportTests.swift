// ExportTests: choosing live inputs for the eval set — reasons and their order, per-slice quotas and the cap,
// duplicates of the eval set and of each other turned away, redaction before anything is written, novel inputs
// grouped into labelled candidate new slices, the three file formats (the eval-set one reads back), and the
// export folder's rotation.

import Baseline
import Export
import Foundation
import JSON
import Redaction
import SliceWatchTesting
import Testing

private func candidate(
    _ id: Int, _ input: String, slice: String?, failed: [String] = [], output: String? = "an answer", time: Int64 = 0
) -> ExportCandidate {
    ExportCandidate(
        id: "i\(id)", input: input, output: output, slice: slice, time: 1_700_000_000_000_000_000 + time * 1_000_000_000,
        model: "gpt-4o-mini", api: "openai.chat", status: failed.contains("error") ? 500 : 200, latency: 0.8,
        failedChecks: failed, window: 3)
}

/// Three slices: s0 as covered live as in the eval set, s1 with three times its eval share live, s2 drifted.
private func coverage() -> SliceCoverage {
    SliceCoverage(
        slices: [
            .init(id: "s0", label: "balance / account", evalItems: 100, baselineShare: 0.5, liveCount: 500),
            .init(id: "s1", label: "card / freeze", evalItems: 50, baselineShare: 0.1, liveCount: 300),
            .init(id: "s2", label: "travel / flight", evalItems: 100, baselineShare: 0.4, liveCount: 200),
        ],
        drifted: ["s2"])
}

/// Distinct inputs about `topic` (no two near-duplicates): three of the words change with `i`.
private func phrase(_ i: Int, _ topic: String) -> String {
    let asks = ["can you check", "i need help with", "tell me about", "what happened to", "quickly explain", "sort out"]
    let whose = ["my", "our", "the family", "my partner's", "the business"]
    let whens = ["today", "before friday", "this morning", "next month", "right now", "after lunch", "tonight"]
    return "\(asks[i % 6]) \(whose[(i / 6) % 5]) \(topic) \(whens[(i * 7 / 3) % 7]) \(["urgently", "please", "if possible", "thanks", "asap"][i % 5])"
}

private let topics = ["gym membership refund", "pet insurance claim", "parking ticket appeal", "wedding venue deposit",
                      "solar panel installation", "violin lesson schedule", "kayak rental price", "tax audit letter"]

@Test func reasonsOrderQuotasAndTheCap() throws {
    var candidates: [ExportCandidate] = []
    for i in 0..<30 { candidates.append(candidate(i, phrase(i, "balance"), slice: "s0")) }
    for i in 30..<60 { candidates.append(candidate(i, phrase(i, "card"), slice: "s1")) }
    for i in 60..<90 { candidates.append(candidate(i, phrase(i, "flight"), slice: "s2")) }
    for i in 90..<98 { candidates.append(candidate(i, "how do i handle my \(topics[i - 90]) issue", slice: "novel")) }
    candidates.append(candidate(98, "what is the balance of my savings right now", slice: "s0", failed: ["refusal"]))
    var settings = ExportSettings()
    settings.perSlice = 5
    settings.maximum = 14
    let selection = ExportSelector(settings: settings, redactor: try Redactor()).select(candidates, coverage: coverage(), existing: [])
    #expect(selection.considered == 99)
    // s0 items carry no reason except the failing one.
    #expect(selection.withoutReason == 30)
    #expect(selection.items.count == 14)
    let bySlice = Dictionary(grouping: selection.items, by: { $0.candidate.slice ?? "" }).mapValues(\.count)
    // The slices fill in preference order — novel, uncovered (s1), failing (s0, one input), drifted (s2) — up to
    // five each, until the cap.
    #expect(bySlice == ["novel": 5, "s1": 5, "s0": 1, "s2": 3], "\(bySlice)")
    #expect(selection.items.first?.reasons == [.novel])
    #expect(selection.items.first { $0.candidate.slice == "s1" }?.reasons == [.uncovered])
    #expect(selection.items.first { $0.candidate.slice == "s0" }?.reasons == [.failing])
    #expect(selection.items.first { $0.candidate.slice == "s2" }?.reasons == [.drifted])

    // Preferring drifted inputs first puts s2 ahead.
    settings.prefer = [.drifted, .novel]
    let drifted = ExportSelector(settings: settings, redactor: try Redactor()).select(candidates, coverage: coverage(), existing: [])
    #expect(drifted.items.first?.candidate.slice == "s2")
    #expect(Set(drifted.items.compactMap(\.candidate.slice)) == ["s2", "novel"])
}

@Test func duplicatesOfTheEvalSetAndOfEachOtherAreTurnedAway() throws {
    let candidates = [
        candidate(1, "How do I get a refund for my gym membership?", slice: "novel"),
        candidate(2, "how do i get a refund for my gym membership", slice: "novel"),  // exact after normalisation
        candidate(3, "My pet insurance claim was denied, what can I do about it now?", slice: "novel"),
        candidate(4, "my pet insurance claim was denied, what can i do about it now please", slice: "novel"),  // near
        candidate(5, "can you help me appeal a parking ticket from yesterday", slice: "novel"),  // in the eval set
        candidate(6, "what documents do I need for a tax audit letter response", slice: "novel"),
    ]
    let existing = ["Can you help me appeal a parking ticket from yesterday?"]
    let selection = ExportSelector(settings: ExportSettings(), redactor: try Redactor())
        .select(candidates, coverage: coverage(), existing: existing)
    #expect(selection.items.map(\.candidate.id).sorted() == ["i1", "i3", "i6"], "\(selection.items.map(\.candidate.input))")
    #expect(selection.duplicatesOfEvalSet == 1)
    #expect(selection.duplicatesChosen == 2)
}

@Test func personalDataIsRedactedBeforeExportAndCounted() throws {
    let candidates = [
        candidate(1, "my email is jane.doe@example.com and my card 4111 1111 1111 1111 was charged twice", slice: "novel",
            output: "I have noted jane.doe@example.com"),
        candidate(2, "call me on +44 20 7946 0958 about the wedding venue deposit", slice: "novel", output: nil),
    ]
    let selection = ExportSelector(settings: ExportSettings(), redactor: try Redactor())
        .select(candidates, coverage: coverage(), existing: [])
    let texts = selection.items.map(\.candidate.input) + selection.items.compactMap(\.candidate.output)
    #expect(!texts.contains { $0.contains("jane.doe") || $0.contains("4111") || $0.contains("7946") })
    #expect(texts.contains { $0.contains("<EMAIL>") && $0.contains("<CARD>") })
    #expect(selection.redactions[.email] == 2 && selection.redactions[.card] == 1 && selection.redactions[.phone] == 1)
}

@Test func novelInputsAreGroupedIntoLabelledCandidateSlices() throws {
    // Two tight groups of novel inputs on two axes, and a stray one.
    let gym = ["cancel my gym membership plan today", "cancel the yearly gym membership for my son",
               "cancel gym membership because I moved away", "cancel my gym contract, the trainer left",
               "cancel membership at the downtown gym", "cancel gym fees charged after I quit"]
    let pets = ["pet insurance for my old dog", "pet insurance that covers cat dental work",
                "pet insurance claim for a broken leg", "pet insurance premiums went up again"]
    let texts = gym + pets + ["zzz"]
    let vectors: [[Float]] = texts.map { (t: String) -> [Float] in
        let v: [Float] = t.hasPrefix("cancel") ? [1, 0.05, 0] : t.hasPrefix("pet") ? [0.05, 1, 0] : [0, 0, 1]
        let n = v.map { $0 * $0 }.reduce(0, +).squareRoot()
        return v.map { $0 / n }
    }
    let grouping = NovelGrouping(texts: texts, vectors: vectors, threshold: 0.3)
    #expect(grouping.sizes == [6, 4, 1])
    #expect(grouping.groups == [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2])
    #expect(grouping.labels[0].contains("gym") && grouping.labels[1].contains("pet"))

    // Through the selector: each candidate new slice is its own stratum with its own quota.
    let candidates = texts.enumerated().map { candidate($0.offset, $0.element, slice: "novel") }
    var settings = ExportSettings()
    settings.perSlice = 3
    let selection = ExportSelector(settings: settings, redactor: try Redactor()).select(
        candidates, coverage: coverage(), existing: [], embed: { batch in batch.map { vectors[texts.firstIndex(of: $0)!] } },
        novelThreshold: 0.3)
    let byNew = Dictionary(grouping: selection.items, by: { $0.newSlice ?? "" }).mapValues(\.count)
    #expect(byNew == ["new-1": 3, "new-2": 3, "new-3": 1])
    #expect(selection.newSlices.map(\.size) == [6, 4, 1])
}

@Test func aNewSliceCrowdingIntoAlertedWindowsIsDrifted() throws {
    // Windows 0-9; the novelty alert holds in 6-9. Gym questions appear only then; pet questions all along.
    let gym = ["cancel my gym membership plan today", "cancel the yearly gym membership for my son",
               "cancel gym membership because I moved away", "cancel my gym contract, the trainer left",
               "cancel membership at the downtown gym", "cancel gym fees charged after I quit"]
    let pets = ["pet insurance for my old dog", "pet insurance that covers cat dental work",
                "pet insurance claim for a broken leg", "pet insurance premiums went up again",
                "pet insurance for a rescue kitten", "pet insurance excess for the vet visit"]
    var candidates: [ExportCandidate] = []
    for (k, text) in gym.enumerated() {
        var c = candidate(k, text, slice: "novel")
        c.window = 6 + k % 4
        candidates.append(c)
    }
    for (k, text) in pets.enumerated() {
        var c = candidate(10 + k, text, slice: "novel")
        c.window = k * 2 % 10
        candidates.append(c)
    }
    // Plenty of ordinary traffic in every window, so that 40% of it falls in the alerted ones.
    for k in 0..<100 {
        var c = candidate(100 + k, phrase(k, "balance"), slice: "s0")
        c.window = k % 10
        candidates.append(c)
    }
    let texts = gym + pets
    let embed: ([String]) -> [[Float]]? = { batch in
        batch.map { texts.firstIndex(of: $0)! < gym.count ? [1, 0] : [0, 1] }
    }
    var cover = coverage()
    cover.drifted = ["novel"]
    cover.driftedWindows = [6, 7, 8, 9]
    var settings = ExportSettings()
    settings.prefer = [.drifted]
    let selection = ExportSelector(settings: settings, redactor: try Redactor())
        .select(candidates, coverage: cover, existing: [], embed: embed, novelThreshold: 0.3)
    #expect(Set(selection.items.map(\.candidate.input)) == Set(gym))
}

@Test func theThreeFormatsCarryTheItemAndTheEvalSetOneReadsBack() throws {
    let item = ExportItem(
        candidate: candidate(7, "how do i get a refund for my gym membership", slice: "novel", failed: ["refusal"]),
        reasons: [.novel, .failing], newSlice: "new-1", newSliceLabel: "gym / membership")
    let labels = ["s0": "balance / account"]
    let lines = ExportFormat.allCases.map { ($0, $0.line(item, labels: labels)) }
    for (format, line) in lines {
        let o = try #require(try JSONParser().parse(line).object, "\(format)")
        let metadata = try #require(o["metadata"]?.object)
        #expect(metadata["reasons"]?.array?.compactMap { $0.string } == ["novel", "failing"])
        #expect(metadata["failed_checks"]?.array?.compactMap { $0.string } == ["refusal"])
        #expect(metadata["new_slice_label"]?.string == "gym / membership")
        #expect(metadata["model"]?.string == "gpt-4o-mini")
        switch format {
        case .slicewatch: #expect(o["input"]?.string == item.candidate.input && o["tags"]?.object?["reason"]?.string == "novel")
        case .openaiEvals:
            #expect(o["input"]?.array?.first?.object?["content"]?.string == item.candidate.input)
            #expect(o["ideal"]?.string == "an answer")
        case .inspect: #expect(o["input"]?.string == item.candidate.input && o["target"]?.string == "an answer")
        }
    }
    let evalLine = lines.first { $0.0 == ExportFormat.slicewatch }!.1
    let (items, skipped) = try EvalSetReader().read(bytes: Array((evalLine + "\n").utf8))
    #expect(skipped.isEmpty && items.count == 1)
    #expect(items[0].input == item.candidate.input && items[0].tags["new_slice"] == "new-1" && items[0].id == "live-i7")
}

@Test func theExportFolderKeepsTheNewestFiles() throws {
    let folder = TemporaryFolder()
    let directory = ExportDirectory(path: folder.path("exports"), keep: 3)
    var paths: [String] = []
    for w in 0..<5 {
        paths.append(try directory.write("{\"input\":\"x\"}\n", key: "slice_share/s0\(w)", window: w, time: 1_700_000_000_000_000_000 + Int64(w) * 60_000_000_000))
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path("exports")).sorted()
    #expect(left.count == 3)
    #expect(left == paths.suffix(3).map { ($0 as NSString).lastPathComponent })
    #expect(paths[4].contains("-w4-slice_share-s04.jsonl"))
    #expect(try String(contentsOfFile: paths[4], encoding: .utf8) == "{\"input\":\"x\"}\n")
}

@Test func preferListsAreValidated() {
    #expect((try? ExportReason.parseList("drifted, novel")) == [.drifted, .novel])
    #expect { try ExportReason.parseList("novel,fresh") } throws: { "\($0)".contains("unknown reason \"fresh\"; allowed: novel, uncovered, failing, drifted") }
    #expect { try ExportReason.parseList(" , ") } throws: { "\($0)".contains("at least one") }
}
