// ExportCommand: `slicewatch export` — fresh, redacted, de-duplicated live inputs per slice, chosen where the eval
// set is weakest (novel, uncovered, failing, drifted), from the sidecar's store or a capture replayed against a
// baseline, written as eval-set JSONL (or the OpenAI evals / Inspect dataset shapes).

import ArgumentParser
import Baseline
import Config
import Drift
import Embedding
import Export
import Foundation
import Quality
import Redaction
import Sidecar
import Store

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export fresh, redacted live inputs per slice to grow the eval set.",
        discussion: """
            Reads the sidecar's store (--store) or replays a capture or interaction log (--read) against the \
            baseline, keeps inputs that carry a preferred reason (novel, uncovered, failing, drifted), groups novel \
            ones into candidate new slices, removes personal data and secrets, drops duplicates and near-duplicates \
            (of each other and of --evalset), and writes at most --per-slice per slice.
            """)

    @Option(help: ArgumentHelp("The sidecar's SQLite store.", valueName: "file"))
    var store: String?

    @Option(help: ArgumentHelp("A capture (pcap, pcapng) or an interaction log (.jsonl) to replay.", valueName: "file"))
    var read: String?

    @Option(help: ArgumentHelp("The baseline file (its slices, labels and embedder).", valueName: "file"))
    var baseline: String

    @Option(help: ArgumentHelp("The eval set: nothing near one of its inputs is exported.", valueName: "file"))
    var evalset: String?

    @Option(help: ArgumentHelp("Window for --read: a count of interactions (500) or packet time (30s, 5m, 1h).", valueName: "size"))
    var window = "500"

    @Option(help: ArgumentHelp("Only inputs from this time on: ISO 8601 (2026-11-20T00:00:00Z) or a duration ago (24h, 7d).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Most items per slice (each candidate new slice counts as one).", valueName: "n"))
    var perSlice = 20

    @Option(help: ArgumentHelp("Most items in all.", valueName: "n"))
    var max = 500

    @Option(help: ArgumentHelp("Reasons to export, most preferred first.", valueName: "list"))
    var prefer = "novel,uncovered,failing,drifted"

    @Option(help: "Output format: slicewatch (eval-set JSONL), openai-evals or inspect.")
    var format: ExportFormat = .slicewatch

    @Option(
        name: .customLong("redact"),
        help: ArgumentHelp("An extra redaction pattern NAME=REGEX (repeatable); matches become <NAME>.", valueName: "pattern"))
    var redactPatterns: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file (- for standard output).", valueName: "file"))
    var output: String

    @OptionGroup var embedding: EmbeddingOptions

    func validate() throws {
        guard (store == nil) != (read == nil) else { throw ValidationError("give exactly one of --store and --read") }
        guard perSlice >= 1, max >= 1 else { throw ValidationError("--per-slice and --max must be at least 1") }
    }

    func run() throws {
        var settings = ExportSettings()
        settings.perSlice = perSlice
        settings.maximum = max
        let redactor: Redactor
        do {
            settings.prefer = try ExportReason.parseList(prefer)
            redactor = try Redactor(customPatterns: try redactPatterns.map(Self.pattern))
        } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(2)
        }
        let sinceNanoseconds = try since.map(Self.parseSince)
        let (document, embedder) = try ReplaySource.loadBaseline(baseline, embedding: embedding)
        let labels = Dictionary(zip(document.slices.map(\.id), document.slices.map(\.label))) { a, _ in a }

        var source: (candidates: [ExportCandidate], liveCounts: [String: Int], drifted: Set<String>, novelWindows: Set<Int>)
        if let store {
            source = try Self.fromStore(store, since: sinceNanoseconds)
        } else {
            source = try Self.fromReplay(read!, document: document, embedder: embedder, window: try ReplayCommand.parseWindow(window))
            if let sinceNanoseconds { source.candidates.removeAll { ($0.time ?? .max) < sinceNanoseconds } }
        }
        let reference = BaselineReference(document)
        let coverage = SliceCoverage(
            slices: document.slices.indices.map { i in
                SliceCoverage.Slice(
                    id: document.slices[i].id, label: document.slices[i].label, evalItems: document.slices[i].evalItems,
                    baselineShare: Double(reference.sliceCounts[i]) / Double(Swift.max(1, reference.sliceTotal)),
                    liveCount: source.liveCounts[document.slices[i].id] ?? 0)
            },
            drifted: source.drifted, driftedWindows: source.novelWindows)

        var existing = document.slices.flatMap(\.examples)
        if let evalset {
            do { existing += try EvalSetReader(skipInvalid: true).read(path: evalset).items.map(\.input) } catch {
                printError("slicewatch: \(evalset): \(error)")
                throw ExitCode(1)
            }
        }
        let selection: ExportSelection
        do {
            selection = try ExportSelector(settings: settings, redactor: redactor).select(
                source.candidates, coverage: coverage, existing: existing, embed: { try embedder.embed($0) },
                novelThreshold: document.novelty.threshold)
        } catch {
            printError("slicewatch: embedding novel inputs: \(error)")
            throw ExitCode(1)
        }
        let text = selection.items.map { format.line($0, labels: labels) + "\n" }.joined()
        do {
            if output == "-" {
                FileHandle.standardOutput.write(Data(text.utf8))
            } else {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            }
        } catch {
            printError("slicewatch: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        printError(Self.summary(selection, labels: labels, evalset: evalset, output: output))
    }

    /// "NAME=REGEX" as a (name, pattern) pair.
    static func pattern(_ spec: String) throws -> (name: String, pattern: String) {
        guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex, spec.index(after: eq) != spec.endIndex else {
            throw ExportError("--redact \"\(spec)\": expected NAME=REGEX")
        }
        return (String(spec[..<eq]), String(spec[spec.index(after: eq)...]))
    }

    /// An ISO 8601 time, or a duration before now, as ns since the epoch.
    static func parseSince(_ text: String) throws -> Int64 {
        if let date = ISO8601DateFormatter().date(from: text) { return Int64(date.timeIntervalSince1970 * 1e9) }
        if let seconds = Durations.parse(text), seconds > 0 {
            return Int64((Date().timeIntervalSince1970 - seconds) * 1e9)
        }
        throw ValidationError("--since \"\(text)\": expected an ISO 8601 time (2026-11-20T00:00:00Z) or a duration (24h, 7d)")
    }

    /// Sampled interactions, live slice counts, alerted slices and the windows with a novelty alert, from the
    /// sidecar's store.
    static func fromStore(_ path: String, since: Int64?) throws -> ([ExportCandidate], [String: Int], Set<String>, Set<Int>) {
        do {
            guard FileManager.default.fileExists(atPath: path) else { throw ExportError("\(path): no such store") }
            let store = try SliceWatchStore(path: path)
            let checker = QualityChecker(settings: QualitySettings())
            let candidates = try store.sampledInteractions(since: since).map {
                ExportCandidate(
                    $0.interaction, slice: $0.slice, failedChecks: checker.check($0.interaction).checks.map(\.rawValue),
                    window: $0.window)
            }
            let history = try store.alertHistory(since: since, limit: 100_000).reversed()  // oldest first
            let drifted = Set(history.filter { $0.state != .resolved }.compactMap { $0.finding.result.slice })
            var novelWindows = Set<Int>()
            var open: [String: Int] = [:]  // key -> window it went pending in
            for e in history where e.finding.result.slice == "novel" {
                if e.state == .resolved {
                    if let start = open.removeValue(forKey: e.key), start <= e.window { novelWindows.formUnion(start...e.window) }
                } else if open[e.key] == nil {
                    open[e.key] = e.window
                }
            }
            let last = candidates.compactMap(\.window).max() ?? 0
            for start in open.values where start <= last { novelWindows.formUnion(start...last) }
            return (candidates, try store.sliceCounts(since: since), drifted, novelWindows)
        } catch {
            printError("slicewatch: \(error)")
            throw ExitCode(1)
        }
    }

    /// Every model call of a capture or log replayed against the baseline, with the slices alerts named and the
    /// windows in which an alert on the novel inputs was pending or firing.
    static func fromReplay(
        _ path: String, document: BaselineDocument, embedder: any Embedder, window spec: WindowSpec
    ) throws -> ([ExportCandidate], [String: Int], Set<String>, Set<Int>) {
        var settings = DriftSettings()
        settings.window = spec
        settings.embeddingRate = nil  // every input gets its slice
        let session = ReplaySource.silentSession(document, embedder: embedder, settings: settings, passesInteractions: true)
        let ids = document.slices.map(\.id)
        var candidates: [ExportCandidate] = []
        var drifted = Set<String>()
        var novelWindows = Set<Int>()
        var activeNovel = Set<String>()
        var window = 0
        session.onObservation = { o in
            guard let interaction = o.interaction, !interaction.input.isEmpty else { return }
            let slice: String? = switch o.assignment {
            case .slice(let i, _): ids[i]
            case .novel: "novel"
            case .unembedded: nil
            }
            candidates.append(ExportCandidate(interaction, slice: slice, failedChecks: o.checks.checks.map(\.rawValue), window: window))
        }
        session.onReport = { report, _ in
            window = report.index + 1
            for event in report.events {
                let slice = event.finding.result.slice
                if event.state != .resolved, let slice { drifted.insert(slice) }
                if slice == "novel" {
                    if event.state == .resolved { activeNovel.remove(event.key) } else { activeNovel.insert(event.key) }
                }
            }
            if !activeNovel.isEmpty { novelWindows.insert(report.index) }
        }
        try ReplaySource.feed(path, into: session, product: "export")
        let counts = session.monitor.cumulative.sliceCounts
        return (candidates, Dictionary(uniqueKeysWithValues: zip(ids, counts)), drifted, novelWindows)
    }

    /// What was exported, by slice and reason, what was dropped, and what redaction removed.
    static func summary(_ s: ExportSelection, labels: [String: String], evalset: String?, output: String) -> String {
        var lines = ["slicewatch export: \(s.items.count) items -> \(output) (\(s.considered) candidates, "
            + "\(s.withoutReason) without a preferred reason, \(s.duplicatesOfEvalSet) already in the eval set, "
            + "\(s.duplicatesChosen) duplicates of each other, \(s.overQuota) over the quotas)"]
        if evalset == nil { lines.append("  note: without --evalset only the baseline's example inputs are checked for duplicates") }
        var byStratum: [String: (count: Int, label: String)] = [:]
        for item in s.items {
            let key = item.newSlice ?? item.candidate.slice ?? "unembedded"
            let label = item.newSliceLabel.map { "novel: \($0)" } ?? item.candidate.slice.flatMap { labels[$0] } ?? ""
            byStratum[key, default: (0, label)].count += 1
        }
        for (key, v) in byStratum.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }).prefix(12) {
            lines.append("  \(key.padding(toLength: 8, withPad: " ", startingAt: 0)) \(String(v.count).padding(toLength: 5, withPad: " ", startingAt: 0)) \(v.label)")
        }
        var reasons: [ExportReason: Int] = [:]
        for item in s.items { if let r = item.reasons.first { reasons[r, default: 0] += 1 } }
        lines.append("  by first reason: " + ExportReason.allCases.compactMap { r in reasons[r].map { "\(r.rawValue) \($0)" } }.joined(separator: ", "))
        if !s.newSlices.isEmpty {
            lines.append("  candidate new slices among novel inputs: " + s.newSlices.prefix(6).map { "\($0.id) \($0.label) (\($0.size))" }.joined(separator: ", "))
        }
        lines.append("  redacted: " + (s.redactions.total == 0 ? "nothing" : s.redactions.sorted.map { "\($0.kind) \($0.count)" }.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }
}

extension ExportFormat: ExpressibleByArgument {}
