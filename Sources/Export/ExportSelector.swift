// ExportSelector: chooses which live inputs go into the eval set — redacted first, then kept only when they carry
// a preferred reason (novel, uncovered, failing, drifted), stratified by slice (novel inputs by candidate new
// slice) with a per-slice quota and a total cap, and admitted only when neither a duplicate nor a near-duplicate
// of the eval set or of what was already chosen.

import Dedup
import Redaction

/// How much to export and what to prefer.
public struct ExportSettings: Sendable, Hashable {
    /// Reasons in order of preference; inputs with none of them are not exported.
    public var prefer: [ExportReason] = ExportReason.allCases
    /// Most items per slice (each candidate new slice of novel inputs counts as one).
    public var perSlice = 20
    /// Most items in all.
    public var maximum = 500
    /// Novel inputs grouped into candidate new slices at most (the most recent ones).
    public var maximumNovelGrouped = 5000

    public init() {}
}

/// One exported item: the redacted candidate, why it was chosen, and its stratum.
public struct ExportItem: Sendable, Hashable {
    public var candidate: ExportCandidate
    /// Its reasons, most preferred first.
    public var reasons: [ExportReason]
    /// The candidate new slice ("new-1", "new-2", ... largest first) and its label, for novel inputs.
    public var newSlice: String?
    public var newSliceLabel: String?

    public init(candidate: ExportCandidate, reasons: [ExportReason], newSlice: String? = nil, newSliceLabel: String? = nil) {
        self.candidate = candidate
        self.reasons = reasons
        self.newSlice = newSlice
        self.newSliceLabel = newSliceLabel
    }
}

/// What an export chose and what it left out.
public struct ExportSelection: Sendable {
    public var items: [ExportItem] = []
    /// Candidates offered, and those carrying no preferred reason.
    public var considered = 0
    public var withoutReason = 0
    /// Candidates turned away as duplicates: of the eval set, of an item already chosen (exact or near).
    public var duplicatesOfEvalSet = 0
    public var duplicatesChosen = 0
    /// Candidates left out by the per-slice quota or the total cap.
    public var overQuota = 0
    /// What redaction removed from the exported items, per kind.
    public var redactions = RedactionCounts()
    /// Candidate new slices among the novel inputs: label and size.
    public var newSlices: [(id: String, label: String, size: Int)] = []
}

/// Chooses an export from candidates.
public struct ExportSelector: Sendable {
    public var settings: ExportSettings
    public var redactor: Redactor

    public init(settings: ExportSettings, redactor: Redactor) {
        self.settings = settings
        self.redactor = redactor
    }

    /// The selection, with the novel inputs as one group.
    public func select(_ candidates: [ExportCandidate], coverage: SliceCoverage, existing: [String]) -> ExportSelection {
        select(candidates, coverage: coverage, existing: existing, embed: { _ in nil })
    }

    /// The selection. `existing` are the eval set's inputs (nothing near them is exported); `embed` embeds novel
    /// inputs for grouping (with the baseline's embedder) and `novelThreshold` is the baseline's novelty distance;
    /// when it returns nil novel inputs form one group.
    public func select(
        _ candidates: [ExportCandidate], coverage: SliceCoverage, existing: [String],
        embed: ([String]) throws -> [[Float]]?, novelThreshold: Float = 0.5
    ) rethrows -> ExportSelection {
        var selection = ExportSelection()
        selection.considered = candidates.count
        let uncovered = coverage.uncovered
        let rank = Dictionary(uniqueKeysWithValues: settings.prefer.enumerated().map { ($1, $0) })

        // Redact, then keep what carries a preferred reason.
        var kept: [(candidate: ExportCandidate, reasons: [ExportReason], rank: Int, counts: RedactionCounts)] = []
        for c in candidates {
            let reasons = coverage.reasons(of: c, uncovered: uncovered).filter { rank[$0] != nil }.sorted { rank[$0]! < rank[$1]! }
            guard let first = reasons.first else {
                selection.withoutReason += 1
                continue
            }
            var redacted = c
            let input = redactor.redact(c.input)
            redacted.input = input.text
            var counts = input.counts
            if let output = c.output {
                let o = redactor.redact(output)
                redacted.output = o.text
                counts.merge(o.counts)
            }
            kept.append((redacted, reasons, rank[first]!, counts))
        }

        // Strata: each slice, and each candidate new slice of the novel inputs.
        var stratum = kept.map { $0.candidate.slice ?? "unembedded" }
        var newSlice = [String?](repeating: nil, count: kept.count)
        var newLabel = [String?](repeating: nil, count: kept.count)
        let novel = kept.indices.filter { kept[$0].candidate.slice == "novel" }
            .sorted { (kept[$0].candidate.time ?? 0) > (kept[$1].candidate.time ?? 0) }
            .prefix(settings.maximumNovelGrouped)
        let novelTexts = novel.map { kept[$0].candidate.input }
        if !novel.isEmpty, let vectors = try embed(novelTexts) {
            let grouping = NovelGrouping(texts: novelTexts, vectors: vectors, threshold: novelThreshold)
            for (k, i) in novel.enumerated() {
                let id = "new-\(grouping.groups[k] + 1)"
                stratum[i] = id
                newSlice[i] = id
                newLabel[i] = grouping.labels[grouping.groups[k]]
            }
            selection.newSlices = grouping.sizes.indices.map { ("new-\($0 + 1)", grouping.labels[$0], grouping.sizes[$0]) }
        }

        // Within a stratum: most preferred reason first, then the most recent. Strata in the order of their best
        // item, then the larger first.
        var members: [String: [Int]] = [:]
        for i in kept.indices { members[stratum[i], default: []].append(i) }
        for key in members.keys {
            members[key]!.sort {
                (kept[$0].rank, -(kept[$0].candidate.time ?? 0), kept[$0].candidate.id)
                    < (kept[$1].rank, -(kept[$1].candidate.time ?? 0), kept[$1].candidate.id)
            }
        }
        let order = members.keys.sorted {
            let a = kept[members[$0]![0]].rank, b = kept[members[$1]![0]].rank
            return (a, -members[$0]!.count, $0) < (b, -members[$1]!.count, $1)
        }

        // Round robin over the strata, admitting only inputs new to the eval set and to the export.
        var dedup = Deduplicator(existing: existing)
        var taken = [String: Int]()
        var next = [String: Int]()
        var progress = true
        while progress, selection.items.count < settings.maximum {
            progress = false
            for key in order where selection.items.count < settings.maximum && taken[key, default: 0] < settings.perSlice {
                let list = members[key]!
                while let k = next[key, default: 0] < list.count ? next[key, default: 0] : nil {
                    next[key] = k + 1
                    let i = list[k]
                    switch dedup.admit(kept[i].candidate.input) {
                    case .new:
                        selection.items.append(ExportItem(
                            candidate: kept[i].candidate, reasons: kept[i].reasons, newSlice: newSlice[i], newSliceLabel: newLabel[i]))
                        selection.redactions.merge(kept[i].counts)
                        taken[key, default: 0] += 1
                        progress = true
                    case .duplicateOfExisting:
                        selection.duplicatesOfEvalSet += 1
                        continue
                    case .exactDuplicate, .nearDuplicate:
                        selection.duplicatesChosen += 1
                        continue
                    case .refused:  // the de-duplication index is full: nothing more can be checked
                        continue
                    }
                    break
                }
            }
        }
        selection.overQuota = kept.count - selection.items.count - selection.duplicatesOfEvalSet - selection.duplicatesChosen
        return selection
    }
}
