// ConfigNode: the Sendable form of a YAML value with its line and column, converted from Yams' node tree at once;
// also how YAML text (the file, or a flow value in an environment variable or flag) becomes one, with syntax
// errors reported at their line and column.

import Yams

/// A line and column (1-based) in YAML text.
struct Location: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// A parsed YAML value.
indirect enum ConfigNode: Sendable, Hashable {
    /// A scalar; `quoted` when written in quotes or as a block (so `"~"` is text, not null).
    case scalar(String, quoted: Bool, at: Location?)
    case sequence([ConfigNode], at: Location?)
    case mapping([Entry], at: Location?)

    /// A mapping entry: a key (always text in a configuration) and its value.
    struct Entry: Sendable, Hashable {
        var key: String
        var keyLocation: Location?
        var value: ConfigNode
    }

    var location: Location? {
        switch self {
        case .scalar(_, _, let at), .sequence(_, let at), .mapping(_, let at): at
        }
    }

    /// A plain `~`, `null` or empty scalar: the key is written but has no value.
    var isNull: Bool {
        if case .scalar(let text, false, _) = self { return ["", "~", "null", "Null", "NULL"].contains(text) }
        return false
    }

    /// The scalar's text, nil for collections.
    var scalarText: String? {
        if case .scalar(let text, _, _) = self { return text }
        return nil
    }

    /// The value in YAML flow style, for error messages: `[a, b]`, `{k: v}`.
    var flowText: String {
        switch self {
        case .scalar(let text, let quoted, _): quoted ? ConfigError.quoted(text) : text
        case .sequence(let items, _): "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .mapping(let entries, _): "{" + entries.map { "\($0.key): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }

    /// A short name of the node's kind, for "expected a list, got a mapping".
    var kindName: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// Parses YAML text; nil for an empty document. `origin` maps a position in the text to the origin errors name.
    static func parse(_ text: String, origin: (Location?) -> ConfigOrigin) throws(ConfigError) -> ConfigNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, text: text, origin: origin)
        } catch {
            throw ConfigError(key: "", problem: "is not valid YAML: \(error)", origin: origin(nil))
        }
        guard let root else { return nil }
        return try convert(root, origin: origin)
    }

    private static func convert(_ node: Node, origin: (Location?) -> ConfigOrigin) throws(ConfigError) -> ConfigNode {
        let at = node.mark.map { Location(line: $0.line, column: $0.column) }
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, quoted: scalar.style != .plain && scalar.style != .any, at: at)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence { items.append(try convert(item, origin: origin)) }
            return .sequence(items, at: at)
        case .mapping(let mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                guard case .scalar(let k) = key else {
                    throw ConfigError(
                        key: "", value: nil, problem: "a mapping key must be text", allowed: "a plain key such as `interface:`",
                        origin: origin(key.mark.map { Location(line: $0.line, column: $0.column) }))
                }
                entries.append(
                    Entry(
                        key: k.string, keyLocation: key.mark.map { Location(line: $0.line, column: $0.column) },
                        value: try convert(value, origin: origin)))
            }
            return .mapping(entries, at: at)
        case .alias:
            throw ConfigError(
                key: "", problem: "YAML aliases (*name) are not supported", allowed: "write the value out", origin: origin(at))
        }
    }

    /// A Yams error as a ConfigError at the line and column it names.
    private static func syntaxError(_ error: YamlError, text: String, origin: (Location?) -> ConfigOrigin) -> ConfigError {
        func make(_ problem: String, _ context: YamlError.Context?, _ line: Int, _ column: Int) -> ConfigError {
            var what = problem
            if let context { what += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return ConfigError(
                key: "", problem: "YAML syntax error at line \(line), column \(column): \(what)",
                origin: origin(Location(line: line, column: column)))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return make(problem, context, mark.line, mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(
                key: duplicates.joined(separator: ", "), problem: "is written twice in one mapping (first at line \(context.mark.line))",
                allowed: "each key at most once", origin: origin(Location(line: context.mark.line, column: context.mark.column)))
        case .reader(let problem, let offset, _, _):
            var line = 1
            var column = 1
            if let offset {
                for c in text.prefix(offset) {
                    if c == "\n" {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                }
            }
            return make(problem, nil, line, column)
        default:
            return ConfigError(key: "", problem: "is not valid YAML: \(error)", origin: origin(nil))
        }
    }
}
