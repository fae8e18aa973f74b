// ConfigKeys: the table of every configuration key of `slicewatch run` — the single source of the YAML keys,
// environment variables, flags, defaults and the reference (docs/configuration.md).

import Drift
import Quality
import Sinks

extension ConfigKey {
    /// Every key, in reference order.
    public static let all: [ConfigKey] = capture + apis + baseline + embedding + drift + quality + admin + store + sinks + export + log

    /// The sections, in reference order, with one line each.
    public static let sections: [(name: String, doc: String)] = [
        ("capture", "The live capture: interface, kernel filter and decoding limits."),
        ("apis", "Which exchanges are model calls, beyond the built-in paths and body shapes."),
        ("baseline", "What live traffic is compared with."),
        ("embedding", "How inputs are embedded: the in-process encoder or an OpenAI-compatible endpoint."),
        ("drift", "Windows, the false-alarm budget and the alert state machine."),
        ("quality", "Answer quality: built-in checks on every interaction, a graded sample, pass-rate tests per slice."),
        ("admin", "The admin HTTP server (health, metrics, status)."),
        ("store", "The SQLite history of windows, findings, alerts and sampled interactions."),
        ("sinks", "Where alert events go."),
        ("export", "Automatic export on alert: the drifted window's inputs, redacted and de-duplicated, for the eval set."),
        ("log", "The sidecar's own log on standard error."),
    ]

    /// Environment variables that start with `SLICEWATCH_` but are not keys, and what they are.
    public static let environmentAllowlist: [(name: String, doc: String)] = [
        ("SLICEWATCH_CONFIG", "the configuration file, when `--config` is not given"),
        ("SLICEWATCH_EMBEDDING_API_KEY", "bearer token for `embedding.url` (a secret, so never a key in the file)"),
        ("SLICEWATCH_BENCH", "test suite: run benchmarks"),
        ("SLICEWATCH_BENCH_BATCH", "test suite: benchmark batch size"),
        ("SLICEWATCH_BENCH_PROMPTS", "test suite: benchmark prompts"),
        ("SLICEWATCH_BIN", "scripts: the slicewatch binary to run"),
        ("SLICEWATCH_BINARY", "tests: the slicewatch binary to run"),
        ("SLICEWATCH_UPDATE_GOLDEN", "tests: rewrite golden files"),
    ]

    /// The key with this name.
    public static func named(_ name: String) -> ConfigKey? { byName[name] }

    static let byName: [String: ConfigKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    private static let capture: [ConfigKey] = [
        .string(
            "capture.interface", .text(nonEmpty: true), \.capture.interface, default: nil,
            doc: "Network interface to capture on (`lo`, `eth0`, `any` for all); needs root or CAP_NET_RAW."),
        .string(
            "capture.filter", .text(nonEmpty: false), \.capture.filter, default: "tcp",
            doc: "BPF filter applied in the kernel, e.g. `tcp port 8080`; empty captures everything."),
        .integer("capture.snaplen", .integer(64...262_144), \.capture.snaplen, default: 262_144, doc: "Bytes kept of each packet."),
        .integer(
            "capture.buffer", .size((1 << 20)...(1 << 30)), \.capture.bufferBytes, default: 4 << 20,
            doc: "Kernel capture buffer: over a second of 1,000 interactions/s; its pages count in the sidecar's RSS "
                + "(about twice this), so raise it only if `slicewatch_capture_dropped_packets_total` grows."),
        .integer(
            "capture.max_body", .size(1024...(1 << 30)), \.capture.maxBodyBytes, default: 8 << 20,
            doc: "Largest decoded body kept per message; longer bodies are cut and flagged, framing is kept."),
        .seconds(
            "capture.idle_timeout", .duration(1...(7 * 86400)), \.capture.idleTimeout, default: 300,
            doc: "Packet time without a segment after which a connection is closed (never a total-lifetime limit)."),
        .optional(
            "capture.user", .text(nonEmpty: true), \.capture.user,
            doc: "User to switch to once the capture handle is open, when started as root (it must be able to write "
                + "`store.path`); every capability is cleared either way."),
    ]

    private static let apis: [ConfigKey] = [
        ConfigKey(
            "apis.routes", .routes, default: .routes([]),
            doc: "Requests whose path matches a glob are read as that API, e.g. `/gateway/llm/*=openai.chat`; checked first, in order.",
            get: { .routes($0.apis.routes) }, set: { if case .routes(let r) = $1 { $0.apis.routes = r } }),
        ConfigKey(
            "apis.generic", .generic, default: .generic([]),
            doc: "JSON APIs described by JSON pointers (`path`, `input`, `output`; `model`, `status`, `name` optional); checked after routes.",
            get: { .generic($0.apis.generic) }, set: { if case .generic(let g) = $1 { $0.apis.generic = g } }),
    ]

    private static let baseline: [ConfigKey] = [
        .string("baseline.path", .path, \.baseline.path, default: nil, doc: "The baseline file (`slicewatch baseline build`)."),
        .optional(
            "baseline.calibrate", .path, \.baseline.calibrate,
            doc: "Normal traffic (a capture or an interactions `.jsonl`) replayed at start to calibrate the tests; at least 8 windows."),
    ]

    private static let embedding: [ConfigKey] = [
        ConfigKey(
            "embedding.rate", .integer(0...1_000_000), default: .integer(50),
            doc: "Interactions embedded per second of packet time, a uniform sample beyond it; 0 embeds all. "
                + "The in-process encoder costs about 4 ms of CPU per input: 50/s is a fifth of a core at most.",
            get: { .integer($0.embedding.rate) },
            set: {
                $0.embedding.rate = $1.integer
                $0.drift.embeddingRate = $1.integer == 0 ? nil : $1.integer
            }),
        ConfigKey(
            "embedding.model_dir", .path, default: .text("models/all-MiniLM-L6-v2"),
            doc: "Directory of the MiniLM model files (`scripts/fetch-model.sh`); `$SLICEWATCH_MODEL_DIR` is read too.",
            environmentAliases: ["SLICEWATCH_MODEL_DIR"],
            get: { .text($0.embedding.modelDirectory) }, set: { $0.embedding.modelDirectory = $1.text }),
        ConfigKey(
            "embedding.url", .url, default: .unset,
            doc: "An OpenAI-compatible embeddings endpoint instead of the encoder; the key comes from `$SLICEWATCH_EMBEDDING_API_KEY`.",
            get: { $0.embedding.url.map(ConfigValue.url) ?? .unset },
            set: { if case .url(let u) = $1 { $0.embedding.url = u } else { $0.embedding.url = nil } }),
        .optional(
            "embedding.model", .text(nonEmpty: true), \.embedding.model,
            doc: "The model the endpoint serves (default: the one recorded in the baseline)."),
        .integer("embedding.batch", .integer(1...4096), \.embedding.batch, default: 64, doc: "Texts per embeddings request."),
        .seconds("embedding.timeout", .duration(0.001...3600), \.embedding.timeout, default: 30, doc: "Time before an embeddings request fails."),
    ]

    private static let drift: [ConfigKey] = [
        ConfigKey(
            "drift.window", .window, default: .window(.count(500)),
            doc: "Tumbling windows: a count of interactions or a duration of packet time.",
            get: { .window($0.drift.window) }, set: { if case .window(let w) = $1 { $0.drift.window = w } }),
        ConfigKey(
            "drift.false_alarm_every", .interval, default: .interval(.seconds(30 * 86400)),
            doc: "Expected interval between false alarms of all tests together.",
            get: { .interval($0.drift.falseAlarms) }, set: { if case .interval(let i) = $1 { $0.drift.falseAlarms = i } }),
        .integer(
            "drift.firing_after", .integer(1...1000), \.drift.firingAfter, default: 2, doc: "Windows a finding must hold before its alert fires."),
        .integer(
            "drift.resolving_after", .integer(1...1000), \.drift.resolvingAfter, default: 3, doc: "Quiet windows before a firing alert resolves."),
        .integer(
            "drift.cooldown", .integer(0...10_000), \.drift.cooldown, default: 6,
            doc: "Windows after a resolve before the same alert may fire again."),
    ]

    private static let quality: [ConfigKey] = [
        ConfigKey(
            "quality.tests", .choice(["on", "off"]), default: .text("on"),
            doc: "Test each slice's pass rate against its eval pass rate (part of the false-alarm budget).",
            get: { .text($0.quality.tests ? "on" : "off") },
            set: {
                $0.quality.tests = $1.text == "on"
                $0.drift.qualityTests = $1.text == "on"
            }),
        .seconds(
            "quality.latency_objective", .duration(0...86400), \.quality.settings.latencyObjectiveOrZero, default: 30,
            doc: "Answers slower than this fail the `latency` check; 0 turns the check off."),
        .optional(
            "quality.refusal_phrases_file", .path, \.quality.refusalPhrasesFile,
            doc: "Refusal phrases, one a line, replacing the built-in list; an answer opening with one fails the `refusal` check."),
        .seconds(
            "quality.consistency_window", .duration(0...(30 * 86400)), \.quality.settings.consistencyWindow, default: 3600,
            doc: "An input asked again within this time whose answer changed materially counts as an answer flip; 0 turns it off."),
        .integer(
            "quality.sample_percent", .integer(0...100), \.quality.settings.samplePercent, default: 5,
            doc: "Share of embedded interactions sent to the graders, in percent."),
        .integer(
            "quality.min_per_slice", .integer(0...10_000), \.quality.settings.minimumPerSlice, default: 3,
            doc: "Graded interactions per slice and window, topped up when the sample picked fewer."),
        .integer(
            "quality.max_per_window", .integer(0...1_000_000), \.quality.settings.maximumPerWindow, default: 200,
            doc: "Most interactions sent to the graders per window (errors and novel inputs are always sent, within this)."),
        .optional(
            "quality.grader_command", .text(nonEmpty: true), \.quality.graderCommand,
            doc: "Shell command that grades one interaction JSON on stdin and prints `{\"score\": 0..1, \"reason\": \"...\"}`; "
                + "a score of 0.5 or more passes."),
        ConfigKey(
            "quality.grader_url", .url, default: .unset,
            doc: "HTTP grader (e.g. an LLM judge): the interaction JSON is POSTed, the answer is the same object as the command's.",
            get: { $0.quality.graderURL.map(ConfigValue.url) ?? .unset },
            set: { if case .url(let u) = $1 { $0.quality.graderURL = u } else { $0.quality.graderURL = nil } }),
        .string("quality.grader_name", .text(nonEmpty: true), \.quality.graderName, default: "grader", doc: "Recorded with every score."),
        .optional("quality.grader_version", .text(nonEmpty: true), \.quality.graderVersion, doc: "Recorded with every score."),
        .seconds("quality.grader_timeout", .duration(0.1...3600), \.quality.graderTimeout, default: 30, doc: "Time one grading may take."),
        .integer("quality.grader_concurrency", .integer(1...64), \.quality.graderConcurrency, default: 2, doc: "Gradings running at once, per grader."),
        .integer(
            "quality.grader_hourly_budget", .integer(0...10_000_000), \.quality.graderHourlyBudget, default: 0,
            doc: "Most gradings started per hour and grader; 0 is no limit. Over budget, picks go ungraded (counted)."),
    ]

    private static let admin: [ConfigKey] = [
        ConfigKey(
            "admin.listen", .listen, default: .listen(ListenAddress(host: "127.0.0.1", port: 9464)),
            doc: "Address of the admin HTTP server; anything but loopback needs `admin.token` or `admin.token_file`.",
            get: { .listen($0.admin.listen) }, set: { if case .listen(let a) = $1 { $0.admin.listen = a } }),
        .optional("admin.token", .secret, \.admin.token, doc: "Bearer token admin requests must carry."),
        .optional(
            "admin.token_file", .path, \.admin.tokenFile,
            doc: "File holding the admin token (trailing newline ignored); instead of `admin.token`."),
    ]

    private static let store: [ConfigKey] = [
        .string("store.path", .path, \.store.path, default: "slicewatch.db", doc: "SQLite database file; created with its folder if missing."),
        .seconds(
            "store.retention", .duration(3600...(3650 * 86400)), \.store.retention, default: 30 * 86400,
            doc: "How long windows, findings and sampled interactions are kept."),
        .seconds(
            "store.alert_retention", .duration(3600...(3650 * 86400)), \.store.alertRetention, default: 365 * 86400,
            doc: "How long alert history is kept."),
        .integer(
            "store.max_windows", .integer(1...100_000_000), \.store.maxWindows, default: 100_000, doc: "Most windows kept; the oldest are pruned."),
        .integer(
            "store.max_interactions", .integer(0...100_000_000), \.store.maxInteractions, default: 50_000,
            doc: "Most sampled interactions kept; the oldest are pruned."),
        .integer(
            "store.interactions_per_window", .integer(0...10_000), \.store.interactionsPerWindow, default: 20,
            doc: "Interactions sampled into the store per window (stratified by slice; novel and failed first)."),
    ]

    private static let sinks: [ConfigKey] = [
        ConfigKey(
            "sinks", .sinks, default: .sinks([SinkSettings(kind: .jsonLines(path: nil))]),
            doc: "Alert sinks, each a mapping with a `type` (see [Sink fields](#sink-fields)); `[]` sends alerts nowhere but the store.",
            get: { .sinks($0.sinks) }, set: { if case .sinks(let s) = $1 { $0.sinks = s } })
    ]

    private static let export: [ConfigKey] = [
        ConfigKey(
            "export.on_alert", .choice(["on", "off"]), default: .text("off"),
            doc: "When an alert fires, write the window's inputs worth adding to the eval set (redacted, de-duplicated) to a file in `export.directory`; alert events carry its `export_path`.",
            get: { .text($0.export.onAlert ? "on" : "off") }, set: { $0.export.onAlert = $1.text == "on" }),
        .string("export.directory", .path, \.export.directory, default: "exports", doc: "Folder of the export files; created if missing."),
        .integer("export.keep", .integer(1...100_000), \.export.keep, default: 50, doc: "Export files kept; the oldest are removed."),
        .integer(
            "export.per_window", .integer(1...100_000), \.export.perWindow, default: 200,
            doc: "Interactions of each window kept as export candidates (stratified by slice; novel and failed first)."),
        .integer("export.per_slice", .integer(1...10_000), \.export.perSlice, default: 20, doc: "Most exported items per slice."),
        ConfigKey(
            "export.format", .choice(["slicewatch", "openai-evals", "inspect"]), default: .text("slicewatch"),
            doc: "Export file format (see [Export formats](../README.md#export-fresh-traffic-into-the-eval-set)).",
            get: { .text($0.export.format) }, set: { $0.export.format = $1.text }),
    ]

    private static let log: [ConfigKey] = [
        ConfigKey(
            "log.level", .choice(LogLevel.allCases.map(\.rawValue)), default: .text("info"), doc: "Least severe level logged.",
            get: { .text($0.log.level.rawValue) }, set: { $0.log.level = LogLevel(rawValue: $1.text) ?? .info }),
        ConfigKey(
            "log.format", .choice(LogFormat.allCases.map(\.rawValue)), default: .text("text"),
            doc: "`text` (readable lines) or `json` (one object a line).",
            get: { .text($0.log.format.rawValue) }, set: { $0.log.format = LogFormat(rawValue: $1.text) ?? .text }),
    ]
}
