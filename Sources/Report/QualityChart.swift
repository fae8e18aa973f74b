// QualityChart: the inline SVG bridge from the baseline's pass rate to the observed one — the baseline mix,
// "the mix moved", the expected rate under the live mix with its 95% interval, "slices got worse", observed.

struct QualityBridge {
    let quality: QualityOverview
    var width = 860.0

    private struct Row {
        enum Kind { case level(low: Double?, high: Double?), step(from: Double) }
        let label: String
        let value: Double
        let kind: Kind
        let note: String
    }

    private var rows: [Row] {
        let q = quality
        var rows: [Row] = []
        if let b = q.baselinePassRate {
            rows.append(Row(label: "baseline mix", value: b, kind: .level(low: nil, high: nil),
                            note: Format.percent(b)))
        }
        if let e = q.expectedPassRate {
            if let b = q.baselinePassRate {
                rows.append(Row(label: "the mix moved", value: e, kind: .step(from: b), note: Format.points(q.mixMoved ?? e - b)))
            }
            let interval = q.expectedLower.flatMap { lo in q.expectedUpper.map { hi in " [\(Format.percent(lo)), \(Format.percent(hi))]" } } ?? ""
            rows.append(Row(label: "expected under live mix", value: e, kind: .level(low: q.expectedLower, high: q.expectedUpper),
                            note: Format.percent(e) + interval))
            rows.append(Row(label: "slices got worse", value: q.passRate, kind: .step(from: e),
                            note: Format.points(q.slicesGotWorse ?? q.passRate - e)))
        }
        rows.append(Row(label: "observed (\(Format.counted(quality.scored, "answer")) scored)", value: quality.passRate,
                        kind: .level(low: nil, high: nil), note: Format.percent(quality.passRate)))
        return rows
    }

    func svg() -> String {
        let rows = rows
        var values: [Double] = []
        for r in rows {
            values.append(r.value)
            if case .level(let lo, let hi) = r.kind { values += [lo, hi].compactMap { $0 } }
        }
        let scale = ValueScale.rates(values, includeZero: false, minimumTop: 0.04, tickCount: 5)
        let (left, right) = (210.0, width - 190)
        let rowHeight = 26.0
        let top = 8.0
        let bottom = top + rowHeight * Double(rows.count)
        let height = bottom + 22
        func x(_ v: Double) -> Double {
            left + (min(max(v, scale.low), scale.high) - scale.low) / (scale.high - scale.low) * (right - left)
        }
        let c = Format.coordinate
        var svg = "<svg class=\"chart bridge\" viewBox=\"0 0 \(Format.coordinate(width)) \(Format.coordinate(height))\" role=\"img\" aria-label=\"pass rate: baseline mix, expected under the live mix, observed\">"
        for t in scale.ticks {
            svg += "<line class=\"grid\" x1=\"\(c(x(t)))\" x2=\"\(c(x(t)))\" y1=\"\(Format.coordinate(top))\" y2=\"\(Format.coordinate(bottom))\"/>"
            svg += "<text x=\"\(c(x(t)))\" y=\"\(Format.coordinate(bottom + 15))\" text-anchor=\"middle\">" + HTML.escape(scale.tickLabel(t)) + "</text>"
        }
        for (i, r) in rows.enumerated() {
            let y = top + rowHeight * (Double(i) + 0.5)
            let yc = Format.coordinate(y)
            svg += "<text class=\"row-label\" x=\"\(Format.coordinate(left - 12))\" y=\"\(yc)\" dy=\"0.32em\" text-anchor=\"end\">" + HTML.escape(r.label) + "</text>"
            switch r.kind {
            case .level(let lo, let hi):
                if let lo, let hi {
                    svg += "<rect class=\"interval\" x=\"\(c(x(lo)))\" y=\"\(c(y - 7))\" width=\"\(c(max(1, x(hi) - x(lo))))\" height=\"14\" rx=\"3\"><title>95% interval</title></rect>"
                }
                svg += "<circle class=\"level\" cx=\"\(c(x(r.value)))\" cy=\"\(yc)\" r=\"5\"/>"
            case .step(let from):
                let (a, b) = (x(from), x(r.value))
                let style = r.value < from - 1e-12 ? "step down" : "step up"
                svg += "<rect class=\"\(style)\" x=\"\(Format.coordinate(min(a, b)))\" y=\"\(Format.coordinate(y - 5))\" width=\"\(Format.coordinate(max(1.5, abs(b - a))))\" height=\"10\" rx=\"2\"/>"
            }
            svg += "<text class=\"row-value\" x=\"\(Format.coordinate(right + 14))\" y=\"\(yc)\" dy=\"0.32em\">" + HTML.escape(r.note) + "</text>"
        }
        return svg + "</svg>"
    }
}
