// Resolution+Values: every key's value from what was given (or its default), checked by its type; the admin
// token rules; stray SLICEWATCH_ variables; and all problems, ordered by where they were written.

import Foundation

extension Resolution {
    /// The configuration from the values given, or every problem found.
    mutating func finish() throws(ConfigErrors) -> SidecarConfiguration {
        var config = SidecarConfiguration()
        var referenced: Set<String> = []
        var values: [String: ConfigValue] = [:]
        var failedKeys: Set<String> = []
        for key in ConfigKey.all {
            var winner: (ConfigValue, ConfigOrigin)?
            var failed = false
            for value in given[key.name] ?? [] {
                if value.node.isNull {
                    winner = (.unset, value.source.origin(value.at))
                    continue
                }
                let context = ParseContext(source: value.source, environment: environment)
                let parsed = key.type.parse(value.node, key: key.name, context)
                errors += context.errors
                referenced.formUnion(context.referencedVariables)
                if let parsed { winner = (parsed, value.source.origin(value.at)) } else { failed = true }
            }
            if failed {
                failedKeys.insert(key.name)
                continue
            }
            if let winner, winner.0 != .unset || !key.required {
                values[key.name] = winner.0
                config.origins[key.name] = winner.1
            } else if key.required {
                if fileFailed { continue }
                errors.append(
                    ConfigError(
                        key: key.name, problem: "is required",
                        allowed: "set it in the file, as $\(key.environmentName) or as \(key.flagName): \(key.allowed)"))
                continue
            } else {
                values[key.name] = key.defaultValue
                config.origins[key.name] = .defaultValue
            }
            key.set(&config, values[key.name]!)
        }
        if failedKeys.isDisjoint(with: ["admin.listen", "admin.token", "admin.token_file"]) { checkAdmin(&config) }
        for name in strayVariables where !referenced.contains(name) {
            let candidates = ConfigKey.all.map(\.environmentName) + ConfigKey.environmentAllowlist.map(\.name)
            errors.append(
                ConfigError(
                    key: name, problem: "is not a known variable", allowed: Suggestion.text(for: name, among: candidates),
                    origin: .environment(name)))
        }
        guard errors.isEmpty else { throw ConfigErrors(Self.ordered(errors)) }
        return config
    }

    /// The admin token: from the file `admin.token_file` or `admin.token` (not both), required off loopback.
    private mutating func checkAdmin(_ config: inout SidecarConfiguration) {
        if let file = config.admin.tokenFile {
            if config.admin.token != nil {
                errors.append(
                    ConfigError(
                        key: "admin.token_file", value: file, problem: "is given together with admin.token",
                        allowed: "one of admin.token and admin.token_file", origin: config.origins["admin.token_file"]))
            } else if let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8),
                case let token = text.trimmingWhitespace, !token.isEmpty, !token.contains(where: \.isWhitespace)
            {
                config.admin.token = token
            } else {
                errors.append(
                    ConfigError(
                        key: "admin.token_file", value: file, problem: "cannot be read or holds no token",
                        allowed: "a readable file holding the token (one line, no spaces)", origin: config.origins["admin.token_file"]))
            }
        }
        if !config.admin.listen.isLoopback, config.admin.token == nil, config.admin.tokenFile == nil {
            errors.append(
                ConfigError(
                    key: "admin.listen", value: config.admin.listen.description, problem: "is not a loopback address and no admin token is set",
                    allowed: "set admin.token or admin.token_file, or listen on 127.0.0.1 or [::1]",
                    origin: config.origins["admin.listen"]))
        }
    }

    /// File problems by line, then environment variables, then flags, then problems of the whole configuration.
    private static func ordered(_ errors: [ConfigError]) -> [ConfigError] {
        func rank(_ e: ConfigError) -> (Int, Int, Int, String) {
            switch e.origin {
            case .file(_, let line, let column)?: (0, line, column, "")
            case .environment(let name)?: (1, 0, 0, name)
            case .flag(let name)?: (2, 0, 0, name)
            case .defaultValue?, nil: (3, 0, 0, e.key)
            }
        }
        return errors.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }
}
