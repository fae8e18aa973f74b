// Sections+Header: the top of the page — title, source, time, live marker, the verdict banner, the section
// links — the row of key figures under it, and the footer.

extension Page {
    func header(_ w: inout HTMLWriter) {
        w.open("header", class: "top")
        w.open("div", class: "wrap")
        w.element("div", class: "titlerow") { w in
            w.element("h1", text: model.title)
            if model.live {
                w.element("span", class: "live", text: "● live, refreshes every \(max(1, model.refreshSeconds)) s")
            }
        }
        let b = model.baseline
        w.element("p", class: "meta", text: "\(model.source) · generated \(model.generatedAt)")
        w.element("p", class: "meta", text: "Baseline: \(Format.counted(b.evalItems, "eval item")) in \(Format.counted(b.sliceCount, "slice")), "
            + "slice shares from the \(b.shareSource), expected novel rate \(Format.percent(b.expectedNovelRate))"
            + (b.evalPassRate.map { ", eval pass rate \(Format.percent($0))" } ?? "") + " · embedder \(b.embedder)")
        w.element("div", class: "verdict \(verdict.tone.rawValue)", ["role": "status"], text: verdict.text)
        w.element("nav") { w in
            let links = [("alerts", "Alerts"), ("time", "Over time"), ("slices", "Slice shares"),
                         ("quality", "Quality"), ("gaps", "Coverage gaps"), ("examples", "Examples")]
            for (id, name) in links { w.element("a", ["href": "#" + id], text: name) }
        }
        w.close("div")
        w.close("header")
        w.raw("\n")
    }

    func facts(_ w: inout HTMLWriter) {
        let t = model.totals
        w.open("section", class: "facts", ["aria-label": "key figures"])
        fact(&w, "Interactions", Format.count(t.interactions), "\(Format.count(t.embedded)) embedded")
        fact(&w, "Novel inputs", Format.percent(model.novel.rate),
             "\(Format.count(model.novel.count)) inputs · \(Format.percent(model.novel.expectedRate)) expected",
             bad: firing.contains("novelty"))
        fact(&w, "Windows", Format.count(t.windows), "of \(t.windowSize)")
        fact(&w, "Alerts", t.firingNow.isEmpty ? "none firing" : "\(Format.count(t.firingNow.count)) firing",
             "\(Format.counted(t.alertsFired, "alert")) fired since the start", bad: !t.firingNow.isEmpty)
        if let first = t.firstTime, let last = t.lastTime {
            fact(&w, "Traffic span", Format.duration(last - first), "from \(Format.utc(first))")
        }
        if let q = model.quality {
            let expected = q.expectedPassRate.map { "\(Format.percent($0)) expected · " } ?? ""
            fact(&w, "Pass rate", Format.percent(q.passRate), expected + "\(Format.count(q.scored)) scored",
                 bad: cards.contains { $0.latest.state == "firing" && $0.latest.test == "quality" })
        }
        w.close("section")
        w.raw("\n")
    }

    private func fact(_ w: inout HTMLWriter, _ label: String, _ value: String, _ sub: String, bad: Bool = false) {
        w.element("div", class: bad ? "fact bad" : "fact") { w in
            w.element("div", class: "label", text: label)
            w.element("div", class: "value", text: value)
            w.element("div", class: "sub", text: sub)
        }
    }

    func footer(_ w: inout HTMLWriter) {
        w.element("footer", text: "\(model.title) · generated \(model.generatedAt) · times in UTC · "
            + "a self-contained page: it loads nothing from the network.")
        w.raw("\n")
    }
}
