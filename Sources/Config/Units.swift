// Units: durations (`30s`, `5m`, `2h`, `30d`, `250ms`; a bare number is seconds) and sizes (`64MiB`, `512KiB`;
// a bare number is bytes) — parsed from configuration text and written back in the shortest exact form.

/// Duration text <-> seconds; also what `slicewatch replay` reads `--window` and `--false-alarm-every` with.
public enum Durations {
    static let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]

    /// Seconds, or nil when the text is not a number with an optional unit (ms, s, m, h, d).
    public static func parse(_ text: String) -> Double? {
        let (number, unit) = splitUnit(text)
        guard let value = finiteNumber(number) else { return nil }
        if unit.isEmpty { return value }
        guard let factor = units.first(where: { $0.suffix == unit.lowercased() })?.seconds else { return nil }
        return value * factor
    }

    /// The shortest exact form: `30d`, `5m`, `300s` stays `5m`, `1.5s`, `250ms`.
    static func format(_ seconds: Double) -> String {
        if seconds == 0 { return "0s" }
        for (suffix, factor) in units.reversed() where factor >= 1 {
            let n = seconds / factor
            if n >= 1, n == n.rounded(), n < 1e15 { return "\(Int(n))\(suffix)" }
        }
        let ms = seconds * 1000
        if ms == ms.rounded(), abs(ms) < 1e15 { return "\(Int(ms))ms" }
        return "\(seconds)s"
    }
}

/// Size text <-> bytes.
enum Sizes {
    static let units: [(suffix: String, bytes: Int)] = [
        ("b", 1), ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000),
    ]

    /// Bytes, or nil when the text is not a whole number of bytes with an optional unit (B, KiB, MiB, GiB, KB, MB, GB).
    static func parse(_ text: String) -> Int? {
        let (number, unit) = splitUnit(text)
        guard let value = finiteNumber(number), value >= -1e15, value <= 1e15 else { return nil }
        let factor: Int
        if unit.isEmpty {
            factor = 1
        } else if let f = units.first(where: { $0.suffix == unit.lowercased() })?.bytes {
            factor = f
        } else {
            return nil
        }
        let bytes = value * Double(factor)
        guard bytes == bytes.rounded() else { return nil }
        return Int(bytes)
    }

    /// `64MiB`, `512KiB`, `1000` (bytes when no binary unit divides it).
    static func format(_ bytes: Int) -> String {
        for (suffix, factor) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes != 0 && bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)"
    }
}

/// "30 s" -> ("30", "s"): the number and the letters after it, spaces trimmed.
private func splitUnit(_ text: String) -> (number: String, unit: String) {
    let trimmed = text.trimmingWhitespace
    var cut = trimmed.endIndex
    while cut > trimmed.startIndex, let c = trimmed[trimmed.index(before: cut)].asciiValue, c.isASCIILetter {
        cut = trimmed.index(before: cut)
    }
    return (String(trimmed[..<cut]).trimmingWhitespace, String(trimmed[cut...]))
}

/// A finite decimal number (digits, sign, point, exponent; `_` between digits allowed), nil otherwise.
func finiteNumber(_ text: String) -> Double? {
    let cleaned = text.replacingUnderscores
    guard !cleaned.isEmpty, cleaned.allSatisfy({ "0123456789+-.eE".contains($0) }), let value = Double(cleaned), value.isFinite
    else { return nil }
    return value
}

/// A whole decimal number (`_` between digits allowed), nil otherwise.
func wholeNumber(_ text: String) -> Int? {
    let cleaned = text.trimmingWhitespace.replacingUnderscores
    guard !cleaned.isEmpty, cleaned.allSatisfy({ "0123456789+-".contains($0) }) else { return nil }
    return Int(cleaned)
}

extension UInt8 {
    fileprivate var isASCIILetter: Bool { (self >= 65 && self <= 90) || (self >= 97 && self <= 122) }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// `1_000_000` -> `1000000` (underscores only between digits).
    fileprivate var replacingUnderscores: String {
        let chars = Array(self)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c == "_", i > 0, i + 1 < chars.count, chars[i - 1].isNumber, chars[i + 1].isNumber { continue }
            out.append(c)
        }
        return out
    }
}
