// PrometheusText: writes the Prometheus text exposition format (version 0.0.4) — HELP and TYPE once per
// family, escaped label values, Go-style float formatting — for the admin server's /metrics.

import Foundation

/// A /metrics page being written.
public struct PrometheusText: Sendable {
    public enum Kind: String, Sendable { case counter, gauge }

    public private(set) var text = ""
    private var families: Set<String> = []

    public init() {}

    /// The content type Prometheus expects for this format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Declares a family (once; later calls for the same name are ignored).
    public mutating func family(_ name: String, _ kind: Kind, _ help: String) {
        guard families.insert(name).inserted else { return }
        text += "# HELP \(name) \(help.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n"))\n"
        text += "# TYPE \(name) \(kind.rawValue)\n"
    }

    /// One sample of a family already declared.
    public mutating func sample(_ name: String, _ labels: KeyValuePairs<String, String> = [:], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.key)=\"\(Self.escape($0.value))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Self.format(value) + "\n"
    }

    /// Declares a family and writes its single unlabelled sample.
    public mutating func metric(_ name: String, _ kind: Kind, _ help: String, _ value: Double) {
        family(name, kind, help)
        sample(name, [:], value)
    }

    static func escape(_ value: String) -> String {
        var out = ""
        for c in value.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
