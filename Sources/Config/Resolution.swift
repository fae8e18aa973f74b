// Resolution: reading a configuration's three sources — the YAML file, `SLICEWATCH_...` environment variables and
// `--key value` flags — into the values given per key (precedence flag > environment > file), reporting unknown
// keys, variables and flags with a suggestion.

extension ConfigNode {
    /// What an empty environment variable or flag gives a key without a default: no value.
    static let unsetting = ConfigNode.scalar("", quoted: false, at: nil)
}

/// One value given for a key.
struct Given {
    var node: ConfigNode
    var source: Source
    /// Where the key was written (file only).
    var at: Location?
}

/// The state of one resolution.
struct Resolution {
    let environment: [String: String]
    /// Values per key, lowest precedence first.
    var given: [String: [Given]] = [:]
    var errors: [ConfigError] = []
    /// `SLICEWATCH_` variables that are not keys (reported unless a sink refers to them).
    var strayVariables: [String] = []
    /// The file could not be parsed: its keys are unknown, so missing required keys are not reported.
    var fileFailed = false

    init(environment: [String: String]) { self.environment = environment }

    // MARK: the file

    mutating func readFile(_ text: String, path: String) {
        let source = Source.file(path)
        let root: ConfigNode?
        do {
            root = try ConfigNode.parse(text, origin: source.origin)
        } catch {
            errors.append(error)
            fileFailed = true
            return
        }
        guard let root, !root.isNull else { return }
        guard case .mapping(let entries, _) = root else {
            errors.append(
                ConfigError(
                    key: "", value: root.flowText, problem: "is not a mapping of sections",
                    allowed: "sections: " + ConfigKey.sections.map(\.name).joined(separator: ", "), origin: source.origin(root.location)))
            return
        }
        let sectionNames = ConfigKey.sections.map(\.name)
        for entry in entries {
            if let key = ConfigKey.named(entry.key), !entry.key.contains(".") {
                add(key, entry.value, source, at: entry.keyLocation)
            } else if sectionNames.contains(entry.key) {
                readSection(entry, source: source)
            } else if ConfigKey.named(entry.key) != nil {
                let parts = entry.key.split(separator: ".", maxSplits: 1)
                errors.append(
                    ConfigError(
                        key: entry.key, problem: "is written as a dotted key",
                        allowed: "nest it: `\(parts[0]):` and below it `  \(parts[1]): ...`", origin: source.origin(entry.keyLocation)))
            } else {
                errors.append(
                    ConfigError(
                        key: entry.key, problem: "is not a known section or key",
                        allowed: Suggestion.text(for: entry.key, among: sectionNames + ConfigKey.all.map(\.name), listing: sectionNames),
                        origin: source.origin(entry.keyLocation)))
            }
        }
    }

    private mutating func readSection(_ section: ConfigNode.Entry, source: Source) {
        if section.value.isNull { return }
        let keys = ConfigKey.all.filter { $0.section == section.key }
        guard case .mapping(let entries, _) = section.value else {
            errors.append(
                ConfigError(
                    key: section.key, value: section.value.flowText, problem: "is \(section.value.kindName), not a mapping of keys",
                    allowed: "keys: " + keys.map { String($0.name.dropFirst(section.key.count + 1)) }.joined(separator: ", "),
                    origin: source.origin(section.value.location ?? section.keyLocation)))
            return
        }
        for entry in entries {
            let name = section.key + "." + entry.key
            if let key = ConfigKey.named(name) {
                add(key, entry.value, source, at: entry.keyLocation)
            } else {
                errors.append(
                    ConfigError(
                        key: name, problem: "is not a known key",
                        allowed: Suggestion.text(
                            for: name, among: ConfigKey.all.map(\.name), listing: keys.map { String($0.name.dropFirst(section.key.count + 1)) }),
                        origin: source.origin(entry.keyLocation)))
            }
        }
    }

    // MARK: the environment

    mutating func readEnvironment() {
        var byName: [String: ConfigKey] = [:]
        var aliases: [String: ConfigKey] = [:]
        for key in ConfigKey.all {
            byName[key.environmentName] = key
            for alias in key.environmentAliases { aliases[alias] = key }
        }
        let allowed = Set(ConfigKey.environmentAllowlist.map(\.name))
        let names = environment.keys.filter { $0.hasPrefix("SLICEWATCH_") }.sorted()
        // Older names first: the key's own variable overrides them.
        for name in names where aliases[name] != nil { addVariable(name, aliases[name]!) }
        for name in names where aliases[name] == nil {
            if let key = byName[name] {
                addVariable(name, key)
            } else if !allowed.contains(name) {
                strayVariables.append(name)
            }
        }
    }

    private mutating func addVariable(_ name: String, _ key: ConfigKey) {
        let value = environment[name] ?? ""
        // An empty variable unsets a key without a default (`SLICEWATCH_ADMIN_TOKEN=`).
        if value.isEmpty && key.defaultValue == .unset { return add(key, .unsetting, .environment(name)) }
        if let node = node(value, for: key, source: .environment(name)) { add(key, node, .environment(name)) }
    }

    // MARK: flags

    mutating func readFlags(_ arguments: [String]) {
        let byFlag = Dictionary(uniqueKeysWithValues: ConfigKey.all.map { ($0.flagName, $0) })
        var seen: Set<String> = []
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            guard arg.hasPrefix("--"), arg.count > 2 else {
                errors.append(
                    ConfigError(
                        key: "", value: arg, problem: "is not a flag",
                        allowed: "--KEY VALUE or --KEY=VALUE (`slicewatch config reference` lists the keys)", origin: .flag(arg)))
                continue
            }
            var name = arg
            var value: String?
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                value = String(arg[arg.index(after: eq)...])
            } else if i < arguments.count, !arguments[i].hasPrefix("--") {
                value = arguments[i]
                i += 1
            }
            guard let key = byFlag[name] else {
                errors.append(
                    ConfigError(
                        key: name, problem: "is not a known flag",
                        allowed: Suggestion.text(for: name, among: Array(byFlag.keys).sorted()), origin: .flag(name)))
                continue
            }
            guard let value else {
                errors.append(ConfigError(key: key.name, problem: "has no value", allowed: "\(name) VALUE: \(key.allowed)", origin: .flag(name)))
                continue
            }
            if !key.type.isStructured && seen.contains(name) {
                errors.append(
                    ConfigError(key: key.name, value: value, problem: "is given more than once", allowed: "one \(name)", origin: .flag(name)))
                continue
            }
            seen.insert(name)
            if value.isEmpty && key.defaultValue == .unset {
                add(key, .unsetting, .flag(name))
                continue
            }
            guard let node = node(value, for: key, source: .flag(name)) else { continue }
            // Repeated list flags accumulate.
            if key.type.isStructured, let previous = given[key.name]?.last, previous.source == .flag(name) {
                given[key.name]!.removeLast()
                add(key, .sequence(listItems(previous.node) + listItems(node), at: nil), .flag(name))
            } else {
                add(key, node, .flag(name))
            }
        }
    }

    /// An environment or flag value as a node: a list key's value in YAML flow syntax when it starts with `[` or
    /// `{`, else (as every other key's value) verbatim: one item such as `*/chat=openai.chat` needs no quoting.
    private mutating func node(_ text: String, for key: ConfigKey, source: Source) -> ConfigNode? {
        guard key.type.isStructured else { return .scalar(text, quoted: true, at: nil) }
        let start = text.trimmingWhitespace.first
        if start == nil { return .sequence([], at: nil) }
        guard start == "[" || start == "{" else { return .scalar(text, quoted: true, at: nil) }
        do {
            return try ConfigNode.parse(text, origin: source.origin) ?? .sequence([], at: nil)
        } catch {
            var error = error
            error.key = key.name
            error.value = text
            errors.append(error)
            return nil
        }
    }

    /// Records a value; a null in the file is no value (the key keeps its default).
    private mutating func add(_ key: ConfigKey, _ node: ConfigNode, _ source: Source, at: Location? = nil) {
        if case .file = source, node.isNull { return }
        given[key.name, default: []].append(Given(node: node, source: source, at: at ?? node.location))
    }
}
