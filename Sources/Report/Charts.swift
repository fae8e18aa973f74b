// Charts: the inline SVG charts over windows — line charts (novel rate, slice-mix distance, pass rate, slice
// shares), the strip of findings per test, and the scales and window axis they share. Colours come from CSS
// classes (Style.swift); every label is escaped.

import Foundation

/// A vertical scale: the domain, its ticks, and how to print a tick and a value.
struct ValueScale {
    let low: Double
    let high: Double
    let ticks: [Double]
    let tickLabel: (Double) -> String
    let valueLabel: (Double) -> String

    /// A scale for rates (0...1) printed as percentages. `includeZero` starts it at 0; otherwise it hugs the
    /// values (pass rates near 100% stay readable). `minimumTop` keeps a flat series from filling the chart.
    static func rates(_ values: [Double], includeZero: Bool, minimumTop: Double = 0.01, tickCount: Int = 4) -> ValueScale {
        let (low, high, step) = domain(values, includeZero: includeZero, minimumTop: minimumTop, cap: 1, tickCount: tickCount)
        let decimals = decimalsShowing(step * 100)
        return ValueScale(low: low, high: high, ticks: ticks(low, high, step),
                          tickLabel: { Format.fixed($0 * 100, decimals: decimals) + "%" },
                          valueLabel: { Format.percent($0) })
    }

    /// A scale for plain statistics from 0 (e.g. a Jensen-Shannon distance).
    static func plain(_ values: [Double], minimumTop: Double, tickCount: Int = 4) -> ValueScale {
        let (low, high, step) = domain(values, includeZero: true, minimumTop: minimumTop, cap: nil, tickCount: tickCount)
        let decimals = decimalsShowing(step)
        return ValueScale(low: low, high: high, ticks: ticks(low, high, step),
                          tickLabel: { Format.fixed($0, decimals: decimals) },
                          valueLabel: { Format.fixed($0, decimals: 3) })
    }

    /// Where `v` sits between `top` (high) and `bottom` (low), in SVG units.
    func y(_ v: Double, top: Double, bottom: Double) -> Double {
        let t = high > low ? (min(max(v, low), high) - low) / (high - low) : 0.5
        return bottom - t * (bottom - top)
    }

    private static func domain(
        _ values: [Double], includeZero: Bool, minimumTop: Double, cap: Double?, tickCount: Int
    ) -> (Double, Double, Double) {
        let finite = values.filter(\.isFinite)
        var low = includeZero ? 0 : (finite.min() ?? 0)
        var high = max(finite.max() ?? minimumTop, includeZero ? minimumTop : low)
        if !includeZero, high - low < minimumTop {
            let middle = (high + low) / 2
            (low, high) = (middle - minimumTop / 2, middle + minimumTop / 2)
        }
        let step = niceStep((high - low) / Double(max(1, tickCount)))
        low = includeZero ? 0 : max(0, (low / step).rounded(.down) * step)
        high = (high / step).rounded(.up) * step
        if let cap, high > cap, low < cap { high = cap }
        if high <= low { high = low + step }
        return (low, high, step)
    }

    private static func ticks(_ low: Double, _ high: Double, _ step: Double) -> [Double] {
        var ticks: [Double] = []
        var v = low
        while v <= high + step * 1e-6, ticks.count < 20 {
            ticks.append(v)
            v += step
        }
        if let last = ticks.last, high - last > step * 1e-6 { ticks.append(high) }
        return ticks
    }

    /// The fewest decimals that print multiples of `step` exactly (0.25 → 2, 5 → 0).
    private static func decimalsShowing(_ step: Double) -> Int {
        var decimals = 0
        var scaled = step
        while abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled), decimals < 6 {
            decimals += 1
            scaled *= 10
        }
        return decimals
    }
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
func niceStep(_ raw: Double) -> Double {
    guard raw.isFinite, raw > 0 else { return 1 }
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let f = raw / magnitude
    let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10
    return nice * magnitude
}

/// The horizontal axis of a chart over windows: one position per window, labelled by window number and,
/// when windows have start times, by their UTC time below.
struct WindowAxis {
    let windows: [WindowPoint]
    let left: Double
    let right: Double

    var count: Int { windows.count }

    /// The x of window position `p`.
    func x(_ p: Int) -> Double {
        count <= 1 ? (left + right) / 2 : left + (right - left) * Double(p) / Double(count - 1)
    }

    /// The width one window stands for.
    var slot: Double { count <= 1 ? (right - left) : (right - left) / Double(count - 1) }

    /// Tick marks and labels below `bottom`: window numbers, then times on a second row when known.
    func labels(bottom: Double, maxLabels: Int) -> String {
        guard count > 0 else { return "" }
        let every = Self.labelStep(count, maxLabels: maxLabels)
        let starts = windows.compactMap(\.start)
        let withDate = (starts.max() ?? 0) - (starts.min() ?? 0) >= 20 * 3600
        var svg = ""
        svg += "<text class=\"axis-name\" x=\"0\" y=\"\(Format.coordinate(bottom + 15))\">window</text>"
        if !starts.isEmpty {
            svg += "<text class=\"axis-name\" x=\"0\" y=\"\(Format.coordinate(bottom + 29))\">UTC</text>"
        }
        // Label round window numbers (50, 100, …) when the windows are numbered consecutively, else every n-th.
        let round = windows.indices.filter { windows[$0].index % every == 0 }
        let labelled = round.count >= count / every ? round : Array(stride(from: 0, to: count, by: every))
        for p in labelled {
            let x = Format.coordinate(x(p))
            svg += "<line class=\"tick\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(Format.coordinate(bottom))\" y2=\"\(Format.coordinate(bottom + 4))\"/>"
            svg += "<text x=\"\(x)\" y=\"\(Format.coordinate(bottom + 15))\" text-anchor=\"middle\">\(windows[p].index)</text>"
            if let start = windows[p].start {
                svg += "<text class=\"time\" x=\"\(x)\" y=\"\(Format.coordinate(bottom + 29))\" text-anchor=\"middle\">"
                    + HTML.escape(Format.clock(start, withDate: withDate)) + "</text>"
            }
        }
        return svg
    }

    /// A label every 1, 2, 5, 10, 20, 25, 50, … windows, so that at most `maxLabels` show.
    static func labelStep(_ count: Int, maxLabels: Int) -> Int {
        let needed = max(1, Int((Double(count) / Double(max(1, maxLabels))).rounded(.up)))
        if let small = [1, 2, 5].first(where: { $0 >= needed }) { return small }
        var m = 10
        while true {
            if let step = [m, 2 * m, 5 * m / 2, 5 * m].first(where: { $0 >= needed }) { return step }
            m *= 10
        }
    }

    /// "window 7 (14:05:00 UTC)" for tooltips.
    func name(_ p: Int) -> String {
        let w = windows[p]
        return "window \(w.index)" + (w.start.map { " (\(Format.utc($0)))" } ?? "")
    }
}

/// One line of a chart: a value per window (nil where the window has none) and its CSS class.
struct Series {
    let name: String
    let values: [Double?]
    let style: String
}

/// A line chart over windows, with the windows that carry relevant findings marked.
struct LineChart {
    let label: String
    let windows: [WindowPoint]
    let series: [Series]
    let scale: ValueScale
    /// The findings of a window that this chart marks (empty: not marked).
    let marks: (WindowPoint) -> [String]
    var width = 860.0
    var height = 210.0
    var compact = false

    func svg() -> String {
        let (top, left) = compact ? (6.0, 34.0) : (10.0, 56.0)
        let bottom = height - (compact ? 8 : windows.contains { $0.start != nil } ? 38 : 24)
        let axis = WindowAxis(windows: windows, left: left, right: width - (compact ? 6 : 14))
        var svg = "<svg class=\"chart\(compact ? " compact" : "")\" viewBox=\"0 0 \(Format.coordinate(width)) \(Format.coordinate(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
        svg += gridlines(axis: axis, top: top, bottom: bottom)
        svg += markings(axis: axis, top: top, bottom: bottom)
        for s in series { svg += line(s, axis: axis, top: top, bottom: bottom) }
        if !compact {
            svg += axis.labels(bottom: bottom, maxLabels: Int((axis.right - axis.left) / 64))
            if windows.count <= 60 { svg += hoverPoints(axis: axis, top: top, bottom: bottom) }
        }
        return svg + "</svg>"
    }

    private func gridlines(axis: WindowAxis, top: Double, bottom: Double) -> String {
        var svg = ""
        let ticks = compact ? [scale.low, scale.high] : scale.ticks
        for t in ticks {
            let y = Format.coordinate(scale.y(t, top: top, bottom: bottom))
            svg += "<line class=\"\(t == scale.low ? "axis" : "grid")\" x1=\"\(Format.coordinate(axis.left))\" x2=\"\(Format.coordinate(axis.right))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            svg += "<text x=\"\(Format.coordinate(axis.left - 6))\" y=\"\(y)\" dy=\"0.32em\" text-anchor=\"end\">"
                + HTML.escape(scale.tickLabel(t)) + "</text>"
        }
        return svg
    }

    private func markings(axis: WindowAxis, top: Double, bottom: Double) -> String {
        var svg = ""
        let band = max(2, axis.slot * 0.8)
        for (p, w) in windows.enumerated() {
            let found = marks(w)
            guard !found.isEmpty else { continue }
            let x = axis.x(p)
            let (x0, x1) = (max(axis.left, x - band / 2), min(axis.right, x + band / 2))
            let title = "<title>" + HTML.escape(axis.name(p) + ": " + found.joined(separator: ", ")) + "</title>"
            svg += "<rect class=\"mark-band\" x=\"\(Format.coordinate(x0))\" y=\"\(Format.coordinate(top))\" width=\"\(Format.coordinate(x1 - x0))\" height=\"\(Format.coordinate(bottom - top))\">\(title)</rect>"
            if !compact {
                svg += "<path class=\"mark\" d=\"M\(Format.coordinate(x - 4)) \(Format.coordinate(top - 6))h8l-4 6z\">\(title)</path>"
            }
        }
        return svg
    }

    private func line(_ s: Series, axis: WindowAxis, top: Double, bottom: Double) -> String {
        var svg = ""
        var run: [String] = []
        func flush() {
            if run.count == 1 {
                let xy = run[0].split(separator: ",")
                svg += "<circle class=\"dot \(s.style)\" cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"\(compact ? 2.5 : 4)\"/>"
            } else if run.count > 1 {
                svg += "<polyline class=\"line \(s.style)\" points=\"" + run.joined(separator: " ") + "\"/>"
            }
            run.removeAll(keepingCapacity: true)
        }
        for p in 0..<min(s.values.count, windows.count) {
            guard let v = s.values[p], v.isFinite else { flush(); continue }
            run.append(Format.coordinate(axis.x(p)) + "," + Format.coordinate(scale.y(v, top: top, bottom: bottom)))
        }
        flush()
        return svg
    }

    /// Points with a tooltip each (small charts only: a tooltip per window of 500 would bloat the page).
    private func hoverPoints(axis: WindowAxis, top: Double, bottom: Double) -> String {
        var svg = ""
        for s in series where !s.style.contains("reference") {
            for p in 0..<min(s.values.count, windows.count) {
                guard let v = s.values[p], v.isFinite else { continue }
                svg += "<circle class=\"point \(s.style)\" cx=\"\(Format.coordinate(axis.x(p)))\" cy=\"\(Format.coordinate(scale.y(v, top: top, bottom: bottom)))\" r=\"3\"><title>"
                    + HTML.escape("\(axis.name(p)): \(s.name) \(scale.valueLabel(v))") + "</title></circle>"
            }
        }
        return svg
    }
}

/// Which tests found something in which window: a row per test key, a bar over consecutive windows with a
/// finding; keys firing now in red, others amber.
struct FindingStrip {
    let windows: [WindowPoint]
    let firing: Set<String>
    var width = 860.0
    /// Rows beyond this are left out (and counted by the caller via `keys`).
    static let maxRows = 14

    /// Keys in order of their first finding.
    var keys: [String] {
        var seen = Set<String>()
        var keys: [String] = []
        for w in windows {
            for k in w.findings where seen.insert(k).inserted { keys.append(k) }
        }
        return keys
    }

    func svg() -> String {
        let rows = Array(keys.prefix(Self.maxRows))
        let rowHeight = 18.0
        let top = 4.0
        let bottom = top + rowHeight * Double(rows.count)
        let height = bottom + (windows.contains { $0.start != nil } ? 38 : 24)
        let axis = WindowAxis(windows: windows, left: 210, right: width - 14)
        var svg = "<svg class=\"chart strip\" viewBox=\"0 0 \(Format.coordinate(width)) \(Format.coordinate(height))\" role=\"img\" aria-label=\"findings per window\">"
        let half = max(1.5, axis.slot / 2)
        for (r, key) in rows.enumerated() {
            let y = top + rowHeight * Double(r)
            svg += "<rect class=\"lane\" x=\"\(Format.coordinate(axis.left - half))\" y=\"\(Format.coordinate(y + 3))\" width=\"\(Format.coordinate(axis.right - axis.left + 2 * half))\" height=\"\(Format.coordinate(rowHeight - 6))\"/>"
            svg += "<text x=\"\(Format.coordinate(axis.left - half - 8))\" y=\"\(Format.coordinate(y + rowHeight / 2))\" dy=\"0.32em\" text-anchor=\"end\">"
                + "<title>" + HTML.escape(key) + "</title>" + HTML.escape(HTML.truncate(key, to: 30)) + "</text>"
            let style = firing.contains(key) ? "hit firing" : "hit"
            var p = 0
            while p < windows.count {
                guard windows[p].findings.contains(key) else { p += 1; continue }
                let first = p
                while p + 1 < windows.count, windows[p + 1].findings.contains(key) { p += 1 }
                let x0 = axis.x(first) - half
                let x1 = axis.x(p) + half
                let span = first == p ? axis.name(first) : "\(axis.name(first)) to \(axis.name(p))"
                svg += "<rect class=\"\(style)\" x=\"\(Format.coordinate(x0))\" y=\"\(Format.coordinate(y + 3))\" width=\"\(Format.coordinate(x1 - x0))\" height=\"\(Format.coordinate(rowHeight - 6))\" rx=\"2\"><title>"
                    + HTML.escape("\(key): \(span)") + "</title></rect>"
                p += 1
            }
        }
        svg += axis.labels(bottom: bottom, maxLabels: Int((axis.right - axis.left) / 64))
        return svg + "</svg>"
    }
}
