// Sections+Quality: answer quality — the bridge from the baseline mix's pass rate to the observed one (mix
// moved vs slices got worse, the expected rate with its interval), then each slice's live pass rate against
// its eval pass rate with sample sizes.

extension Page {
    /// A drop in pass rate this large is drawn as worse: the quality tests' effect floor (10 points).
    static let qualityFloor = 0.10

    func quality(_ w: inout HTMLWriter) {
        section(&w, id: "quality", title: "Answer quality",
                note: "Live pass rates against the eval set's, and what explains the change.") { w in
            guard let q = model.quality else {
                w.element("p", class: "empty", text: "No answers scored yet: quality appears once answers are checked or graded.")
                return
            }
            w.element("div", class: "card") { w in
                w.element("p", class: "explain", text: explanation(q))
                w.raw(QualityBridge(quality: q).svg())
            }
            qualityTable(&w)
        }
    }

    private func explanation(_ q: QualityOverview) -> String {
        var parts = ["Observed pass rate \(Format.percent(q.passRate)) on \(Format.counted(q.scored, "scored answer"))."]
        if let b = q.baselinePassRate { parts.append("Under the baseline's slice mix it was \(Format.percent(b)).") }
        if let e = q.expectedPassRate {
            var s = "The live mix alone predicts \(Format.percent(e))"
            if let lo = q.expectedLower, let hi = q.expectedUpper {
                s += " (95% interval \(Format.percent(lo)) to \(Format.percent(hi)))"
            }
            parts.append(s + ".")
        }
        if let mix = q.mixMoved, let slices = q.slicesGotWorse {
            parts.append("The mix moved \(Format.points(mix)); slices got worse \(Format.points(slices)).")
        }
        return parts.joined(separator: " ")
    }

    private func qualityTable(_ w: inout HTMLWriter) {
        let rows = model.slices.filter { $0.scored > 0 || $0.evalPassRate != nil }.sorted { a, b in
            switch (drop(a), drop(b)) {
            case let (x?, y?): x != y ? x < y : a.scored > b.scored
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.scored > b.scored
            }
        }
        guard !rows.isEmpty else { return }
        let rates = rows.flatMap { [$0.livePassRate, $0.evalPassRate].compactMap { $0 } }
        let low = max(0, min(0.8, (((rates.min() ?? 0.5) - 0.05) * 10).rounded(.down) / 10))
        w.element("h3", class: "sub-head", text: "Per slice, worst change first")
        w.open("div", class: "table-wrap")
        w.raw("<table><thead><tr><th>Slice</th><th class=\"num\">Pass live</th><th class=\"num\">Scored</th>"
            + "<th class=\"num\">Pass eval</th><th class=\"num\">Eval items</th><th class=\"num\">Change</th>"
            + "<th><span class=\"sw s-live\"></span>live ○ eval (\(Format.fixed(low * 100, decimals: 0))% to 100%)</th></tr></thead><tbody>")
        for s in rows {
            w.raw(s.alerting ? "<tr class=\"alerting\">" : "<tr>")
            w.element("td", class: "slice") { w in sliceName(&w, s) }
            let worse = (drop(s) ?? 0) <= -Self.qualityFloor
            w.element("td", class: worse ? "num worse" : "num", text: Format.percent(s.livePassRate))
            w.element("td", class: "num", text: Format.count(s.scored))
            w.element("td", class: "num", text: Format.percent(s.evalPassRate))
            w.element("td", class: "num", text: Format.count(s.evalItems))
            w.element("td", class: worse ? "num worse" : "num", text: Format.points(drop(s)))
            w.element("td", class: "dotcell") { w in dots(&w, s, low: low, worse: worse) }
            w.raw("</tr>\n")
        }
        w.raw("</tbody></table>")
        w.close("div")
    }

    /// Live minus eval pass rate, when both are known.
    func drop(_ s: SliceRow) -> Double? {
        guard let live = s.livePassRate, let eval = s.evalPassRate else { return nil }
        return live - eval
    }

    /// A dot plot on `low`...100%: the eval pass rate (hollow), the live one (filled), the gap between.
    private func dots(_ w: inout HTMLWriter, _ s: SliceRow, low: Double, worse: Bool) {
        func left(_ v: Double) -> Double { (min(max(v, low), 1) - low) / (1 - low) * 100 }
        w.raw("<div class=\"dots\"><div class=\"track\"></div>")
        if let live = s.livePassRate, let eval = s.evalPassRate {
            let (a, b) = (left(min(live, eval)), left(max(live, eval)))
            w.raw("<div class=\"span\(live >= eval ? " better" : "")\" style=\"left:\(Format.coordinate(a))%;width:\(Format.coordinate(b - a))%\"></div>")
        }
        if let eval = s.evalPassRate {
            w.raw("<div class=\"d eval\" style=\"left:\(Format.coordinate(left(eval)))%\" title=\"eval \(Format.percent(eval))\"></div>")
        }
        if let live = s.livePassRate {
            w.raw("<div class=\"d live\(worse ? " worse" : "")\" style=\"left:\(Format.coordinate(left(live)))%\" title=\"live \(Format.percent(live))\"></div>")
        }
        w.raw("</div>")
    }
}
