// RouteParsing: `apis.routes` (PATTERN=API strings or {path, api} mappings -> AdapterRoute) and `apis.generic`
// (mappings of JSON pointers, or the CLI's path=...,input=... strings -> GenericAPIConfiguration).

import Exchange
import JSON

enum RouteParsing {
    /// The APIs a route may name.
    static let apiNames = APIKind.allCases.filter { $0 != .generic }.map(\.rawValue).joined(separator: ", ")

    static func routes(_ node: ConfigNode, key: String, _ context: ParseContext) -> [AdapterRoute]? {
        var result: [AdapterRoute] = []
        var ok = true
        for (i, item) in listItems(node).enumerated() {
            let path = "\(key)[\(i)]"
            switch item {
            case .scalar(let text, _, _):
                do {
                    result.append(try AdapterRoute.parse(text))
                } catch {
                    let reason = (error as? ConfigurationError)?.message ?? "\(error)"
                    context.fail(path, item, "is not a route (\(reason))", allowed: ValueType.routes.allowed)
                    ok = false
                }
            case .mapping(let entries, let at):
                let fields = Fields(entries, at: at, key: path, allowed: ["path", "api"], context)
                if !fields.known { ok = false }
                guard let pattern = fields.require("path"), let api = fields.require("api") else {
                    ok = false
                    continue
                }
                guard let kind = APIKind(rawValue: api.text), kind != .generic else {
                    context.fail("\(path).api", api.node, "is not an API", allowed: "one of: " + apiNames)
                    ok = false
                    continue
                }
                guard !pattern.text.isEmpty else {
                    context.fail("\(path).path", pattern.node, "is empty", allowed: "a path glob such as /gateway/llm/*")
                    ok = false
                    continue
                }
                result.append(AdapterRoute(pattern: pattern.text, kind: kind))
            case .sequence:
                context.fail(path, item, "is a list", allowed: ValueType.routes.allowed)
                ok = false
            }
        }
        return ok ? result : nil
    }

    static func generic(_ node: ConfigNode, key: String, _ context: ParseContext) -> [GenericAPIConfiguration]? {
        var result: [GenericAPIConfiguration] = []
        var ok = true
        for (i, item) in listItems(node).enumerated() {
            let path = "\(key)[\(i)]"
            switch item {
            case .scalar(let text, _, _):
                do {
                    result.append(try GenericAPIConfiguration.parse(text))
                } catch {
                    context.fail(path, item, "is not a generic API (\(error.message))", allowed: ValueType.generic.allowed)
                    ok = false
                }
            case .mapping(let entries, let at):
                let fields = Fields(entries, at: at, key: path, allowed: GenericAPIConfiguration.keys, context)
                if !fields.known { ok = false }
                let required = ["path", "input", "output"].map { fields.require($0) }
                guard let pathField = required[0] else {
                    ok = false
                    continue
                }
                if !(pathField.text.hasPrefix("/") || pathField.text.hasPrefix("*")) {
                    context.fail("\(path).path", pathField.node, "does not start with \"/\" or \"*\"", allowed: "a path glob such as /api/generate")
                    ok = false
                }
                func pointer(_ name: String) -> (ok: Bool, pointer: JSONPointer?) {
                    guard let field = fields[name] else { return (true, nil) }
                    do {
                        return (true, try JSONPointer(field.text))
                    } catch {
                        context.fail(
                            "\(path).\(name)", field.node, "is not a JSON pointer", allowed: "an RFC 6901 pointer such as /choices/0/text")
                        return (false, nil)
                    }
                }
                let input = pointer("input")
                let output = pointer("output")
                let model = pointer("model")
                let status = pointer("status")
                guard ok, required.allSatisfy({ $0 != nil }), input.ok, output.ok, model.ok, status.ok, let i = input.pointer,
                    let o = output.pointer
                else {
                    ok = false
                    continue
                }
                result.append(
                    GenericAPIConfiguration(
                        name: fields["name"]?.text ?? pathField.text, pathPattern: pathField.text, input: i, output: o,
                        model: model.pointer, status: status.pointer))
            case .sequence:
                context.fail(path, item, "is a list", allowed: ValueType.generic.allowed)
                ok = false
            }
        }
        return ok ? result : nil
    }

    /// A generic API as the mapping form accepts it (`name` only when it differs from the path).
    static func node(_ api: GenericAPIConfiguration) -> ConfigNode {
        var entries: [(String, String)] = []
        if api.name != api.pathPattern { entries.append(("name", api.name)) }
        entries += [("path", api.pathPattern), ("input", api.input.description), ("output", api.output.description)]
        if let model = api.model { entries.append(("model", model.description)) }
        if let status = api.status { entries.append(("status", status.description)) }
        return .mapping(entries.map { .init(key: $0.0, keyLocation: nil, value: .scalar($0.1, quoted: false, at: nil)) }, at: nil)
    }
}

/// The items of a list value; a single item (as an environment variable or flag may give it) is a list of one.
func listItems(_ node: ConfigNode) -> [ConfigNode] {
    if case .sequence(let items, _) = node { return items }
    if node.isNull { return [] }
    return [node]
}

/// The fields of a mapping inside a list item, checked against the allowed names (unknown ones are errors with a
/// suggestion) and read as scalars.
struct Fields {
    let entries: [ConfigNode.Entry]
    let location: Location?
    let key: String
    let context: ParseContext
    /// False when an unknown or repeated field was reported.
    private(set) var known = true

    /// `listing` (default: `allowed`) is what an unknown field's error suggests from and lists.
    init(
        _ entries: [ConfigNode.Entry], at location: Location?, key: String, allowed: [String], listing: [String]? = nil,
        _ context: ParseContext
    ) {
        self.entries = entries
        self.location = location
        self.key = key
        self.context = context
        for entry in entries where !allowed.contains(entry.key) {
            context.record(
                ConfigError(
                    key: "\(key).\(entry.key)", problem: "is not a known field",
                    allowed: Suggestion.text(for: entry.key, among: listing ?? allowed, listing: listing ?? allowed),
                    origin: context.source.origin(entry.keyLocation)))
            known = false
        }
    }

    /// A scalar field's text and node; nil (reported) when it is a list or mapping, nil (silently) when absent or null.
    subscript(name: String) -> (text: String, node: ConfigNode)? {
        guard let entry = entries.first(where: { $0.key == name }), !entry.value.isNull else { return nil }
        guard let text = entry.value.scalarText else {
            context.fail("\(key).\(name)", entry.value, "is \(entry.value.kindName), not a single value")
            return nil
        }
        return (text, entry.value)
    }

    /// The node of a field (any kind), nil when absent or null.
    func node(_ name: String) -> ConfigNode? {
        entries.first(where: { $0.key == name && !$0.value.isNull })?.value
    }

    /// A required scalar field; reports it missing.
    func require(_ name: String) -> (text: String, node: ConfigNode)? {
        if let field = self[name] { return field }
        if node(name) == nil {
            context.record(
                ConfigError(
                    key: "\(key).\(name)", problem: "is missing", allowed: "required here",
                    origin: context.source.origin(location ?? entries.first?.keyLocation)))
        }
        return nil
    }
}
