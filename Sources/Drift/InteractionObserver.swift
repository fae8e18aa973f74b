// InteractionObserver: turns interactions into observations — descriptors, built-in answer checks and the
// consistency check for every one, and for those the embedding sampler picks, a batched embedding assigned to the
// nearest baseline slice or to "novel". Batches hold whole seconds of packet time so the sampler's per-second rate
// is exact. Per interaction the work is byte-level where it can be (descriptors, checks, example cut).

import Baseline
import Embedding
import Exchange
import Foundation
import Quality
import Slicing
import Wire

/// Interactions in, observations out (in arrival order), embedding in batches.
public final class InteractionObserver {
    public let baseline: BaselineDocument
    private let embedder: any Embedder
    private var sampler: EmbeddingSampler
    private let batchSize: Int
    private var pending: [Interaction] = []
    /// Takes each observed batch of interactions, when set, instead of releasing it here: DriftStage hands them
    /// back to the thread that built them (see HandOff.giveBack).
    public var retire: ((consuming [Interaction]) -> Void)?
    /// Interactions with an input that were embedded, and the seconds spent embedding.
    public private(set) var embedded = 0
    public private(set) var embeddingSeconds = 0.0
    /// Embedding failures (e.g. an unreachable endpoint): those interactions count as not embedded.
    public private(set) var embeddingFailures = 0
    public private(set) var lastEmbeddingError: String?
    /// Whether observations carry their interaction (`Observation.interaction`), for a store's sample or graders.
    public var passesInteractions = false
    /// The built-in answer checks (run on every interaction) and the repeated-input tracker.
    public var checker = QualityChecker(settings: QualitySettings())
    private var consistency: ConsistencyTracker
    /// Whether the built-in checks' verdict scores embedded interactions for the pass-rate test on arrival; off
    /// when external graders score a sample instead.
    public var scoresWithChecks = true

    public init(baseline: BaselineDocument, embedder: any Embedder, sampler: EmbeddingSampler, batchSize: Int = 256) {
        self.baseline = baseline
        self.embedder = embedder
        self.sampler = sampler
        self.batchSize = max(1, batchSize)
        let defaults = QualitySettings()
        consistency = ConsistencyTracker(window: defaults.consistencyWindow, capacity: defaults.consistencyCapacity)
    }

    /// Sets the checks' settings (refusal phrases, latency objective, consistency window).
    public func configureQuality(_ settings: QualitySettings) {
        checker = QualityChecker(settings: settings)
        consistency = ConsistencyTracker(window: settings.consistencyWindow, capacity: settings.consistencyCapacity)
    }

    /// The packet time an interaction is placed at: its request's start (or, failing that, the response's end).
    public static func time(of i: Interaction) -> Int64 {
        (i.requestStart ?? i.requestEnd ?? i.responseStart ?? i.responseEnd)?.nanoseconds ?? 0
    }

    /// Adds one interaction; returns observations when a batch was completed.
    public func add(_ interaction: consuming Interaction) -> [Observation] {
        var out: [Observation] = []
        if pending.count >= batchSize, let last = pending.last,
            Self.time(of: last) / 1_000_000_000 != Self.time(of: interaction) / 1_000_000_000
        {
            out = flush()
        }
        pending.append(interaction)
        return out
    }

    /// Observes everything pending once `now` is in a later second of packet time than the last pending
    /// interaction (a live sidecar's clock tick: no batch waits for traffic that is not coming, and the
    /// sampler still sees whole seconds).
    public func flush(ifIdleAt now: Int64) -> [Observation] {
        guard let last = pending.last, Self.time(of: last) / 1_000_000_000 < now / 1_000_000_000 else { return [] }
        return flush()
    }

    /// `String(text.prefix(n))`, the first `n` characters, without the grapheme machinery when it is not needed:
    /// the text itself when it has at most `n` bytes, and the first `n` bytes when the first `n + 1` are ASCII
    /// other than CR (each such byte is one character, and none joins the next).
    static func prefix(_ text: String, _ n: Int) -> String {
        if text.utf8.count <= n { return text }
        var copy = text
        let ascii = copy.withUTF8 { bytes -> String? in
            for b in bytes[...n] where b >= 0x80 || b == 13 { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<n]), as: UTF8.self)
        }
        return ascii ?? String(text.prefix(n))
    }

    /// Observes everything pending.
    public func flush() -> [Observation] {
        guard !pending.isEmpty else { return [] }
        var batch: [Interaction] = []
        swap(&batch, &pending)
        defer {
            if let retire {
                retire(batch)
            } else {
                // Hand the storage back for the next batch.
                batch.removeAll(keepingCapacity: true)
                pending = batch
            }
        }
        // Read in place (`map` would copy every interaction, retaining each of its fields).
        var times: [Int64] = []
        times.reserveCapacity(batch.count)
        batch.forEachInPlace { times.append(Self.time(of: $1)) }
        let chosen = sampler.choose(times: times).filter { !batch[$0].input.isEmpty }
        var assignments = [SliceAssignment](repeating: .unembedded, count: batch.count)
        if !chosen.isEmpty {
            let started = Date()
            do {
                let vectors = try embedder.embed(chosen.map { batch[$0].input })
                for (index, (slice, distance)) in zip(chosen, baseline.assign(vectors)) {
                    assignments[index] = baseline.novelty.isNovel(distance: distance)
                        ? .novel(distance: distance) : .slice(slice, distance: distance)
                }
                embedded += chosen.count
            } catch {
                embeddingFailures += chosen.count
                lastEmbeddingError = "\(error)"
            }
            embeddingSeconds += Date().timeIntervalSince(started)
        }
        var observations: [Observation] = []
        observations.reserveCapacity(batch.count)
        batch.forEachInPlace { i, interaction in
            observations.append(observe(interaction, time: times[i], assignment: assignments[i]))
        }
        return observations
    }

    /// One interaction's observation (borrowed from the batch: copying an interaction retains each of its fields).
    private func observe(_ interaction: borrowing Interaction, time: Int64, assignment: SliceAssignment) -> Observation {
        var o = Observation(
            time: time, descriptors: Descriptors(text: interaction.input, turns: interaction.turns),
            assignment: assignment, latencyMilliseconds: interaction.latency.map { $0 * 1000 },
            isError: QualityChecker.isError(interaction),
            example: Self.prefix(
                SecretScrubber.scrub(Self.prefix(interaction.input, Observation.exampleLength * 2)),
                Observation.exampleLength))
        o.checks = checker.check(interaction)
        if scoresWithChecks, case .slice = assignment { o.score = o.checks.passed }
        if case .repeated(let flipped) = consistency.observe(
            input: interaction.input, context: interaction.systemPromptHash, time: time,
            answer: interaction.output, passed: o.checks.passed)
        {
            o.flipped = flipped
        }
        if passesInteractions { o.interaction = copy interaction }
        return o
    }
}
