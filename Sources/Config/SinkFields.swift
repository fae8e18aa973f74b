// SinkFields: the table of fields a sink mapping may have — per sink type, with type, default and one-line doc —
// from which sinks are parsed (absent fields take the default written here) and the reference's Sinks part is made.

/// How a sink field's value is read.
enum SinkFieldKind: Sendable {
    case scalar(ValueType)
    /// A list of alert states (or one state).
    case states
    /// A mapping of HTTP header names to values.
    case headers
    /// A mapping of Prometheus label names to values.
    case labels
    /// A list of strings (argv, no shell) or one string run with `/bin/sh -c`.
    case command
    /// The name of an environment variable.
    case variable

    var typeName: String {
        switch self {
        case .scalar(let t): t.name
        case .states, .command: "list"
        case .headers, .labels: "mapping"
        case .variable: "string"
        }
    }

    var allowed: String {
        switch self {
        case .scalar(let t): t.allowed
        case .states: "a list of: pending, firing, resolved (at least one)"
        case .headers: "a mapping of header names to text values"
        case .labels: "a mapping of label names ([a-zA-Z_][a-zA-Z0-9_]*) to text values"
        case .command: "a list of strings (argv, no shell) or one string (run with /bin/sh -c)"
        case .variable: "an environment variable name ([A-Za-z_][A-Za-z0-9_]*) that is set"
        }
    }
}

/// One field of a sink mapping.
struct SinkField: Sendable {
    let name: String
    /// The sink types that have it.
    let types: [String]
    let kind: SinkFieldKind
    /// The default in YAML flow syntax; nil when there is none (required fields say so in `required`).
    let defaultText: String?
    let required: Bool
    let doc: String

    init(_ name: String, _ types: [String], _ kind: SinkFieldKind, default defaultText: String? = nil, required: Bool = false, doc: String) {
        self.name = name
        self.types = types
        self.kind = kind
        self.defaultText = defaultText
        self.required = required
        self.doc = doc
    }
}

extension SinkParsing {
    /// The sink types.
    static let types = ["stdout", "file", "webhook", "alertmanager", "exec"]
    static let network = ["webhook", "alertmanager"]

    /// Every sink field, in reference order.
    static let fields: [SinkField] = [
        SinkField("type", types, .scalar(.choice(types)), required: true, doc: "What the sink is."),
        SinkField(
            "states", types, .states, default: "[firing, resolved]",
            doc: "Alert state changes delivered (pending ones are not worth waking anyone for by default)."),
        SinkField(
            "queue", types, .scalar(.integer(1...100_000)), default: "256",
            doc: "Events waiting for delivery at most; beyond it new events are dropped and counted, capture never blocks."),
        SinkField("path", ["file"], .scalar(.path), required: true, doc: "File the alert events are appended to as JSON lines."),
        SinkField(
            "url", network, .scalar(.url), required: true,
            doc: "Webhook: the URL POSTed to. Alertmanager: its base URL (`/api/v2/alerts` is added)."),
        SinkField("secret", ["webhook"], .scalar(.secret), doc: "Key of an HMAC-SHA256 signature header over the body."),
        SinkField("secret_env", ["webhook"], .variable, doc: "Environment variable holding `secret`, instead of writing it in the file."),
        SinkField("headers", ["webhook"], .headers, default: "{}", doc: "Extra request headers (e.g. the receiver's authorization)."),
        SinkField("labels", ["alertmanager"], .labels, default: "{}", doc: "Labels added to every alert (e.g. service, team)."),
        SinkField(
            "resend_interval", ["alertmanager"], .scalar(.duration(0...86400)), default: "1m",
            doc: "Firing alerts are sent again this often (with `endsAt` four intervals ahead, as Prometheus does) so "
                + "Alertmanager's `resolve_timeout` does not close a long drift; 0 sends once, without `endsAt`."),
        SinkField(
            "generator_url", ["alertmanager"], .scalar(.url), doc: "Sent as each alert's `generatorURL` (e.g. a dashboard)."),
        SinkField("timeout", network, .scalar(.duration(0.001...3600)), default: "5s", doc: "Time an attempt may take."),
        SinkField("retries", network, .scalar(.integer(0...100)), default: "3", doc: "Further attempts after a failed one."),
        SinkField("backoff", network, .scalar(.duration(0.001...3600)), default: "1s", doc: "Wait before the first retry; doubled after each."),
        SinkField("max_backoff", network, .scalar(.duration(0.001...86400)), default: "1m", doc: "Longest wait between retries."),
        SinkField(
            "command", ["exec"], .command, required: true,
            doc: "Program run with the alert JSON on stdin and in environment variables: argv list, or a string for `/bin/sh -c`."),
        SinkField("timeout", ["exec"], .scalar(.duration(1...86400)), default: "10m", doc: "Time a run may take before it is killed."),
        SinkField(
            "min_interval", ["exec"], .scalar(.duration(0...(7 * 86400))), default: "10m",
            doc: "Least time between two starts (one run at a time)."),
    ]

    /// The field `name` of a sink of `type`.
    static func field(_ name: String, of type: String) -> SinkField? {
        fields.first { $0.name == name && $0.types.contains(type) }
    }

    /// The field names a sink of `type` accepts.
    static func fieldNames(of type: String) -> [String] {
        fields.filter { $0.types.contains(type) }.map(\.name)
    }
}
