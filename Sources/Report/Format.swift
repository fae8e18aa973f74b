// Format: how the page writes numbers, rates, durations and times for people — and the compact numbers of SVG
// coordinates. Missing or non-finite values print as a dash; nothing prints "nan".

import Foundation

enum Format {
    /// What a missing value prints as.
    static let missing = "–"

    /// A share or rate as a percentage with one decimal: 0.1234 → "12.3%".
    static func percent(_ v: Double?) -> String {
        guard let v, v.isFinite else { return missing }
        return fixed(v * 100, decimals: 1) + "%"
    }

    /// A difference of two rates in percentage points, signed: 0.091 → "+9.1 pts", -0.02 → "−2.0 pts".
    static func points(_ v: Double?) -> String {
        guard let v, v.isFinite else { return missing }
        let text = fixed(abs(v) * 100, decimals: 1)
        if text == "0.0" { return "0.0 pts" }
        return (v < 0 ? "−" : "+") + text + " pts"
    }

    /// A count with thousands separators: 6093 → "6,093".
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// A p-value: small ones in scientific notation (2.1e-08), others with three decimals (0.012).
    static func pValue(_ p: Double?) -> String {
        guard let p, p.isFinite else { return missing }
        if p <= 0 { return "< 1e-300" }
        return p < 0.001 ? String(format: "%.1e", p) : String(format: "%.3f", p)
    }

    /// A plain statistic with three significant digits: 0.05412 → "0.0541", 2.314 → "2.31".
    static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return missing }
        return String(format: "%.3g", v)
    }

    /// A latency in milliseconds, as the alert sentences write it: "4.3 ms", "34 ms", "2,950 ms".
    static func milliseconds(_ v: Double?) -> String {
        guard let v, v.isFinite else { return missing }
        if v < 10 { return fixed(v, decimals: 1) + " ms" }
        return v < 1e15 ? count(Int(v.rounded())) + " ms" : fixed(v, decimals: 0) + " ms"
    }

    /// A ratio: 4.0 → "4.0×".
    static func ratio(_ v: Double) -> String { v.isFinite ? fixed(v, decimals: 1) + "×" : "∞×" }

    /// `v` rounded to `decimals` places, without Foundation (fast: the charts write thousands of these).
    static func fixed(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return missing }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 1e15 else { return String(format: "%.\(decimals)f", v) }
        let units = Int(scaled)
        let whole = units / Int(scale)
        var out = (v < 0 && units != 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = String(units % Int(scale))
            out += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return out
    }

    /// An SVG coordinate: one decimal, without a trailing ".0".
    static func coordinate(_ v: Double) -> String {
        let text = fixed(v, decimals: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Epoch seconds as a UTC date and time: "2026-11-25 14:31:43 UTC".
    static func utc(_ epoch: Double?) -> String {
        guard let epoch, CivilTime.representable(epoch) else { return missing }
        let t = CivilTime(epoch)
        return "\(t.year)-\(pad(t.month))-\(pad(t.day)) \(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)) UTC"
    }

    /// Epoch seconds as a short UTC label for an axis: "14:31", or "11-25 14:31" when `withDate`.
    static func clock(_ epoch: Double, withDate: Bool) -> String {
        guard CivilTime.representable(epoch) else { return missing }
        let t = CivilTime(epoch)
        let time = "\(pad(t.hour)):\(pad(t.minute))"
        return withDate ? "\(pad(t.month))-\(pad(t.day)) \(time)" : time
    }

    /// A duration in seconds for people: "45 s", "12 min", "3.5 h", "2.1 days".
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return missing }
        if seconds < 90 { return fixed(seconds, decimals: 0) + " s" }
        if seconds < 90 * 60 { return fixed(seconds / 60, decimals: 0) + " min" }
        if seconds < 36 * 3600 { return fixed(seconds / 3600, decimals: 1) + " h" }
        return fixed(seconds / 86400, decimals: 1) + " days"
    }

    /// A count with its noun, singular or plural: (1, "alert") → "1 alert", (2, "alert") → "2 alerts".
    static func counted(_ n: Int, _ noun: String) -> String { "\(count(n)) \(noun)\(n == 1 ? "" : "s")" }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

/// A UTC calendar date and time from epoch seconds (proleptic Gregorian, days-from-civil inverted).
private struct CivilTime {
    let year, month, day, hour, minute, second: Int

    /// Whether `epoch` is a time this type can convert (finite, within ±3 million years).
    static func representable(_ epoch: Double) -> Bool { epoch.isFinite && abs(epoch) < 1e14 }

    init(_ epoch: Double) {
        let seconds = Int(epoch.rounded(.down))
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let ofDay = seconds - days * 86400
        hour = ofDay / 3600
        minute = ofDay % 3600 / 60
        second = ofDay % 60
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }
}
