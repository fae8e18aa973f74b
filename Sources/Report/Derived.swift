// Derived: what the renderer reads out of the model before drawing — the verdict line, the alert cards in
// reading order, slices by how far they moved, and the eval coverage gaps.

/// The page's one-line answer to "is anything wrong?".
struct Verdict: Equatable {
    enum Tone: String { case firing, pending, ok, idle }
    let tone: Tone
    let text: String

    init(_ model: ReportModel) {
        let t = model.totals
        let pending = AlertCard.cards(model.alerts).filter { $0.latest.state == "pending" }.map(\.latest.key)
        if !t.firingNow.isEmpty {
            tone = .firing
            text = "\(Format.counted(t.firingNow.count, "alert")) firing: " + t.firingNow.joined(separator: ", ")
        } else if !pending.isEmpty {
            tone = .pending
            text = "No alert firing; \(pending.count) pending: " + pending.joined(separator: ", ")
        } else if t.interactions == 0 {
            tone = .idle
            text = "No traffic yet: waiting for the first interactions"
        } else {
            tone = .ok
            let span = "\(Format.counted(t.windows, "window")), \(Format.counted(t.interactions, "interaction"))"
            text = t.alertsFired == 0
                ? "No drift: \(span), 0 alerts"
                : "No alert firing: \(span), \(Format.counted(t.alertsFired, "alert")) fired earlier, all resolved"
        }
    }
}

/// One alert key: its newest event, and the earlier events of the same key (newest first).
struct AlertCard {
    let latest: AlertRow
    let history: [AlertRow]

    /// Cards in reading order: firing, then pending, then resolved (anything else last); newest first within each.
    static func cards(_ alerts: [AlertRow]) -> [AlertCard] {
        var order: [String] = []
        var events: [String: [AlertRow]] = [:]
        for a in alerts {
            if events[a.key] == nil { order.append(a.key) }
            events[a.key, default: []].append(a)
        }
        let cards = order.map { key in
            let rows = events[key]!
            return AlertCard(latest: rows[0], history: Array(rows.dropFirst()))
        }
        return cards.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element.latest.state), rank(b.element.latest.state))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    private static func rank(_ state: String) -> Int {
        switch state {
        case "firing": 0
        case "pending": 1
        case "resolved": 2
        default: 3
        }
    }
}

/// Why live traffic leans on part of the input space more than the eval set covers.
struct CoverageGap {
    /// The slice (nil for novel inputs).
    let slice: SliceRow?
    let liveShare: Double
    let reason: String
    let examples: [String]

    /// A slice is a gap when its live share is at least 1.5× its baseline share on 20 or more live inputs, or
    /// when fewer than 20 eval items stand for 2% or more of live traffic. Novel inputs are a gap when there
    /// are 20 or more of them at 1.5× the expected rate or more. Largest live weight first.
    static func gaps(_ model: ReportModel) -> [CoverageGap] {
        var gaps: [CoverageGap] = []
        for s in model.slices {
            let broken = reasons(s)
            if !broken.isEmpty {
                gaps.append(CoverageGap(slice: s, liveShare: s.liveShare, reason: broken.joined(separator: "; "),
                                        examples: s.liveExamples))
            }
        }
        let novel = model.novel
        if let rate = novel.rate, novel.count >= 20, rate >= 1.5 * novel.expectedRate {
            gaps.append(CoverageGap(
                slice: nil, liveShare: rate,
                reason: "\(Format.percent(rate)) of inputs are far from every slice (\(Format.percent(novel.expectedRate)) expected)",
                examples: novel.examples))
        }
        return gaps.sorted { $0.liveShare > $1.liveShare }
    }

    /// Whether `slice` is a gap (the badge in the slice table).
    static func isGap(_ slice: SliceRow) -> Bool { !reasons(slice).isEmpty }

    /// The rules a slice breaks, in words (empty when it is covered).
    private static func reasons(_ s: SliceRow) -> [String] {
        let ratio = s.baselineShare > 0 ? s.liveShare / s.baselineShare : .infinity
        var reasons: [String] = []
        if s.liveCount >= 20, ratio >= 1.5 {
            reasons.append(
                "live share \(Format.percent(s.liveShare)) vs \(Format.percent(s.baselineShare)) in the baseline"
                    + " (\(Format.ratio(ratio)))")
        }
        if s.evalItems < 20, s.liveShare >= 0.02 {
            reasons.append(
                "only \(Format.counted(s.evalItems, "eval item")) for \(Format.percent(s.liveShare)) of live traffic")
        }
        return reasons
    }
}

extension ReportModel {
    /// Slice positions (into `slices` and `sliceShares`) by how far the live share moved from the baseline's,
    /// largest first; ties by live share.
    var slicesByMovement: [Int] {
        slices.indices.sorted { a, b in
            let (sa, sb) = (slices[a], slices[b])
            let (da, db) = (abs(sa.liveShare - sa.baselineShare), abs(sb.liveShare - sb.baselineShare))
            return da != db ? da > db : sa.liveShare > sb.liveShare
        }
    }
}
