// BaselineCommand: `slicewatch baseline build` (eval set -> baseline file) and `slicewatch baseline show`
// (a readable table of the slices). Thin: reading, embedding and clustering live in Baseline/Slicing.

import ArgumentParser
import Baseline
import Capture
import Digest
import Drift
import Embedding
import Exchange
import Foundation
import JSON
import Quality
import Sidecar
import Slicing

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Build the evaluation baseline from an eval set, or show one.",
        subcommands: [BuildBaseline.self, ShowBaseline.self, EvaluateBaseline.self]
    )
}

struct BuildBaseline: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build a baseline from an eval set (JSONL).")

    @Option(help: ArgumentHelp("The eval set: JSONL, one item a line.", valueName: "file"))
    var evalset: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the baseline.", valueName: "file"))
    var output: String

    @Option(
        help: "Embedder: minilm (the sentence encoder; needs scripts/fetch-model.sh), hashed (n-grams) or openai-compatible (--embedding-url).")
    var embedder: EmbedderChoice = .minilm

    @OptionGroup var embedding: EmbeddingOptions

    @Option(
        help: ArgumentHelp(
            "Reference traffic, a period considered normal: interactions (.jsonl) or a capture (.pcap, .pcapng); refines the expected live mix.",
            valueName: "file"))
    var reference: String?

    @Option(help: "A fixed number of slices (default: the smallest k within --k-min...--k-max whose silhouette is within --k-tolerance of the best).")
    var k: Int?

    @Option(help: "How far below the best mean silhouette a smaller k may score and still be chosen.")
    var kTolerance = 0.01

    @Option(help: "Smallest k tried.") var kMin = 2
    @Option(help: "Largest k tried.") var kMax = 40
    @Option(help: "Smallest slice (so that every slice can be tested in a window).") var minSlice = 10
    @Option(help: "Seed for clustering.") var seed: UInt64 = 1
    @Flag(help: "Skip and count invalid lines instead of stopping at the first.") var skipInvalid = false
    @Option(help: "Name of the input field.") var inputField = "input"
    @Option(help: "Name of the pass field.") var passField = "pass"
    @Option(help: "Name of the score field.") var scoreField = "score"
    @Option(help: "Name of the tags field.") var tagsField = "tags"
    @Option(help: "Name of the id field.") var idField = "id"

    enum EmbedderChoice: String, ExpressibleByArgument { case minilm, hashed, openaiCompatible = "openai-compatible" }

    func validate() throws {
        guard kTolerance >= 0 else { throw ValidationError("--k-tolerance must not be negative") }
        guard kMin >= 1, kMax >= kMin, minSlice >= 1 else { throw ValidationError("need 1 <= --k-min <= --k-max and --min-slice >= 1") }
        if let k, k < 1 { throw ValidationError("--k must be at least 1") }
    }

    func run() throws {
        var fields = EvalSetFields()
        fields.input = inputField
        fields.pass = passField
        fields.score = scoreField
        fields.tags = tagsField
        fields.id = idField
        let started = Date()
        do {
            let (items, skipped) = try EvalSetReader(fields: fields, skipInvalid: skipInvalid).read(path: evalset)
            for problem in skipped { printError("slicewatch: \(evalset): skipped \(problem)") }
            let texts = items.map(\.input)
            let chosen: any Embedder
            let info: EmbedderInfo
            switch embedder {
            case .hashed:
                let hashed = HashedNGramEmbedder(fittingOn: texts)
                chosen = hashed
                info = EmbedderInfo(hashed: hashed)
            case .minilm:
                let encoder = try MiniLMEncoder(directory: embedding.modelDirectory)
                chosen = encoder
                info = EmbedderInfo(kind: "minilm", identifier: encoder.identifier, dimension: encoder.dimension)
            case .openaiCompatible:
                guard let endpoint = try embedding.endpoint() else {
                    throw ValidationError("--embedder openai-compatible needs --embedding-url and --embedding-model")
                }
                let external = try OpenAICompatibleEmbedder(endpoint: endpoint)
                chosen = external
                var recorded = EmbedderInfo(kind: "openai-compatible", identifier: external.identifier, dimension: external.dimension)
                recorded.endpointURL = endpoint.url.absoluteString
                recorded.endpointModel = endpoint.model
                info = recorded
            }
            var builder = BaselineBuilder()
            builder.k = k
            builder.kRange = kMin...kMax
            builder.kTolerance = kTolerance
            builder.minimumSliceSize = minSlice
            builder.seed = seed
            let provenance = Provenance(
                evalSetSHA256: try fileSHA256(evalset), evalItems: items.count, skippedLines: skipped.count,
                createdAt: ISO8601DateFormatter().string(from: Date()), tool: "slicewatch 0.1.0")
            var baseline = try builder.build(items: items, embedder: chosen, embedderInfo: info, provenance: provenance)
            if let reference {
                let traffic = try referenceInputs(reference)
                let inputs = traffic.map(\.input)
                baseline.applyReference(
                    try chosen.embed(inputs),
                    descriptors: DescriptorSketch(traffic.map { Descriptors(text: $0.input, turns: $0.turns) }),
                    calls: traffic.map(\.call))
                let operations = baseline.referenceOperations
                printError(
                    "slicewatch baseline: reference \(reference): \(inputs.count) inputs, "
                        + String(format: "%.1f%% novel", (baseline.referenceNovelShare ?? 0) * 100)
                        + (operations.map { ", \($0.errors) errors, \($0.latency.total) latencies" } ?? ""))
            }
            var w = JSONWriter(reserving: 1 << 20)
            baseline.writeJSON(into: &w)
            w.newline()
            try Data(w.bytes).write(to: URL(fileURLWithPath: output))
            if let selection = baseline.provenance.kSelection { printError("slicewatch baseline: \(selection)") }
            printError(
                "slicewatch baseline: \(items.count) eval items -> \(baseline.slices.count) slices, novelty threshold "
                    + "\(baseline.novelty.threshold) (expected novel rate \(baseline.novelty.expectedRate)), "
                    + "\(info.kind), \(String(format: "%.1f", Date().timeIntervalSince(started))) s -> \(output)")
        } catch let error as EvalSetError {
            printError("slicewatch: \(evalset): \(error)\(skipInvalid ? "" : " (--skip-invalid skips and counts bad lines)")")
            throw ExitCode(1)
        } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }
    }
}

/// The inputs (with their turn counts, errors and latency) of reference traffic: logged interactions (.jsonl)
/// or model calls read from a capture.
func referenceInputs(_ path: String) throws -> [(input: String, turns: Int, call: BaselineDocument.ReferenceCall)] {
    try ReplayCommand.readInteractions(path).filter { !$0.input.isEmpty }.map {
        ($0.input, $0.turns,
         BaselineDocument.ReferenceCall(isError: QualityChecker.isError($0), latencyMilliseconds: $0.latency.map { $0 * 1000 }))
    }
}

struct ShowBaseline: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a baseline's slices as a table.")

    @Argument(help: ArgumentHelp("The baseline file.", valueName: "file"))
    var path: String

    func run() throws {
        let baseline: BaselineDocument
        do {
            baseline = try BaselineDocument(contentsOf: path)
        } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }
        print("baseline \(path): \(baseline.provenance.evalItems) eval items, \(baseline.slices.count) slices, "
            + "embedder \(baseline.embedder.identifier)")
        print("novelty: distance > \(baseline.novelty.threshold) is novel; expected novel rate of in-distribution "
            + "traffic \(percent(baseline.novelty.expectedRate)) (\(baseline.novelty.heldOut) held-out items)")
        if let selection = baseline.provenance.kSelection { print("slices: \(selection)") }
        if let n = baseline.referenceInputs {
            print("reference traffic: \(n) inputs, \(percent(baseline.referenceNovelShare ?? 0)) novel; "
                + "per-slice reference shares in brackets")
        }
        if let o = baseline.referenceOperations {
            let latency = o.latency.tailQuantiles.map { String(format: "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms", $0.p50, $0.p95, $0.p99) }
            print("reference errors: \(o.errors) of \(o.interactions) (\(percent(Double(o.errors) / Double(max(1, o.interactions))))); "
                + "latency \(latency ?? "none recorded") over \(o.latency.total)")
        }
        print("")
        print(pad("slice", 6) + pad("items", 6) + pad("share", 7) + pad("pass rate [95% CI]", 22) + pad("majority tag", 24) + "label / examples")
        for s in baseline.slices {
            let q = s.quality.interval
            let rate = q.proportion.map { "\(percent($0)) [\(percent(q.lower))-\(percent(q.upper))]" } ?? "ungraded"
            let tag = s.majorityTag.map { "\($0) \(percent(s.majorityTagShare ?? 0))" } ?? "-"
            let share = percent(s.share) + (s.referenceShare.map { " [\(percent($0))]" } ?? "")
            print(pad(s.id, 6) + pad(String(s.evalItems), 6) + pad(share, s.referenceShare == nil ? 7 : 16) + pad(rate, 22) + pad(tag, 24) + s.label)
            for example in s.examples { print(String(repeating: " ", count: 65) + "  \"\(example.prefix(70))\"") }
        }
    }

    private func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
    private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}

/// SHA-256 of a file, hex.
func fileSHA256(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
    return data.withUnsafeBytes { SHA256.hex($0) }
}

struct EvaluateBaseline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a baseline: slice agreement with the eval set's tags, novelty on held-out in-scope and out-of-scope inputs.")

    @Argument(help: ArgumentHelp("The baseline file.", valueName: "file"))
    var path: String

    @Option(help: ArgumentHelp("The eval set the baseline was built from (for slice agreement with its tags).", valueName: "file"))
    var evalset: String

    @Option(help: ArgumentHelp("Held-out in-scope inputs (JSONL with input).", valueName: "file"))
    var inscope: String

    @Option(help: ArgumentHelp("Out-of-scope inputs (JSONL with input).", valueName: "file"))
    var outOfScope: String

    @OptionGroup var embedding: EmbeddingOptions

    func run() throws {
        do {
            let baseline = try BaselineDocument(contentsOf: path)
            let embedder = try baseline.makeEmbedder(
                modelDirectory: embedding.modelDirectory, endpoint: try embedding.endpoint(defaultModel: baseline.embedder.endpointModel))
            let reader = EvalSetReader()
            let items = try reader.read(path: evalset).items
            let started = Date()
            let evalAssigned = baseline.assign(try embedder.embed(items.map(\.input)))
            let seconds = Date().timeIntervalSince(started)
            let slicesOfItems = evalAssigned.map(\.slice)
            print("baseline \(path): \(baseline.slices.count) slices, embedder \(baseline.embedder.identifier)")
            print(String(format: "embedding: %d eval items in %.2f s (%.0f inputs/s)", items.count, seconds, Double(items.count) / seconds))
            for key in ["intent", "domain"] {
                let tags = items.map { $0.tags[key] ?? "" }
                guard tags.contains(where: { !$0.isEmpty }) else { continue }
                let ids = Dictionary(Set(tags).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                let truth = tags.map { ids[$0]! }
                print(String(format: "slices vs %@: adjusted Rand index %.3f, NMI %.3f", key,
                    AgreementStatistics.adjustedRandIndex(slicesOfItems, truth),
                    AgreementStatistics.normalizedMutualInformation(slicesOfItems, truth)))
            }
            let inside = baseline.assign(try embedder.embed(try reader.read(path: inscope).items.map(\.input))).map(\.distance)
            let outside = baseline.assign(try embedder.embed(try reader.read(path: outOfScope).items.map(\.input))).map(\.distance)
            let novelInside = Double(inside.filter { baseline.novelty.isNovel(distance: $0) }.count) / Double(inside.count)
            let novelOutside = Double(outside.filter { baseline.novelty.isNovel(distance: $0) }.count) / Double(outside.count)
            print(String(format: "novelty AUROC (out-of-scope vs held-out in-scope): %.3f", AgreementStatistics.auroc(positives: outside, negatives: inside)))
            print(String(format: "novel rate on held-out in-scope: %.1f%% (calibrated target %.1f%%), on out-of-scope: %.1f%%",
                novelInside * 100, baseline.novelty.expectedRate * 100, novelOutside * 100))
        } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }
    }
}
