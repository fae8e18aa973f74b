// ExportSelector: chooses which live inputs go into the eval set — redacted first, then kept only when they carry
// a preferred reason (novel, uncovered, failing, drifted), stratified by slice (novel inputs by candidate new
// slice) with a per-slice quota and a total cap, and admitted only when neither a duplicate nor a near-duplicate
// of the eval set or of what was already chosen.

import Dedup
import Foundation
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
    ///
    /// Strata — each slice, and each candidate new slice of the novel inputs — are filled in order of preference
    /// (their best reason, then the most reasons, then the largest), up to `perSlice` each, until `maximum`.
    public func select(
        _ candidates: [ExportCandidate], coverage: SliceCoverage, existing: [String],
        embed: ([String]) throws -> [[Float]]?, novelThreshold: Float = 0.5
    ) rethrows -> ExportSelection {
        var selection = ExportSelection()
        selection.considered = candidates.count
        let uncovered = coverage.uncovered
        let rank = Dictionary(uniqueKeysWithValues: settings.prefer.enumerated().map { ($1, $0) })
        var reasons = candidates.map { coverage.reasons(of: $0, uncovered: uncovered) }

        // Novel inputs into candidate new slices; with alerted windows known, a group is `drifted` when its members
        // crowd into those windows (not merely when the novel set as a whole was alerted).
        var newSlice = [String?](repeating: nil, count: candidates.count)
        var newLabel = [String?](repeating: nil, count: candidates.count)
        let novel = candidates.indices.filter { candidates[$0].slice == "novel" && !reasons[$0].isEmpty }
            .sorted { (candidates[$0].time ?? 0) > (candidates[$1].time ?? 0) }
            .prefix(settings.maximumNovelGrouped)
        let novelTexts = novel.map { candidates[$0].input }
        if !novel.isEmpty, let vectors = try embed(novelTexts) {
            let grouping = NovelGrouping(texts: novelTexts, vectors: vectors, threshold: novelThreshold)
            var emerging = [Bool](repeating: false, count: grouping.sizes.count)
            if !coverage.driftedWindows.isEmpty {
                let share = Double(candidates.filter { $0.window.map(coverage.driftedWindows.contains) ?? false }.count)
                    / Double(candidates.count)
                var inside = [Int](repeating: 0, count: grouping.sizes.count)
                for (k, i) in novel.enumerated() where candidates[i].window.map(coverage.driftedWindows.contains) ?? false {
                    inside[grouping.groups[k]] += 1
                }
                for g in emerging.indices {
                    emerging[g] = grouping.sizes[g] >= Self.minimumEmerging
                        && Self.binomialUpperTail(inside[g], grouping.sizes[g], share) < Self.emergingLevel
                }
            }
            for (k, i) in novel.enumerated() {
                let g = grouping.groups[k]
                newSlice[i] = "new-\(g + 1)"
                newLabel[i] = grouping.labels[g]
                if !coverage.driftedWindows.isEmpty {
                    if emerging[g] { reasons[i].insert(.drifted) } else { reasons[i].remove(.drifted) }
                }
            }
            selection.newSlices = grouping.sizes.indices.map { ("new-\($0 + 1)", grouping.labels[$0], grouping.sizes[$0]) }
        }

        // Keep what carries a preferred reason, by stratum, most preferred first, then the most recent.
        var members: [String: [(index: Int, reasons: [ExportReason])]] = [:]
        for i in candidates.indices {
            let preferred = reasons[i].filter { rank[$0] != nil }.sorted { rank[$0]! < rank[$1]! }
            guard !preferred.isEmpty else {
                selection.withoutReason += 1
                continue
            }
            members[newSlice[i] ?? candidates[i].slice ?? "unembedded", default: []].append((i, preferred))
        }
        func priority(_ r: [ExportReason]) -> (Int, Int) { (rank[r[0]]!, -r.count) }
        for key in members.keys {
            members[key]!.sort {
                let a = candidates[$0.index], b = candidates[$1.index]
                return (priority($0.reasons).0, priority($0.reasons).1, -(a.time ?? 0), a.id)
                    < (priority($1.reasons).0, priority($1.reasons).1, -(b.time ?? 0), b.id)
            }
        }
        let order = members.keys.sorted {
            let a = priority(members[$0]![0].reasons), b = priority(members[$1]![0].reasons)
            return (a.0, a.1, -members[$0]!.count, $0) < (b.0, b.1, -members[$1]!.count, $1)
        }

        // Fill the strata in order, redacting each input and admitting it only when new to the eval set and to
        // the export.
        var dedup = Deduplicator(existing: existing)
        var kept = 0
        for key in order {
            var taken = 0
            for (i, itemReasons) in members[key]! {
                kept += 1
                guard selection.items.count < settings.maximum, taken < settings.perSlice else { continue }
                var c = candidates[i]
                let input = redactor.redact(c.input)
                c.input = input.text
                var counts = input.counts
                if let output = c.output {
                    let o = redactor.redact(output)
                    c.output = o.text
                    counts.merge(o.counts)
                }
                switch dedup.admit(c.input) {
                case .new:
                    selection.items.append(ExportItem(candidate: c, reasons: itemReasons, newSlice: newSlice[i], newSliceLabel: newLabel[i]))
                    selection.redactions.merge(counts)
                    taken += 1
                case .duplicateOfExisting: selection.duplicatesOfEvalSet += 1
                case .exactDuplicate, .nearDuplicate: selection.duplicatesChosen += 1
                case .refused: break  // the de-duplication index is full: nothing more can be checked
                }
            }
        }
        selection.overQuota = kept - selection.items.count - selection.duplicatesOfEvalSet - selection.duplicatesChosen
        return selection
    }

    /// A candidate new slice needs this many members, crowding into alerted windows at this level, to be `drifted`.
    static let minimumEmerging = 5
    static let emergingLevel = 0.05

    /// P(X ≥ k) for X ~ Binomial(n, p), summed in log space.
    static func binomialUpperTail(_ k: Int, _ n: Int, _ p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard p > 0 else { return 0 }
        guard p < 1 else { return 1 }
        var total = 0.0
        for x in k...n {
            let choose: Double = lgamma(Double(n + 1)) - lgamma(Double(x + 1)) - lgamma(Double(n - x + 1))
            let powers: Double = Double(x) * log(p) + Double(n - x) * log(1 - p)
            total += exp(choose + powers)
        }
        return min(1, total)
    }
}
