// Sections+Coverage: where live traffic leans on inputs the eval set barely covers (the eval coverage gaps,
// what the team should add to its eval set), and the example inputs of every slice and of novel inputs.

extension Page {
    func coverageGaps(_ w: inout HTMLWriter) {
        section(&w, id: "gaps", title: "Eval coverage gaps", count: gaps.count,
                note: "Live traffic puts much more weight here than the eval set covers: candidates for new eval items.") { w in
            if gaps.isEmpty {
                w.element("p", class: "empty", text: "No coverage gaps: no slice carries much more live weight than its eval items cover.")
            } else {
                w.open("div", class: "gaps")
                for gap in gaps {
                    w.element("div", class: "card gap-item") { w in
                        w.element("h3") { w in
                            if let s = gap.slice { sliceName(&w, s) } else { w.text("novel inputs") }
                            w.element("span", class: "badge gap", text: "\(Format.percent(gap.liveShare)) of live traffic")
                        }
                        w.element("p", class: "why", text: gap.reason)
                        if gap.examples.isEmpty {
                            w.element("p", class: "small muted", text: "No live example captured.")
                        } else {
                            exampleList(&w, Array(gap.examples.prefix(Self.examplesShown)))
                        }
                    }
                }
                w.close("div")
            }
            w.element("p", class: "rule", text: "A slice is a gap when its live share is at least 1.5× its baseline share over 20 or more "
                + "live inputs, or when fewer than 20 eval items stand for 2% or more of live traffic; novel inputs are, when 20 or "
                + "more of them arrive at 1.5× the expected rate or more.")
        }
    }

    func examples(_ w: inout HTMLWriter) {
        section(&w, id: "examples", title: "Example inputs",
                note: "Live inputs and eval items per slice, most live traffic first. Hover a shortened input for its full text.") { w in
            w.open("div", class: "ex-list")
            let novel = model.novel
            w.element("details", novel.examples.isEmpty ? [:] : ["open": ""]) { w in
                w.element("summary") { w in
                    w.element("strong", text: "Novel inputs")
                    w.element("span", class: "muted",
                              text: novel.rate.map { " — \(Format.count(novel.count)) (\(Format.percent($0)) of embedded, \(Format.percent(novel.expectedRate)) expected)" }
                                ?? " — none yet")
                }
                w.element("div", class: "ex-cols") { w in
                    column(&w, "Live inputs far from every slice", novel.examples)
                }
            }
            let bySize = model.slices.indices.sorted { model.slices[$0].liveCount > model.slices[$1].liveCount }
            for i in bySize {
                let s = model.slices[i]
                w.element("details") { w in
                    w.element("summary") { w in
                        sliceName(&w, s)
                        w.element("span", class: "muted",
                                  text: " — \(Format.percent(s.liveShare)) live, \(Format.count(s.liveCount)) inputs · "
                                    + "\(s.liveExamples.count) live, \(s.evalExamples.count) eval examples")
                    }
                    w.element("div", class: "ex-cols") { w in
                        column(&w, "Live inputs", s.liveExamples)
                        column(&w, "Eval items", s.evalExamples)
                    }
                }
            }
            w.close("div")
        }
    }

    private func column(_ w: inout HTMLWriter, _ title: String, _ examples: [String]) {
        w.element("div") { w in
            w.element("p", class: "sub-head", text: title)
            if examples.isEmpty {
                w.element("p", class: "small muted", text: "none captured")
            } else {
                exampleList(&w, examples)
            }
        }
    }
}
