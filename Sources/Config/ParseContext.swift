// ParseContext: what parsing one source's values needs — which source it is (to blame a value on a file line, an
// environment variable or a flag), the environment (sinks may name variables holding secrets) — and where the
// problems go, so that every problem of a configuration is reported, not just the first.

/// Where a set of values was written.
enum Source: Sendable, Hashable {
    case defaults
    case file(String)
    case environment(String)
    case flag(String)

    /// The origin of a value at a position in this source (positions matter only in the file).
    func origin(_ at: Location?) -> ConfigOrigin {
        switch self {
        case .defaults: .defaultValue
        case .file(let path): .file(path: path, line: at?.line ?? 0, column: at?.column ?? 0)
        case .environment(let name): .environment(name)
        case .flag(let name): .flag(name)
        }
    }
}

/// Collects problems while values are parsed.
final class ParseContext {
    let source: Source
    let environment: [String: String]
    private(set) var errors: [ConfigError] = []
    /// Environment variables named by `secret_env` (exempt from the unknown-variable check).
    private(set) var referencedVariables: Set<String> = []

    init(source: Source, environment: [String: String]) {
        self.source = source
        self.environment = environment
    }

    /// Records a problem with the value `node` (or with a missing value) at `key`.
    func fail(_ key: String, _ node: ConfigNode?, _ problem: String, allowed: String? = nil, at: Location? = nil) {
        record(
            ConfigError(
                key: key, value: node.map(Self.valueText), problem: problem, allowed: allowed,
                origin: source.origin(at ?? node?.location)))
    }

    /// Records a problem built elsewhere (once: the same problem found twice is reported once).
    func record(_ error: ConfigError) {
        if !errors.contains(error) { errors.append(error) }
    }

    /// Looks up a variable a value refers to, remembering the name.
    func variable(_ name: String) -> String? {
        referencedVariables.insert(name)
        return environment[name]
    }

    /// The value as the user wrote it: scalars verbatim, collections in flow style.
    static func valueText(_ node: ConfigNode) -> String {
        if case .scalar(let text, _, _) = node { return text }
        return node.flowText
    }
}
