// ValueType: the type of a configuration key — how its text is parsed and checked, what the reference and error
// messages say is allowed — and ConfigValue, the parsed value before it is set on the configuration.

import Drift
import Exchange
import Foundation
import Sinks

/// A parsed value of a key.
enum ConfigValue: Sendable, Hashable {
    /// Not given and no default (optional keys).
    case unset
    case text(String)
    case integer(Int)
    case seconds(Double)
    case url(URL)
    case listen(ListenAddress)
    case window(WindowSpec)
    case interval(FalseAlarmInterval)
    case routes([AdapterRoute])
    case generic([GenericAPIConfiguration])
    case sinks([SinkSettings])

    // Accessors for the key table's setters; the table pairs each key with its type, so a mismatch is a bug.
    var optionalText: String? {
        switch self {
        case .unset: nil
        case .text(let t): t
        default: preconditionFailure("not text: \(self)")
        }
    }
    var text: String { optionalText ?? "" }
    var integer: Int {
        guard case .integer(let n) = self else { preconditionFailure("not an integer: \(self)") }
        return n
    }
    var seconds: Double {
        guard case .seconds(let s) = self else { preconditionFailure("not seconds: \(self)") }
        return s
    }
}

/// The type of a key.
enum ValueType: Sendable {
    /// Text; `nonEmpty` rejects "".
    case text(nonEmpty: Bool)
    /// A file or directory path (not checked for existence).
    case path
    /// A secret: non-empty, no whitespace; never printed.
    case secret
    case integer(ClosedRange<Int>)
    /// Seconds.
    case duration(ClosedRange<Double>)
    /// Bytes.
    case size(ClosedRange<Int>)
    case choice([String])
    /// An http(s) URL with a host.
    case url
    case listen
    case window
    case interval
    case routes
    case generic
    case sinks

    /// Lists and mappings: environment variables and flags hold them in YAML flow syntax.
    var isStructured: Bool {
        switch self {
        case .routes, .generic, .sinks: true
        default: false
        }
    }

    var isSecret: Bool {
        if case .secret = self { return true }
        return false
    }

    /// The type column of the reference.
    var name: String {
        switch self {
        case .text: "string"
        case .path: "path"
        case .secret: "secret"
        case .integer: "integer"
        case .duration: "duration"
        case .size: "size"
        case .choice: "enum"
        case .url: "URL"
        case .listen: "address"
        case .window: "count or duration"
        case .interval: "duration or count"
        case .routes, .generic, .sinks: "list"
        }
    }

    /// What is accepted, for the reference and for error messages.
    var allowed: String {
        switch self {
        case .text(let nonEmpty): nonEmpty ? "non-empty text" : "any text"
        case .path: "a file path"
        case .secret: "non-empty text without spaces"
        case .integer(let r): "a whole number from \(r.lowerBound) to \(r.upperBound)"
        case .duration(let r):
            "a duration such as 30s, 5m, 2h, 30d (ms, s, m, h, d; a bare number is seconds) "
                + "from \(Durations.format(r.lowerBound)) to \(Durations.format(r.upperBound))"
        case .size(let r):
            "a size such as 64MiB (B, KiB, MiB, GiB, KB, MB, GB; a bare number is bytes) "
                + "from \(Sizes.format(r.lowerBound)) to \(Sizes.format(r.upperBound))"
        case .choice(let values): "one of: " + values.joined(separator: ", ")
        case .url: "an http:// or https:// URL with a host"
        case .listen: "HOST:PORT or [IPV6]:PORT with a port from 0 (any free port) to 65535"
        case .window: "a count of interactions (500) or a duration of packet time (30s, 5m, 1h), at least 1 interaction or 1s"
        case .interval: "a duration at the observed traffic rate (30d, 12h) or a count of interactions (1000000), positive"
        case .routes: "a list of PATTERN=API strings or {path: PATTERN, api: API} mappings; API one of: " + RouteParsing.apiNames
        case .generic: "a list of mappings {path, input, output, model, status, name} (or path=...,input=...,output=... strings)"
        case .sinks: "a list of sink mappings, each with type: " + SinkParsing.types.joined(separator: ", ")
        }
    }

    /// Parses a (non-null) node; nil after recording the problem.
    func parse(_ node: ConfigNode, key: String, _ context: ParseContext) -> ConfigValue? {
        switch self {
        case .routes: return RouteParsing.routes(node, key: key, context).map(ConfigValue.routes)
        case .generic: return RouteParsing.generic(node, key: key, context).map(ConfigValue.generic)
        case .sinks: return SinkParsing.sinks(node, key: key, context).map(ConfigValue.sinks)
        default: break
        }
        guard let text = node.scalarText else {
            context.fail(key, node, "is \(node.kindName), not a single value", allowed: allowed)
            return nil
        }
        return parseScalar(text, node: node, key: key, context)
    }

    private func parseScalar(_ text: String, node: ConfigNode, key: String, _ context: ParseContext) -> ConfigValue? {
        func fail(_ problem: String) -> ConfigValue? {
            context.fail(key, node, problem, allowed: allowed)
            return nil
        }
        switch self {
        case .text(let nonEmpty):
            return nonEmpty && text.trimmingWhitespace.isEmpty ? fail("is empty") : .text(text)
        case .path:
            return text.trimmingWhitespace.isEmpty || text.contains("\0") ? fail("is not a path") : .text(text)
        case .secret:
            if text.isEmpty { return fail("is empty") }
            return text.contains(where: \.isWhitespace) ? fail("contains whitespace") : .text(text)
        case .integer(let range):
            guard let n = wholeNumber(text) else { return fail("is not a whole number") }
            return range.contains(n) ? .integer(n) : fail("is out of range")
        case .duration(let range):
            guard let s = Durations.parse(text) else { return fail("is not a duration") }
            return range.contains(s) ? .seconds(s) : fail("is out of range")
        case .size(let range):
            guard let n = Sizes.parse(text) else { return fail("is not a size") }
            return range.contains(n) ? .integer(n) : fail("is out of range")
        case .choice(let values):
            if values.contains(text) { return .text(text) }
            if let match = values.first(where: { $0.lowercased() == text.lowercased() }) {
                return fail("is not allowed (did you mean \(match)?)")
            }
            return fail("is not allowed")
        case .url:
            guard let url = Self.httpURL(text) else { return fail("is not an http(s) URL") }
            return .url(url)
        case .listen:
            guard let address = ListenAddress.parse(text.trimmingWhitespace) else { return fail("is not a listen address") }
            return .listen(address)
        case .window:
            if let n = wholeNumber(text) { return n >= 1 ? .window(.count(n)) : fail("is not a positive count") }
            guard let s = Durations.parse(text) else { return fail("is neither a count nor a duration") }
            return s >= 1 ? .window(.duration(seconds: s)) : fail("is shorter than 1s")
        case .interval:
            if let n = wholeNumber(text) { return n >= 1 ? .interval(.interactions(n)) : fail("is not a positive count") }
            guard let s = Durations.parse(text) else { return fail("is neither a duration nor a count") }
            return s > 0 ? .interval(.seconds(s)) : fail("is not positive")
        case .routes, .generic, .sinks:
            preconditionFailure("structured types are parsed from nodes")
        }
    }

    /// An http(s) URL with a host, or nil.
    static func httpURL(_ text: String) -> URL? {
        guard let url = URL(string: text.trimmingWhitespace), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }
}
