// ConfigKey: one key of the configuration — name, type, default, one-line doc — and how it is read from and
// written to SidecarConfiguration. Its environment variable and flag names derive from the name.

/// One configuration key. `ConfigKey.all` is the table every form (YAML, environment, flags, reference) comes from.
public struct ConfigKey: Sendable {
    /// The dotted name, e.g. `capture.interface`; `sinks` has no section.
    public let name: String
    /// One line of documentation.
    public let doc: String
    /// Whether `slicewatch run` needs it set (it has no default).
    public let required: Bool
    let type: ValueType
    let defaultValue: ConfigValue
    /// Further environment variables read for this key, below its own (older names).
    let environmentAliases: [String]
    let get: @Sendable (SidecarConfiguration) -> ConfigValue
    let set: @Sendable (inout SidecarConfiguration, ConfigValue) -> Void

    init(
        _ name: String, _ type: ValueType, default defaultValue: ConfigValue, required: Bool = false, doc: String,
        environmentAliases: [String] = [],
        get: @escaping @Sendable (SidecarConfiguration) -> ConfigValue,
        set: @escaping @Sendable (inout SidecarConfiguration, ConfigValue) -> Void
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.required = required
        self.doc = doc
        self.environmentAliases = environmentAliases
        self.get = get
        self.set = set
    }

    /// `SLICEWATCH_` + the name upper-cased, dots and dashes as underscores: `SLICEWATCH_CAPTURE_INTERFACE`.
    public var environmentName: String { Self.environmentName(for: name) }

    /// `--` + the name with dots and underscores as dashes: `--capture-interface`, `--drift-false-alarm-every`.
    public var flagName: String { "--" + name.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-") }

    /// The section (`capture`), or the name itself for a key without one (`sinks`).
    public var section: String { name.split(separator: ".").first.map(String.init) ?? name }

    /// The type as the reference names it (`duration`, `size`, `enum`, ...).
    public var typeName: String { type.name }

    /// What values are accepted.
    public var allowed: String { type.allowed }

    /// The default in YAML flow syntax (`64MiB`, `[{type: stdout}]`), nil when there is none.
    public var defaultText: String? {
        guard let node = type.node(for: defaultValue, redact: false, concise: true) else { return nil }
        return YAMLText.flow(node)
    }

    /// Whether the value is a secret (never printed by `describe()`).
    public var isSecret: Bool { type.isSecret }

    static func environmentName(for name: String) -> String {
        "SLICEWATCH_" + name.uppercased().replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    // MARK: factories pairing a key path with its value type

    static func string(
        _ name: String, _ type: ValueType, _ path: any WritableKeyPath<SidecarConfiguration, String> & Sendable,
        default value: String?, doc: String
    ) -> ConfigKey {
        ConfigKey(
            name, type, default: value.map(ConfigValue.text) ?? .unset, required: value == nil, doc: doc,
            get: { .text($0[keyPath: path]) }, set: { $0[keyPath: path] = $1.text })
    }

    static func optional(
        _ name: String, _ type: ValueType, _ path: any WritableKeyPath<SidecarConfiguration, String?> & Sendable, doc: String
    ) -> ConfigKey {
        ConfigKey(
            name, type, default: .unset, doc: doc, get: { $0[keyPath: path].map(ConfigValue.text) ?? .unset },
            set: { $0[keyPath: path] = $1.optionalText })
    }

    static func integer(
        _ name: String, _ type: ValueType, _ path: any WritableKeyPath<SidecarConfiguration, Int> & Sendable, default value: Int,
        doc: String
    ) -> ConfigKey {
        ConfigKey(
            name, type, default: .integer(value), doc: doc, get: { .integer($0[keyPath: path]) },
            set: { $0[keyPath: path] = $1.integer })
    }

    static func seconds(
        _ name: String, _ type: ValueType, _ path: any WritableKeyPath<SidecarConfiguration, Double> & Sendable,
        default value: Double, doc: String
    ) -> ConfigKey {
        ConfigKey(
            name, type, default: .seconds(value), doc: doc, get: { .seconds($0[keyPath: path]) },
            set: { $0[keyPath: path] = $1.seconds })
    }
}
