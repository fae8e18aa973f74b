// PrecedenceTests: flag > environment > file > default, older variable names below the key's own, list flags that
// add up, empty variables and flags that unset optional keys, and where `run` finds its file (--config, -c,
// $SLICEWATCH_CONFIG).

import Exchange
import Foundation
import Testing

@testable import Config

@Test func flagBeatsEnvironmentBeatsFileBeatsDefault() throws {
    let file = requiredYAML.replacingOccurrences(of: "  interface: lo\n", with: "  interface: lo\n  filter: tcp port 1\n")
    let env = ["SLICEWATCH_CAPTURE_FILTER": "tcp port 2"]
    let flags = ["--capture-filter", "tcp port 3"]

    let all = try #require(resolved(file, environment: env, arguments: flags))
    #expect(all.capture.filter == "tcp port 3")
    #expect(all.origins["capture.filter"] == .flag("--capture-filter"))

    let noFlag = try #require(resolved(file, environment: env))
    #expect(noFlag.capture.filter == "tcp port 2")
    #expect(noFlag.origins["capture.filter"] == .environment("SLICEWATCH_CAPTURE_FILTER"))

    let fileOnly = try #require(resolved(file))
    #expect(fileOnly.capture.filter == "tcp port 1")
    #expect(fileOnly.origins["capture.filter"] == .file(path: "slicewatch.yaml", line: 3, column: 3))

    let none = try #require(resolved(requiredYAML))
    #expect(none.capture.filter == "tcp")
    #expect(none.origins["capture.filter"] == .defaultValue)
}

@Test func requiredKeysMayComeFromAnySource() throws {
    let c = try #require(
        resolved(nil, environment: ["SLICEWATCH_CAPTURE_INTERFACE": "any"], arguments: ["--baseline-path=base.json"]))
    #expect(c.capture.interface == "any")
    #expect(c.baseline.path == "base.json")
}

@Test func theKeysOwnVariableBeatsTheOlderName() throws {
    let old = try #require(resolved(requiredYAML, environment: ["SLICEWATCH_MODEL_DIR": "/old"]))
    #expect(old.embedding.modelDirectory == "/old")
    #expect(old.origins["embedding.model_dir"] == .environment("SLICEWATCH_MODEL_DIR"))
    let both = try #require(
        resolved(requiredYAML, environment: ["SLICEWATCH_MODEL_DIR": "/old", "SLICEWATCH_EMBEDDING_MODEL_DIR": "/new"]))
    #expect(both.embedding.modelDirectory == "/new")
}

@Test func listFlagsAddUpAndTakeSingleItems() throws {
    let c = try #require(
        resolved(
            requiredYAML, environment: ["SLICEWATCH_APIS_ROUTES": "/env/*=openai.responses"],
            arguments: ["--apis-routes", "/a/*=openai.chat", "--apis-routes", "[/b/*=anthropic.messages, {path: /c, api: openai.completions}]"]))
    #expect(
        c.apis.routes == [
            AdapterRoute(pattern: "/a/*", kind: .openAIChat), AdapterRoute(pattern: "/b/*", kind: .anthropicMessages),
            AdapterRoute(pattern: "/c", kind: .openAICompletions),
        ])
    let env = try #require(resolved(requiredYAML, environment: ["SLICEWATCH_APIS_ROUTES": "/env/*=openai.responses"]))
    #expect(env.apis.routes == [AdapterRoute(pattern: "/env/*", kind: .openAIResponses)])
    let sink = try #require(resolved(requiredYAML, arguments: ["--sinks", "{type: file, path: a.jsonl}"]))
    #expect(sink.sinks == [.init(kind: .jsonLines(path: "a.jsonl"))])
    let none = try #require(resolved(requiredYAML, environment: ["SLICEWATCH_SINKS": "[]"]))
    #expect(none.sinks.isEmpty)
    #expect(try #require(resolved(requiredYAML, environment: ["SLICEWATCH_SINKS": ""])).sinks.isEmpty)
    // One item is taken verbatim: a leading * is not a YAML alias here.
    let star = try #require(resolved(requiredYAML, arguments: ["--apis-routes", "*/chat=openai.chat", "--apis-generic", "path=*/gen,input=/p,output=/o"]))
    #expect(star.apis.routes == [AdapterRoute(pattern: "*/chat", kind: .openAIChat)])
    #expect(star.apis.generic.first?.pathPattern == "*/gen")
}

@Test func emptyVariablesAndFlagsUnsetOptionalKeys() throws {
    let file = requiredYAML + "embedding:\n  model: m1\n"
    #expect(try #require(resolved(file)).embedding.model == "m1")
    let env = try #require(resolved(file, environment: ["SLICEWATCH_EMBEDDING_MODEL": ""]))
    #expect(env.embedding.model == nil)
    #expect(env.origins["embedding.model"] == .environment("SLICEWATCH_EMBEDDING_MODEL"))
    #expect(try #require(resolved(file, arguments: ["--embedding-model="])).embedding.model == nil)
    // A null in the file leaves the default.
    #expect(try #require(resolved(requiredYAML + "log:\n  level: ~\n")).log.level == .info)
    // An empty value is a value for keys with a default: an empty filter captures everything.
    #expect(try #require(resolved(requiredYAML, arguments: ["--capture-filter="])).capture.filter == "")
}

@Test func runFindsItsFileByFlagOrVariable() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("slicewatch-config-\(UUID().uuidString).yaml").path
    try requiredYAML.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    for arguments in [["--config", path, "--log-level", "debug"], ["-c", path, "--log-level", "debug"], ["--log-level", "debug", "--config=\(path)"]] {
        let c = try SidecarConfiguration.load(arguments: arguments, environment: [:])
        #expect(c.capture.interface == "lo" && c.log.level == .debug)
        #expect(c.origins["capture.interface"] == .file(path: path, line: 2, column: 3))
    }
    let byVariable = try SidecarConfiguration.load(arguments: [], environment: ["SLICEWATCH_CONFIG": path])
    #expect(byVariable.baseline.path == "baseline.json")
    #expect(throws: ConfigErrors.self) { try SidecarConfiguration.load(path: path + ".missing", environment: [:], arguments: []) }
}
