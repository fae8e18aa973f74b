// ConfigError: one unusable configuration value — the key path, the value as given, what is allowed and where
// it was written (file line, environment variable or flag) — and ConfigErrors, every problem found at once.

/// Where a configuration value came from.
public enum ConfigOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The built-in default (the reference documents it).
    case defaultValue
    /// The YAML file, at a line and column (1-based; 0 when unknown).
    case file(path: String, line: Int, column: Int)
    /// An environment variable, by name.
    case environment(String)
    /// A command-line flag, by name (`--capture-interface`).
    case flag(String)

    /// `default`, `FILE:LINE`, `$NAME` or `--flag`.
    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .file(let path, let line, _): line > 0 ? "\(path):\(line)" : path
        case .environment(let name): "$\(name)"
        case .flag(let name): name
        }
    }
}

/// A configuration problem: names the key, the value, what is allowed and where the value was written.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The key path, e.g. `capture.snaplen`, `sinks[1].url`, `apis.generic[0].input`; empty for a file-level problem.
    public var key: String
    /// The value as given (nil when the problem is a missing value or an unknown key).
    public var value: String?
    /// What is wrong, e.g. "unknown key", "is not a duration".
    public var problem: String
    /// What would be accepted, e.g. "one of: text, json" or "did you mean capture.interface?".
    public var allowed: String?
    /// Where the value was written; nil for problems of the whole configuration (a missing required key).
    public var origin: ConfigOrigin?

    /// A problem with `key`; see the properties.
    public init(key: String, value: String? = nil, problem: String, allowed: String? = nil, origin: ConfigOrigin? = nil) {
        self.key = key
        self.value = value
        self.problem = problem
        self.allowed = allowed
        self.origin = origin
    }

    /// The YAML line of the value when it came from the file.
    public var line: Int? {
        if case .file(_, let line, _) = origin, line > 0 { return line }
        return nil
    }

    /// `FILE:LINE: key: value "x" is not ...; allowed: ...`
    public var description: String {
        var text = ""
        if let origin, origin != .defaultValue {
            switch origin {
            case .file: text += "\(origin): "
            case .environment, .flag, .defaultValue: break
            }
        }
        if !key.isEmpty { text += key + ": " }
        if let value { text += "\(ConfigError.quoted(value)) " }
        text += problem
        if let allowed { text += "; " + allowed }
        switch origin {
        case .environment(let name)? where name != key: text += " (from $\(name))"
        case .flag(let name)? where name != key: text += " (from \(name))"
        default: break
        }
        return text
    }

    /// A value in double quotes, cut at 120 characters, control characters escaped.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars.prefix(120) {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out += scalar.value < 0x20 ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }
        return out + (value.unicodeScalars.count > 120 ? "...\"" : "\"")
    }
}

/// Every problem found in a configuration, in the order of the file, then the environment, then the flags.
public struct ConfigErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, file ones by line first.
    public var errors: [ConfigError]

    /// Wraps problems found.
    public init(_ errors: [ConfigError]) { self.errors = errors }

    /// One problem a line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
