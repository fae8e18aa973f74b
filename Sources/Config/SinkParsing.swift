// SinkParsing: `sinks` entries -> SinkSettings — each a mapping with a `type` and that type's fields (absent ones
// take the table's default), unknown or misplaced fields named with a suggestion — and back to a mapping for
// `describe()`, secrets redacted.

import Drift
import Sinks

enum SinkParsing {
    /// A parsed field value.
    enum Value {
        case scalar(ConfigValue)
        case states(Set<AlertEvent.State>)
        case map([String: String])
        case command([String])
    }

    static func sinks(_ node: ConfigNode, key: String, _ context: ParseContext) -> [SinkSettings]? {
        var result: [SinkSettings] = []
        var ok = true
        for (i, item) in listItems(node).enumerated() {
            if let sink = sink(item, key: "\(key)[\(i)]", context) { result.append(sink) } else { ok = false }
        }
        return ok ? result : nil
    }

    private static func sink(_ node: ConfigNode, key: String, _ context: ParseContext) -> SinkSettings? {
        guard case .mapping(let entries, let at) = node else {
            context.fail(key, node, "is \(node.kindName), not a sink mapping", allowed: "a mapping such as {type: webhook, url: https://...}")
            return nil
        }
        let allNames = Array(Set(fields.map(\.name))).sorted()
        // Unknown fields are named against the fields of the sink's type, when that is known.
        let typeText = entries.first { $0.key == "type" }?.value.scalarText
        let listing = typeText.flatMap { types.contains($0) ? fieldNames(of: $0) : nil }
        let base = Fields(entries, at: at, key: key, allowed: allNames, listing: listing, context)
        guard let typeField = base.require("type") else { return nil }
        let type = typeField.text
        guard types.contains(type) else {
            context.fail("\(key).type", typeField.node, "is not a sink type", allowed: "one of: " + types.joined(separator: ", "))
            return nil
        }
        var ok = base.known
        for entry in entries where allNames.contains(entry.key) && field(entry.key, of: type) == nil {
            context.record(
                ConfigError(
                    key: "\(key).\(entry.key)", problem: "is not a field of a \(type) sink",
                    allowed: "allowed: " + fieldNames(of: type).joined(separator: ", "), origin: context.source.origin(entry.keyLocation)))
            ok = false
        }
        var values: [String: Value] = [:]
        for field in fields where field.types.contains(type) && field.name != "type" {
            let given = base.node(field.name)
            if given == nil, field.required {
                context.record(
                    ConfigError(
                        key: "\(key).\(field.name)", problem: "is missing", allowed: "a \(type) sink needs it: \(field.kind.allowed)",
                        origin: context.source.origin(at)))
                ok = false
                continue
            }
            guard let node = given ?? defaultNode(field) else { continue }
            if let value = parse(field, node, key: "\(key).\(field.name)", context) {
                values[field.name] = value
            } else {
                ok = false
            }
        }
        if case .scalar(.text(let name))? = values["secret_env"] {
            if values["secret"] != nil {
                context.record(
                    ConfigError(
                        key: "\(key).secret_env", value: name, problem: "is given together with secret",
                        allowed: "one of secret and secret_env", origin: context.source.origin(base.node("secret_env")?.location)))
                ok = false
            } else if let secret = context.variable(name), !secret.isEmpty {
                values["secret"] = .scalar(.text(secret))
            } else {
                context.fail(
                    "\(key).secret_env", base.node("secret_env"), "names an environment variable that is not set or empty",
                    allowed: "a variable holding the secret")
                ok = false
            }
        }
        if let backoff = values["backoff"]?.seconds, let maxBackoff = values["max_backoff"]?.seconds, maxBackoff < backoff {
            context.fail(
                "\(key).max_backoff", base.node("max_backoff"), "is shorter than backoff (\(Durations.format(backoff)))",
                allowed: "at least backoff")
            ok = false
        }
        guard ok else { return nil }
        return build(type, values)
    }

    /// A field's default as a node (defaults are written in flow syntax; a test checks that every one parses).
    private static func defaultNode(_ field: SinkField) -> ConfigNode? {
        guard let text = field.defaultText else { return nil }
        return (try? ConfigNode.parse(text, origin: { _ in .defaultValue })) ?? nil
    }

    private static func parse(_ field: SinkField, _ node: ConfigNode, key: String, _ context: ParseContext) -> Value? {
        switch field.kind {
        case .scalar(let type):
            return type.parse(node, key: key, context).map(Value.scalar)
        case .variable:
            guard let name = node.scalarText, name.first.map({ $0 == "_" || $0.isLetter }) == true,
                name.allSatisfy({ $0.isASCII && ($0 == "_" || $0.isLetter || $0.isNumber) })
            else {
                context.fail(key, node, "is not an environment variable name", allowed: field.kind.allowed)
                return nil
            }
            return .scalar(.text(name))
        case .states:
            var states = Set<AlertEvent.State>()
            var ok = true
            for (i, item) in listItems(node).enumerated() {
                guard let text = item.scalarText, let state = AlertEvent.State(rawValue: text) else {
                    context.fail("\(key)[\(i)]", item, "is not an alert state", allowed: "one of: pending, firing, resolved")
                    ok = false
                    continue
                }
                states.insert(state)
            }
            if ok && states.isEmpty {
                context.fail(key, node, "is empty", allowed: field.kind.allowed)
                return nil
            }
            return ok ? .states(states) : nil
        case .headers, .labels:
            guard case .mapping(let entries, _) = node else {
                context.fail(key, node, "is \(node.kindName), not a mapping", allowed: field.kind.allowed)
                return nil
            }
            var map: [String: String] = [:]
            var ok = true
            let labels = if case .labels = field.kind { true } else { false }
            for entry in entries {
                if !(labels ? isLabelName(entry.key) : isHeaderName(entry.key)) {
                    context.fail(
                        "\(key).\(entry.key)", nil, "is not a valid \(labels ? "label" : "header") name", allowed: field.kind.allowed,
                        at: entry.keyLocation)
                    ok = false
                }
                guard let value = entry.value.scalarText, !value.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                    context.fail("\(key).\(entry.key)", entry.value, "is not a single-line text value", allowed: field.kind.allowed)
                    ok = false
                    continue
                }
                map[entry.key] = value
            }
            return ok ? .map(map) : nil
        case .command:
            if let text = node.scalarText {
                guard !text.trimmingWhitespace.isEmpty else {
                    context.fail(key, node, "is empty", allowed: field.kind.allowed)
                    return nil
                }
                return .command(["/bin/sh", "-c", text])
            }
            let items = listItems(node)
            let argv = items.compactMap(\.scalarText)
            guard !items.isEmpty, argv.count == items.count, !argv[0].isEmpty else {
                context.fail(key, node, "is not a command", allowed: field.kind.allowed)
                return nil
            }
            return .command(argv)
        }
    }

    private static func build(_ type: String, _ values: [String: Value]) -> SinkSettings {
        func text(_ name: String) -> String? { if case .scalar(.text(let t))? = values[name] { t } else { nil } }
        func url(_ name: String) -> String { if case .scalar(.url(let u))? = values[name] { u.absoluteString } else { "" } }
        func map(_ name: String) -> [String: String] { if case .map(let m)? = values[name] { m } else { [:] } }
        func integer(_ name: String) -> Int { if case .scalar(.integer(let n))? = values[name] { n } else { 0 } }
        var delivery: DeliverySettings {
            DeliverySettings(
                timeout: values["timeout"]?.seconds ?? 0, retries: integer("retries"), backoff: values["backoff"]?.seconds ?? 0,
                maxBackoff: values["max_backoff"]?.seconds ?? 0)
        }
        let kind: SinkSettings.Kind
        switch type {
        case "stdout": kind = .jsonLines(path: nil)
        case "file": kind = .jsonLines(path: text("path"))
        case "webhook": kind = .webhook(WebhookSettings(url: url("url"), secret: text("secret"), headers: map("headers"), delivery: delivery))
        case "alertmanager":
            kind = .alertmanager(
                AlertmanagerSettings(
                    url: url("url"), labels: map("labels"), delivery: delivery,
                    resendInterval: values["resend_interval"]?.seconds ?? 60,
                    generatorURL: values["generator_url"] == nil ? nil : url("generator_url")))
        default:
            guard case .command(let argv)? = values["command"] else { preconditionFailure("exec sink without command") }
            kind = .exec(ExecSettings(command: argv, timeout: values["timeout"]?.seconds ?? 0, minInterval: values["min_interval"]?.seconds ?? 0))
        }
        guard case .states(let states)? = values["states"] else { preconditionFailure("sink without states") }
        return SinkSettings(kind: kind, states: states, queueCapacity: integer("queue"))
    }

    /// A sink as the mapping form accepts it, every field written; secrets (and header values that look like
    /// credentials) redacted on request.
    static func node(_ sink: SinkSettings, redact: Bool) -> ConfigNode {
        var entries: [ConfigNode.Entry] = []
        func add(_ key: String, _ value: ConfigNode) { entries.append(.init(key: key, keyLocation: nil, value: value)) }
        func scalar(_ text: String) -> ConfigNode { .scalar(text, quoted: false, at: nil) }
        func map(_ m: [String: String], secretValues: Bool) -> ConfigNode {
            .mapping(
                m.sorted { $0.key < $1.key }.map {
                    .init(key: $0.key, keyLocation: nil, value: scalar(secretValues && redact && looksSecret($0.key) ? ValueType.redacted : $0.value))
                }, at: nil)
        }
        func delivery(_ d: DeliverySettings) {
            add("timeout", scalar(Durations.format(d.timeout)))
            add("retries", scalar("\(d.retries)"))
            add("backoff", scalar(Durations.format(d.backoff)))
            add("max_backoff", scalar(Durations.format(d.maxBackoff)))
        }
        switch sink.kind {
        case .jsonLines(nil): add("type", scalar("stdout"))
        case .jsonLines(let path?):
            add("type", scalar("file"))
            add("path", scalar(path))
        case .webhook(let w):
            add("type", scalar("webhook"))
            add("url", scalar(w.url))
            if let secret = w.secret { add("secret", scalar(redact ? ValueType.redacted : secret)) }
            add("headers", map(w.headers, secretValues: true))
            delivery(w.delivery)
        case .alertmanager(let a):
            add("type", scalar("alertmanager"))
            add("url", scalar(a.url))
            add("labels", map(a.labels, secretValues: false))
            add("resend_interval", scalar(Durations.format(a.resendInterval)))
            if let generatorURL = a.generatorURL { add("generator_url", scalar(generatorURL)) }
            delivery(a.delivery)
        case .exec(let e):
            add("type", scalar("exec"))
            if e.command.count == 3, e.command[0] == "/bin/sh", e.command[1] == "-c" {
                add("command", scalar(e.command[2]))
            } else {
                add("command", .sequence(e.command.map(scalar), at: nil))
            }
            add("timeout", scalar(Durations.format(e.timeout)))
            add("min_interval", scalar(Durations.format(e.minInterval)))
        }
        let order: [AlertEvent.State] = [.pending, .firing, .resolved]
        add("states", .sequence(order.filter(sink.states.contains).map { scalar($0.rawValue) }, at: nil))
        add("queue", scalar("\(sink.queueCapacity)"))
        return .mapping(entries, at: nil)
    }

    /// The shortest mapping that reads back as the sink: fields equal to their defaults left out.
    static func conciseNode(_ sink: SinkSettings) -> ConfigNode {
        guard case .mapping(let entries, let at) = node(sink, redact: false) else { preconditionFailure() }
        let type = entries.first?.value.scalarText ?? ""
        let kept = entries.filter { entry in
            guard entry.key != "type", let field = field(entry.key, of: type), let defaultText = field.defaultText else { return true }
            return YAMLText.flow(entry.value) != defaultText
        }
        return .mapping(kept, at: at)
    }

    private static func looksSecret(_ header: String) -> Bool {
        let h = header.lowercased()
        return ["auth", "token", "key", "secret", "cookie", "password", "signature"].contains { h.contains($0) }
    }

    private static func isLabelName(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return name.allSatisfy { $0.isASCII && ($0 == "_" || $0.isLetter || $0.isNumber) }
    }

    private static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }
    }
}

extension SinkParsing.Value {
    var seconds: Double? { if case .scalar(.seconds(let s)) = self { s } else { nil } }
}
