// Sections+Alerts: one card per alert key — firing, then pending, then resolved — with the sentence, the
// evidence (value vs baseline, n, p, effect vs floor, trigger, since when), its history and example inputs.

extension Page {
    /// Example inputs shown on a card before the rest fold away.
    static let examplesShown = 5

    func alerts(_ w: inout HTMLWriter) {
        section(&w, id: "alerts", title: "Alerts", count: cards.count,
                note: "Firing first, then pending, then resolved. Each alert needs significance and an effect over its floor.") { w in
            guard !cards.isEmpty else {
                w.element("p", class: "empty", text: model.totals.windows == 0
                    ? "No alerts: no window has been evaluated yet."
                    : "No alerts: every test stayed under its threshold or its effect floor.")
                return
            }
            w.open("div", class: "alerts")
            for card in cards { alertCard(&w, card) }
            w.close("div")
        }
    }

    private func alertCard(_ w: inout HTMLWriter, _ card: AlertCard) {
        let a = card.latest
        let state = ["firing", "pending", "resolved"].contains(a.state) ? a.state : "other"
        w.open("article", class: "alert \(state)")
        w.element("header") { w in
            w.element("span", class: "badge \(state)", text: a.state)
            w.element("span", class: "key", text: a.key)
            if let label = a.sliceLabel, !label.isEmpty { w.element("span", class: "muted", text: label) }
            var when = "window \(a.window)"
            if a.sinceWindow != a.window { when += " · since window \(a.sinceWindow)" }
            if let time = a.time { when += " · " + Format.utc(time) }
            w.element("span", class: "when", text: when)
        }
        w.element("p", class: "summary", text: a.summary)
        w.element("dl", class: "evidence") { w in
            evidence(&w, "live vs baseline", value(a, a.value),
                     a.baselineValue.map { "vs " + value(a, $0) } ?? "no baseline value")
            evidence(&w, "sample", "n = " + Format.count(a.sampleSize), nil)
            evidence(&w, "p-value", Format.pValue(a.pValue), nil)
            evidence(&w, "effect", "\(a.effectName) \(Format.number(a.effect))",
                     a.floor > 0 ? "\(Format.ratio(a.effect / a.floor)) its floor \(Format.number(a.floor))" : "floor \(Format.number(a.floor))")
            evidence(&w, "trigger", a.trigger == "cusum" ? "CUSUM" : a.trigger,
                     a.trigger == "cusum" ? "slow, persistent drift" : a.trigger == "window" ? "one window's p-value" : nil)
        }
        if !card.history.isEmpty {
            let steps = (card.history.reversed() + [a]).map { "\($0.state) at window \($0.window)" }
            w.element("p", class: "history", text: "History: " + steps.joined(separator: " → "))
        }
        if !a.examples.isEmpty {
            if state == "resolved" {
                w.element("details") { w in
                    w.element("summary", class: "sub-head", text: "Example inputs (\(a.examples.count))")
                    exampleList(&w, a.examples)
                }
            } else {
                w.element("p", class: "sub-head", text: "Example inputs")
                exampleList(&w, Array(a.examples.prefix(Self.examplesShown)))
                if a.examples.count > Self.examplesShown {
                    w.element("details") { w in
                        w.element("summary", class: "small muted", text: "\(a.examples.count - Self.examplesShown) more")
                        exampleList(&w, Array(a.examples.dropFirst(Self.examplesShown)))
                    }
                }
            }
        }
        w.close("article")
        w.raw("\n")
    }

    private func evidence(_ w: inout HTMLWriter, _ name: String, _ value: String, _ detail: String?) {
        w.element("div") { w in
            w.element("dt", text: name)
            w.element("dd") { w in
                w.text(value)
                if let detail {
                    w.raw(" ")
                    w.element("span", text: detail)
                }
            }
        }
    }

    /// An alert's value in its test's unit: milliseconds for latency, a plain median for length descriptors,
    /// a percentage for shares and rates.
    private func value(_ a: AlertRow, _ v: Double) -> String {
        if a.test.hasPrefix("latency") { return Format.milliseconds(v) }
        if a.test == "descriptor" { return Format.number(v) }
        return Format.percent(v)
    }

    /// A numbered list of inputs, each shortened with its full text in a tooltip.
    func exampleList(_ w: inout HTMLWriter, _ examples: [String]) {
        w.element("ol", class: "examples") { w in
            for e in examples {
                w.element("li") { w in w.example(e) }
            }
        }
    }
}
