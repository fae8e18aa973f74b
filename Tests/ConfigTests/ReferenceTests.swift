// ReferenceTests: docs/configuration.md is exactly what `slicewatch config reference` prints; every documented
// default reads back as the default in use, and the defaults equal those of the command line and of the Drift and
// Sinks targets; names derive from keys by the documented rule; the sample configuration is valid.

import Drift
import Foundation
import Sinks
import Testing

@testable import Config

@Test func theCommittedReferenceIsTheGeneratedOne() throws {
    let path = repositoryRoot.appendingPathComponent("docs/configuration.md").path
    let committed = try String(contentsOfFile: path, encoding: .utf8)
    let generated = ConfigKey.reference()
    if committed != generated {
        let a = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let b = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record("docs/configuration.md differs from `slicewatch config reference` at line \(line + 1); regenerate it")
    }
    for key in ConfigKey.all { #expect(generated.contains("| `\(key.name)` | `\(key.environmentName)`, `\(key.flagName)` |")) }
}

@Test func everyDocumentedDefaultReadsBackAsTheDefault() throws {
    for key in ConfigKey.all {
        guard let text = key.defaultText else {
            #expect(key.defaultValue == .unset, "\(key.name)")
            continue
        }
        let context = ParseContext(source: .defaults, environment: [:])
        let node = key.type.isStructured ? try #require(try ConfigNode.parse(text, origin: { _ in .defaultValue })) : .scalar(text, quoted: true, at: nil)
        #expect(key.type.parse(node, key: key.name, context) == key.defaultValue, "\(key.name): \(text)")
        #expect(context.errors.isEmpty, "\(key.name): \(context.errors)")
    }
    for field in SinkParsing.fields {
        guard let text = field.defaultText else { continue }
        #expect(try ConfigNode.parse(text, origin: { _ in .defaultValue }) != nil, "\(field.name)")
    }
}

@Test func defaultsEqualTheCommandLineAndTheTargetsOwn() throws {
    let c = try #require(resolved(requiredYAML))
    // CaptureSourceOptions: --snaplen 262144, --max-body 8 MiB, --idle-timeout 300; the sidecar's kernel buffer is
    // 4 MiB (the capture command's 64 MiB ring would be most of the sidecar's RSS).
    #expect(c.capture == CaptureSection(interface: "lo", filter: "tcp", snaplen: 262_144, bufferBytes: 4 << 20, maxBodyBytes: 8 << 20, idleTimeout: 300, user: nil))
    // ReplayCommand and DriftSettings: window 500, 30d, 2/3/6; the sidecar embeds 50/s (replay: 200/s), a
    // fifth of a core at most for the in-process encoder.
    var drift = DriftSettings()
    drift.embeddingRate = 50
    #expect(c.drift == drift)
    #expect(c.embedding == EmbeddingSection(rate: 50, modelDirectory: "models/all-MiniLM-L6-v2", url: nil, model: nil, batch: 64, timeout: 30))
    #expect(c.admin == AdminSection(listen: ListenAddress(host: "127.0.0.1", port: 9464), token: nil, tokenFile: nil))
    // StoreSettings' defaults.
    #expect(
        c.store == StoreSection(path: "slicewatch.db", retention: 30 * 86400, alertRetention: 365 * 86400, maxWindows: 100_000, maxInteractions: 50_000, interactionsPerWindow: 20))
    #expect(c.log == LogSection(level: .info, format: .text))
    #expect(c.sinks == [SinkSettings(kind: .jsonLines(path: nil))])
    #expect(c.apis == APISection(routes: [], generic: []))
    #expect(c.baseline == BaselineSection(path: "baseline.json", calibrate: nil))

    // Sink fields left out take the Sinks target's defaults.
    let sinks = try #require(
        resolved(
            requiredYAML
                + "sinks:\n  - {type: webhook, url: 'http://h'}\n  - {type: alertmanager, url: 'http://a'}\n  - {type: exec, command: [x]}\n"
        )
    ).sinks
    #expect(sinks[0] == SinkSettings(kind: .webhook(WebhookSettings(url: "http://h"))))
    #expect(sinks[1] == SinkSettings(kind: .alertmanager(AlertmanagerSettings(url: "http://a"))))
    #expect(sinks[2] == SinkSettings(kind: .exec(ExecSettings(command: ["x"]))))
}

@Test func namesDeriveFromKeys() throws {
    let key = try #require(ConfigKey.named("drift.false_alarm_every"))
    #expect(key.environmentName == "SLICEWATCH_DRIFT_FALSE_ALARM_EVERY")
    #expect(key.flagName == "--drift-false-alarm-every")
    #expect(ConfigKey.named("sinks")?.environmentName == "SLICEWATCH_SINKS")
    #expect(ConfigKey.named("capture.interface")?.flagName == "--capture-interface")
    let environmentNames = ConfigKey.all.map(\.environmentName) + ConfigKey.environmentAllowlist.map(\.name)
    #expect(Set(environmentNames).count == environmentNames.count)
    #expect(Set(ConfigKey.all.map(\.flagName)).count == ConfigKey.all.count)
    #expect(Set(ConfigKey.all.map(\.section)) == Set(ConfigKey.sections.map(\.name)))
}

@Test func theSampleConfigurationIsValid() throws {
    let c = try SidecarConfiguration.load(path: repositoryRoot.appendingPathComponent("samples/slicewatch.yaml").path, environment: [:], arguments: [])
    #expect(c.capture.interface == "lo" && c.capture.filter == "tcp port 8080")
    #expect(c.baseline == BaselineSection(path: "samples/baselines/drift-baseline.json", calibrate: nil))
    #expect(c.admin.listen.description == "127.0.0.1:9464")
    #expect(c.sinks == [SinkSettings(kind: .jsonLines(path: nil))])
    for path in [c.baseline.path] {
        #expect(FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(path).path), "\(path)")
    }
    // Its commented-out sinks are valid too.
    let text = try String(contentsOfFile: repositoryRoot.appendingPathComponent("samples/slicewatch.yaml").path, encoding: .utf8)
    let uncommented = text.replacingOccurrences(of: "  # - type:", with: "  - type:").replacingOccurrences(of: "  #   ", with: "    ")
    let all = try SidecarConfiguration.resolve(yaml: uncommented, environment: ["SLICEWATCH_WEBHOOK_SECRET": "s"], arguments: [])
    #expect(all.sinks.count == 4)
}
