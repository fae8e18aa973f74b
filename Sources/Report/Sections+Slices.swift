// Sections+Slices: the slice table — baseline vs live share with bars, sorted by how far each moved — with
// eval items, coverage-gap badges, latency and errors against the reference, and pass rate against the eval.

extension Page {
    func sliceTable(_ w: inout HTMLWriter) {
        let slices = model.slices
        section(&w, id: "slices", title: "Slice shares: baseline vs live", count: slices.count,
                note: "Sorted by how far the live share moved from the baseline's (\(model.baseline.shareSource)). Reference traffic in brackets under latency and errors.") { w in
            guard !slices.isEmpty else {
                w.element("p", class: "empty", text: "The baseline has no slices.")
                return
            }
            let widest = max(1e-12, slices.map { max($0.baselineShare, $0.liveShare) }.max() ?? 0)
            w.open("div", class: "table-wrap")
            w.raw("<table><thead><tr><th>Slice</th><th class=\"num\">Baseline</th><th class=\"num\">Live</th>"
                + "<th><span class=\"sw reference\"></span>base <span class=\"sw\"></span>live</th><th class=\"num\">Change</th>"
                + "<th class=\"num\">Live n</th><th class=\"num\">Eval items</th><th class=\"num\">p95 latency</th>"
                + "<th class=\"num\">Errors</th><th class=\"num\">Pass live</th><th class=\"num\">Pass eval</th></tr></thead><tbody>")
            for i in order { sliceRow(&w, slices[i], widest: widest) }
            w.raw("</tbody></table>")
            w.close("div")
        }
    }

    private func sliceRow(_ w: inout HTMLWriter, _ s: SliceRow, widest: Double) {
        w.raw(s.alerting ? "<tr class=\"alerting\">" : "<tr>")
        w.element("td", class: "slice") { w in
            sliceName(&w, s)
            if s.alerting { w.element("span", class: "badge firing", text: "alert") }
            if CoverageGap.isGap(s) { w.element("span", class: "badge gap", text: "coverage gap") }
        }
        w.element("td", class: "num", text: Format.percent(s.baselineShare))
        w.element("td", class: "num", text: Format.percent(s.liveShare))
        w.element("td", class: "bars") { w in
            w.raw("<div class=\"bar base\" style=\"width:\(Format.coordinate(s.baselineShare / widest * 100))%\"></div>")
            w.raw("<div class=\"bar live\" style=\"width:\(Format.coordinate(s.liveShare / widest * 100))%\"></div>")
        }
        let change = s.liveShare - s.baselineShare
        w.element("td", class: abs(change) >= 0.01 ? "num \(change > 0 ? "up" : "down")" : "num", text: Format.points(change))
        w.element("td", class: "num", text: Format.count(s.liveCount))
        w.element("td", class: "num", text: Format.count(s.evalItems))
        w.element("td", class: "num") { w in
            w.text(Format.milliseconds(s.latencyP95))
            if let ref = s.referenceP95 { w.element("span", class: "ref", ["title": "reference traffic"], text: "(\(Format.milliseconds(ref)))") }
        }
        w.element("td", class: "num") { w in
            w.text(Format.percent(s.errorRate))
            if let ref = s.referenceErrorRate { w.element("span", class: "ref", ["title": "reference traffic"], text: "(\(Format.percent(ref)))") }
        }
        let worse = (drop(s) ?? 0) <= -Self.qualityFloor
        w.element("td", class: worse ? "num worse" : "num", ["title": "\(Format.count(s.scored)) scored"],
                  text: Format.percent(s.livePassRate))
        w.element("td", class: "num", text: Format.percent(s.evalPassRate))
        w.raw("</tr>\n")
    }
}
