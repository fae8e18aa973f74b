// Sections+Timeline: drift and novelty over time — novel rate vs expected, slice-mix distance, pass rate vs
// expected, which tests found what in which window, and small multiples of the slices that moved most.

extension Page {
    /// Slices drawn as small multiples.
    static let multiplesShown = 8

    func timeline(_ w: inout HTMLWriter) {
        let windows = model.windows
        section(&w, id: "time", title: "Drift and novelty over time",
                note: "One point per window of \(model.totals.windowSize); red marks are windows where a test found drift.") { w in
            guard !windows.isEmpty else {
                w.element("p", class: "empty", text: "No window has been evaluated yet: the charts appear once the first window of \(model.totals.windowSize) closes.")
                return
            }
            w.open("div", class: "charts")
            chartCard(&w, title: "Novel rate", legend: [("s-live", "novel share of embedded inputs"),
                                                        ("reference", "expected rate"), ("mark", "novelty finding")],
                      chart: LineChart(
                          label: "novel rate per window",
                          windows: windows,
                          series: [Series(name: "novel rate", values: windows.map(\.novelRate), style: "s-live"),
                                   Series(name: "expected", values: windows.map { $0.expectedNovelRate }, style: "s-reference")],
                          scale: .rates(windows.flatMap { [$0.novelRate, $0.expectedNovelRate].compactMap { $0 } },
                                        includeZero: true, minimumTop: 0.1),
                          marks: { $0.findings.filter { $0 == "novelty" } }))
            chartCard(&w, title: "Slice-mix distance", legend: [("s-live", "Jensen-Shannon distance from the baseline mix"),
                                                                ("mark", "slice mix or slice share finding")],
                      chart: LineChart(
                          label: "slice-mix Jensen-Shannon distance per window",
                          windows: windows,
                          series: [Series(name: "distance", values: windows.map(\.sliceMixDistance), style: "s-live")],
                          scale: .plain(windows.compactMap(\.sliceMixDistance), minimumTop: 0.1),
                          marks: { $0.findings.filter { $0 == "slice_mix" || $0.hasPrefix("slice_share/") } }))
            if windows.contains(where: { $0.passRate != nil || $0.expectedPassRate != nil }) {
                chartCard(&w, title: "Pass rate", legend: [("s-live", "scored answers that passed"),
                                                           ("reference", "expected under the window's slice mix"),
                                                           ("mark", "quality finding")],
                          chart: LineChart(
                              label: "pass rate per window",
                              windows: windows,
                              series: [Series(name: "pass rate", values: windows.map(\.passRate), style: "s-live"),
                                       Series(name: "expected", values: windows.map(\.expectedPassRate), style: "s-reference")],
                              scale: .rates(windows.flatMap { [$0.passRate, $0.expectedPassRate].compactMap { $0 } },
                                            includeZero: false, minimumTop: 0.05),
                              marks: { $0.findings.filter { $0.hasPrefix("quality/") } }))
            }
            findingStrip(&w)
            w.close("div")
            multiples(&w)
        }
    }

    private func chartCard(_ w: inout HTMLWriter, title: String, legend: [(String, String)], chart: LineChart) {
        w.element("div", class: "card chart-card") { w in
            w.element("div", class: "head") { w in
                w.element("h3", text: title)
                self.legend(&w, legend)
                if let latest = latest(chart) { w.element("span", class: "latest", text: latest) }
            }
            w.raw(chart.svg())
        }
    }

    /// The last window's figures, e.g. "window 13: novel rate 10.9%, expected 5.0%" (nil when it has none).
    private func latest(_ chart: LineChart) -> String? {
        guard let last = chart.windows.last else { return nil }
        let p = chart.windows.count - 1
        let figures = chart.series.compactMap { s in
            (p < s.values.count ? s.values[p] : nil).map { "\(s.name) \(chart.scale.valueLabel($0))" }
        }
        return figures.isEmpty ? nil : "window \(last.index): " + figures.joined(separator: ", ")
    }

    private func legend(_ w: inout HTMLWriter, _ items: [(String, String)]) {
        w.element("div", class: "legend") { w in
            for (style, name) in items {
                w.element("span") { w in
                    w.raw("<i class=\"sw \(style)\"></i>")
                    w.text(name)
                }
            }
        }
    }

    private func findingStrip(_ w: inout HTMLWriter) {
        let strip = FindingStrip(windows: model.windows, firing: firing)
        let keys = strip.keys
        w.element("div", class: "card chart-card") { w in
            w.element("div", class: "head") { w in
                w.element("h3", text: "Findings per test")
                legend(&w, [("hit firing", "firing now"), ("hit", "finding (not firing now)")])
            }
            if keys.isEmpty {
                w.element("p", class: "muted", text: "No test found drift in any window.")
            } else {
                w.raw(strip.svg())
                if keys.count > FindingStrip.maxRows {
                    w.element("p", class: "small muted", text: "\(keys.count - FindingStrip.maxRows) more test keys with findings: "
                        + keys.dropFirst(FindingStrip.maxRows).joined(separator: ", "))
                }
            }
        }
    }

    private func multiples(_ w: inout HTMLWriter) {
        let shown = order.prefix(Self.multiplesShown)
        guard !shown.isEmpty else { return }
        w.element("div", class: "head multiples-head") { w in
            w.element("h3", text: "Slices that moved most")
            legend(&w, [("s-live", "live share per window"), ("reference", "baseline share"), ("mark", "slice share finding")])
        }
        w.open("div", class: "multiples")
        for i in shown {
            let s = model.slices[i]
            let values = model.windows.map { i < $0.sliceShares.count ? $0.sliceShares[i] : nil }
            let key = "slice_share/" + s.id
            let chart = LineChart(
                label: "share of slice \(s.id) per window",
                windows: model.windows,
                series: [Series(name: "live share", values: values, style: "s-live"),
                         Series(name: "baseline", values: model.windows.map { _ in s.baselineShare }, style: "s-reference")],
                scale: .rates(values.compactMap { $0 } + [s.baselineShare], includeZero: true,
                              minimumTop: max(0.01, s.baselineShare * 1.5), tickCount: 1),
                marks: { $0.findings.filter { $0 == key } },
                width: 260, height: 90, compact: true)
            w.element("div", class: s.alerting ? "multiple alerting" : "multiple") { w in
                w.element("h3", ["title": "\(s.id) \(s.label)"]) { w in sliceName(&w, s) }
                w.element("p", class: "move",
                          text: "\(Format.percent(s.baselineShare)) baseline → \(Format.percent(s.liveShare)) live")
                w.raw(chart.svg())
            }
        }
        w.close("div")
    }
}
