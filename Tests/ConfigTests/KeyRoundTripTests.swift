// KeyRoundTripTests: every key, set to a value other than its default, gives the same configuration from the file,
// from SLICEWATCH_... environment variables and from flags, each value credited to its source; and the effective
// configuration `describe()` prints reads back as the same configuration.

import Drift
import Exchange
import Foundation
import Sinks
import Testing

@testable import Config

/// A non-default value for every key but `admin.token_file` (exclusive with `admin.token`; tested on its own).
private let sampleValues: [String: String] = [
    "capture.interface": "eth0",
    "capture.filter": "tcp port 8080",
    "capture.snaplen": "65535",
    "capture.buffer": "128MiB",
    "capture.max_body": "1MiB",
    "capture.idle_timeout": "2m",
    "capture.user": "nobody",
    "apis.routes": "[/gw/*=openai.chat, {path: /claude/*, api: anthropic.messages}]",
    "apis.generic": "[{path: /api/generate, input: /prompt, output: /response, model: /model, status: /error}]",
    "baseline.path": "b.json",
    "baseline.calibrate": "normal.pcap",
    "embedding.rate": "0",
    "embedding.model_dir": "/opt/models/minilm",
    "embedding.url": "http://127.0.0.1:8080/v1/embeddings",
    "embedding.model": "all-minilm",
    "embedding.batch": "32",
    "embedding.timeout": "10s",
    "drift.window": "5m",
    "drift.false_alarm_every": "1000000",
    "drift.firing_after": "3",
    "drift.resolving_after": "4",
    "drift.cooldown": "0",
    "export.on_alert": "on",
    "export.directory": "/var/lib/slicewatch/exports",
    "export.keep": "10",
    "export.per_window": "300",
    "export.per_slice": "5",
    "export.format": "inspect",
    "quality.tests": "off",
    "quality.latency_objective": "45s",
    "quality.refusal_phrases_file": "refusals.txt",
    "quality.consistency_window": "10m",
    "quality.sample_percent": "20",
    "quality.min_per_slice": "4",
    "quality.max_per_window": "50",
    "quality.grader_command": "python3 judge.py",
    "quality.grader_url": "http://127.0.0.1:8081/grade",
    "quality.grader_name": "judge",
    "quality.grader_version": "v2",
    "quality.grader_timeout": "5s",
    "quality.grader_concurrency": "4",
    "quality.grader_hourly_budget": "1000",
    "admin.listen": "0.0.0.0:9000",
    "admin.token": "s3cret-token",
    "store.path": "/var/lib/slicewatch/s.db",
    "store.retention": "7d",
    "store.alert_retention": "90d",
    "store.max_windows": "5000",
    "store.max_interactions": "1000",
    "store.interactions_per_window": "5",
    "sinks": """
        [{type: webhook, url: "http://127.0.0.1:9/hook", secret: abc, headers: {X-Team: ml}, retries: 1}, \
        {type: exec, command: [/bin/true, x]}, {type: file, path: alerts.jsonl, states: [pending, firing]}, \
        {type: alertmanager, url: "http://am:9093", labels: {team: ml}, timeout: 2s, resend_interval: 30s, generator_url: "http://grafana/d/sw"}]
        """,
    "log.level": "debug",
    "log.format": "json",
]

/// The sample values as a YAML file.
private func sampleYAML() -> String {
    var lines: [String] = []
    for section in ConfigKey.sections {
        let keys = ConfigKey.all.filter { $0.section == section.name && sampleValues[$0.name] != nil }
        if keys.count == 1 && keys[0].name == section.name {
            lines.append("\(section.name): \(sampleValues[section.name]!)")
            continue
        }
        lines.append("\(section.name):")
        for key in keys { lines.append("  \(key.name.dropFirst(section.name.count + 1)): \(sampleValues[key.name]!)") }
    }
    return lines.joined(separator: "\n") + "\n"
}

@Test func theSampleValuesCoverEveryKey() {
    let missing = ConfigKey.all.map(\.name).filter { sampleValues[$0] == nil }
    #expect(missing == ["admin.token_file"])
}

@Test func everyKeyRoundTripsFromFileEnvironmentAndFlags() throws {
    let file = try #require(resolved(sampleYAML()))
    let environment = try #require(
        resolved(nil, environment: Dictionary(uniqueKeysWithValues: sampleValues.map { (ConfigKey.named($0.key)!.environmentName, $0.value) }))
    )
    let flags = try #require(resolved(nil, arguments: sampleValues.sorted { $0.key < $1.key }.flatMap { [ConfigKey.named($0.key)!.flagName, $0.value] }))
    #expect(file == environment)
    #expect(file == flags)

    let defaults = try #require(resolved(requiredYAML))
    for key in ConfigKey.all where sampleValues[key.name] != nil {
        #expect(key.get(file) != key.defaultValue, "\(key.name) is its default")
        #expect(key.get(file) == key.get(environment) && key.get(file) == key.get(flags), "\(key.name)")
        if !key.required { #expect(key.get(file) != key.get(defaults), "\(key.name)") }
        #expect(environment.origins[key.name] == .environment(key.environmentName))
        #expect(flags.origins[key.name] == .flag(key.flagName))
        guard case .file(_, let line, _)? = file.origins[key.name] else {
            Issue.record("\(key.name): origin \(String(describing: file.origins[key.name]))")
            continue
        }
        #expect(line > 0)
    }
}

@Test func theSampleValuesLandInTheTypedSections() throws {
    let c = try #require(resolved(sampleYAML()))
    #expect(c.capture == CaptureSection(interface: "eth0", filter: "tcp port 8080", snaplen: 65535, bufferBytes: 128 << 20, maxBodyBytes: 1 << 20, idleTimeout: 120, user: "nobody"))
    #expect(c.apis.routes == [AdapterRoute(pattern: "/gw/*", kind: .openAIChat), AdapterRoute(pattern: "/claude/*", kind: .anthropicMessages)])
    #expect(c.apis.generic.count == 1)
    #expect(c.apis.generic.first?.pathPattern == "/api/generate")
    #expect(c.apis.generic.first?.model?.description == "/model")
    #expect(c.apis.generic.first?.status?.description == "/error")
    #expect(c.baseline == BaselineSection(path: "b.json", calibrate: "normal.pcap"))
    #expect(c.embedding.rate == 0 && c.drift.embeddingRate == nil)
    #expect(c.embedding.url?.absoluteString == "http://127.0.0.1:8080/v1/embeddings")
    #expect(c.embedding.modelDirectory == "/opt/models/minilm" && c.embedding.model == "all-minilm")
    #expect(c.embedding.batch == 32 && c.embedding.timeout == 10)
    #expect(c.drift.window == .duration(seconds: 300))
    #expect(c.drift.falseAlarms == .interactions(1_000_000))
    #expect(c.drift.firingAfter == 3 && c.drift.resolvingAfter == 4 && c.drift.cooldown == 0)
    #expect(c.admin == AdminSection(listen: ListenAddress(host: "0.0.0.0", port: 9000), token: "s3cret-token", tokenFile: nil))
    #expect(
        c.store
            == StoreSection(
                path: "/var/lib/slicewatch/s.db", retention: 7 * 86400, alertRetention: 90 * 86400, maxWindows: 5000, maxInteractions: 1000,
                interactionsPerWindow: 5))
    #expect(c.log == LogSection(level: .debug, format: .json))
    #expect(
        c.sinks == [
            SinkSettings(
                kind: .webhook(
                    WebhookSettings(
                        url: "http://127.0.0.1:9/hook", secret: "abc", headers: ["X-Team": "ml"], delivery: DeliverySettings(retries: 1)))),
            SinkSettings(kind: .exec(ExecSettings(command: ["/bin/true", "x"]))),
            SinkSettings(kind: .jsonLines(path: "alerts.jsonl"), states: [.pending, .firing]),
            SinkSettings(
                kind: .alertmanager(
                    AlertmanagerSettings(
                        url: "http://am:9093", labels: ["team": "ml"], delivery: DeliverySettings(timeout: 2), resendInterval: 30,
                        generatorURL: "http://grafana/d/sw"))),
        ])
}

@Test func theDescriptionReadsBackAsTheSameConfiguration() throws {
    let c = try #require(resolved(sampleYAML(), environment: ["SLICEWATCH_CAPTURE_FILTER": "tcp port 9"], arguments: ["--drift-window", "250"]))
    let text = c.describe()
    var expected = c
    expected.admin.token = "<redacted>"
    if case .webhook(var w) = expected.sinks[0].kind {
        w.secret = "<redacted>"
        expected.sinks[0].kind = .webhook(w)
    }
    let again = try #require(resolved(text))
    #expect(again == expected)
    #expect(!text.contains("s3cret-token") && !text.contains("abc"))
    #expect(text.contains("# $SLICEWATCH_CAPTURE_FILTER"))
    #expect(text.contains("# --drift-window"))
    #expect(text.contains("interface: eth0") && text.contains("# slicewatch.yaml:2"))
}

@Test func defaultsAreDescribedAsDefaults() throws {
    let c = try #require(resolved(requiredYAML))
    let text = c.describe()
    #expect(text.contains("snaplen: 262144"))
    #expect(text.contains("# default"))
    #expect(text.contains("url: ~"))
    #expect(text.contains("# not set"))
    #expect(try #require(resolved(text)) == c)
}
