// ErrorTests: problems are errors that name the key, the value, what is allowed and, in the file, the line —
// unknown keys, variables and flags with a suggestion; bad values of every type; sink and admin rules; YAML
// syntax errors — and every problem of a configuration is reported, in file order.

import Foundation
import Testing

@testable import Config

@Test func everyProblemInAFileIsReportedWithItsLine() throws {
    let text = try String(contentsOfFile: fixture("errors.yaml"), encoding: .utf8)
    let errors = problems(text)
    let found = errors.map { "\($0.line.map(String.init) ?? "-") \($0.key)" }
    #expect(
        found == [
            "2 capture.interfce", "3 capture.snaplen", "4 capture.idle_timeout", "8 drift.window", "9 drift.false_alarm_every",
            "11 log.level", "13 admin.listen", "15 embedding.url", "18 sinks[0].url", "19 sinks[1].url", "20 sinks[1].uri",
            "21 sinks[2].type", "23 store.retention", "- capture.interface",
        ])
    let unknown = try #require(problem("capture.interfce", in: errors))
    #expect(unknown.allowed?.contains("did you mean capture.interface?") == true)
    #expect(unknown.description.hasPrefix("slicewatch.yaml:2: capture.interfce: is not a known key; did you mean capture.interface?"))
    let snaplen = try #require(problem("capture.snaplen", in: errors))
    #expect(snaplen.value == "-5" && snaplen.allowed == "a whole number from 64 to 262144")
    #expect(snaplen.description == "slicewatch.yaml:3: capture.snaplen: \"-5\" is out of range; a whole number from 64 to 262144")
    #expect(try #require(problem("sinks[1].uri", in: errors)).allowed?.hasPrefix("did you mean url?") == true)
    #expect(try #require(problem("sinks[2].type", in: errors)).allowed == "one of: stdout, file, webhook, alertmanager, exec")
    #expect(try #require(problem("capture.interface", in: errors)).problem == "is required")
    #expect(try #require(problem("admin.listen", in: errors)).value == "0.0.0.0:9464")
}

@Test func unknownSectionsAndDottedKeysAreNamed() throws {
    let errors = problems(requiredYAML + "captur:\n  snaplen: 100\ninterface: eth0\ncapture.snaplen: 100\n")
    #expect(try #require(problem("captur", in: errors)).allowed?.hasPrefix("did you mean capture?") == true)
    #expect(try #require(problem("captur", in: errors)).line == 5)
    #expect(try #require(problem("interface", in: errors)).allowed?.hasPrefix("did you mean capture.interface?") == true)
    #expect(try #require(problem("capture.snaplen", in: errors)).problem == "is written as a dotted key")
    #expect(problems("- a\n- b\n").first?.problem == "is not a mapping of sections")
    #expect(problems(requiredYAML + "log: debug\n").first?.problem == "is a scalar, not a mapping of keys")
}

@Test func unknownVariablesAreErrorsUnlessAllowedOrReferred() throws {
    let errors = problems(requiredYAML, environment: ["SLICEWATCH_CAPTURE_INTERFCE": "lo", "SLICEWATCH_EMBEDDING_API_KEY": "k", "PATH": "/bin"])
    #expect(errors.count == 1)
    let error = try #require(problem("SLICEWATCH_CAPTURE_INTERFCE", in: errors))
    #expect(error.origin == .environment("SLICEWATCH_CAPTURE_INTERFCE"))
    #expect(error.allowed == "did you mean SLICEWATCH_CAPTURE_INTERFACE?")
    // A sink's secret_env may name a SLICEWATCH_ variable.
    let c = try #require(
        resolved(
            requiredYAML + "sinks:\n  - {type: webhook, url: 'https://h.example.com/x', secret_env: SLICEWATCH_WEBHOOK_SECRET}\n",
            environment: ["SLICEWATCH_WEBHOOK_SECRET": "hush", "SLICEWATCH_BENCH": "1"]))
    guard case .webhook(let webhook) = c.sinks.first?.kind else {
        Issue.record("not a webhook: \(c.sinks)")
        return
    }
    #expect(webhook.secret == "hush")
}

@Test func unknownFlagsAndFlagMistakesAreErrors() throws {
    let errors = problems(requiredYAML, arguments: ["--capture-interfce", "eth0", "stray", "--drift-window"])
    #expect(try #require(problem("--capture-interfce", in: errors)).allowed == "did you mean --capture-interface?")
    #expect(try #require(problem("", in: errors)).value == "stray")
    #expect(try #require(problem("drift.window", in: errors)).problem == "has no value")
    let twice = problems(requiredYAML, arguments: ["--log-level", "debug", "--log-level=info"])
    #expect(try #require(problem("log.level", in: twice)).problem == "is given more than once")
}

/// (flag, value, the problem reported); one bad value of every type.
private let badValues: [(String, String, String)] = [
    ("--capture-snaplen", "lots", "is not a whole number"),
    ("--capture-snaplen", "0", "is out of range"),
    ("--capture-buffer", "64 furlongs", "is not a size"),
    ("--capture-buffer", "1.5", "is not a size"),
    ("--capture-buffer", "2GiB", "is out of range"),
    ("--capture-idle-timeout", "5x", "is not a duration"),
    ("--capture-idle-timeout", "-5m", "is out of range"),
    ("--drift-window", "-500", "is not a positive count"),
    ("--drift-window", "0s", "is shorter than 1s"),
    ("--drift-window", "5 parsecs", "is neither a count nor a duration"),
    ("--drift-false-alarm-every", "0", "is not a positive count"),
    ("--drift-false-alarm-every", "never", "is neither a duration nor a count"),
    ("--log-level", "INFO", "is not allowed (did you mean info?)"),
    ("--log-format", "xml", "is not allowed"),
    ("--embedding-url", "ftp://models.example.com", "is not an http(s) URL"),
    ("--embedding-url", "http://", "is not an http(s) URL"),
    ("--admin-listen", "9464", "is not a listen address"),
    ("--admin-listen", "localhost:99999", "is not a listen address"),
    ("--admin-token", "two words", "contains whitespace"),
    ("--embedding-model", " ", "is empty"),
    (
        "--apis-routes", "/gw/*=openai.chatt",
        "is not a route (route \"/gw/*=openai.chatt\": unknown API \"openai.chatt\"; "
            + "allowed: openai.chat, openai.responses, openai.completions, anthropic.messages)"
    ),
    ("--sinks", "webhook", "is a scalar, not a sink mapping"),
]

@Test(arguments: badValues)
func badValuesAreNamedWithWhatIsAllowed(flag: String, value: String, expected: String) throws {
    let errors = problems(requiredYAML, arguments: [flag, value])
    let key = try #require(ConfigKey.all.first { $0.flagName == flag })
    let error = try #require(errors.first)
    #expect(errors.count == 1, "\(errors)")
    #expect(error.key.hasPrefix(key.name))
    #expect(error.value == value)
    #expect(error.problem == expected)
    #expect(error.allowed?.isEmpty == false)
    #expect(error.origin == .flag(flag))
    #expect(error.description.hasSuffix("(from \(flag))"))
}

@Test func badValuesFromTheEnvironmentNameTheVariable() throws {
    let errors = problems(requiredYAML, environment: ["SLICEWATCH_STORE_MAX_WINDOWS": "many"])
    let error = try #require(problem("store.max_windows", in: errors))
    #expect(
        error.description
            == "store.max_windows: \"many\" is not a whole number; a whole number from 1 to 100000000 (from $SLICEWATCH_STORE_MAX_WINDOWS)")
}

@Test func requiredKeysAreNamedWithEveryWayToSetThem() throws {
    let errors = problems(nil, arguments: ["--capture-interface="])
    #expect(errors.map(\.key) == ["baseline.path", "capture.interface"])
    #expect(errors.last?.allowed?.contains("$SLICEWATCH_CAPTURE_INTERFACE or as --capture-interface") == true)
}

@Test func adminOffLoopbackNeedsAToken() throws {
    let open = problems(requiredYAML + "admin:\n  listen: 0.0.0.0:9464\n")
    #expect(try #require(problem("admin.listen", in: open)).allowed == "set admin.token or admin.token_file, or listen on 127.0.0.1 or [::1]")
    #expect(try #require(problem("admin.listen", in: open)).line == 6)
    for loopback in ["127.0.0.1:1", "127.1.2.3:9464", "[::1]:9464", "localhost:9464"] {
        #expect(try #require(resolved(requiredYAML, arguments: ["--admin-listen", loopback])).admin.listen.isLoopback)
    }
    let withToken = try #require(resolved(requiredYAML, arguments: ["--admin-listen", "[::]:9464", "--admin-token", "t0k3n"]))
    #expect(withToken.admin.listen == ListenAddress(host: "::", port: 9464) && withToken.admin.token == "t0k3n")

    let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("slicewatch-token-\(UUID().uuidString)").path
    try "from-a-file\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: tokenFile) }
    let fromFile = try #require(resolved(requiredYAML, arguments: ["--admin-listen", "10.0.0.1:9464", "--admin-token-file", tokenFile]))
    #expect(fromFile.admin.token == "from-a-file" && fromFile.admin.tokenFile == tokenFile)
    // The same from the file and the environment.
    let yaml = try #require(resolved(requiredYAML + "admin:\n  listen: 10.0.0.1:9464\n  token_file: \(tokenFile)\n"))
    #expect(yaml.admin == fromFile.admin && yaml.origins["admin.token_file"] == .file(path: "slicewatch.yaml", line: 7, column: 3))
    let env = try #require(resolved(requiredYAML, environment: ["SLICEWATCH_ADMIN_LISTEN": "10.0.0.1:9464", "SLICEWATCH_ADMIN_TOKEN_FILE": tokenFile]))
    #expect(env.admin == fromFile.admin)
    let both = problems(requiredYAML, arguments: ["--admin-token", "t", "--admin-token-file", tokenFile])
    #expect(try #require(problem("admin.token_file", in: both)).problem == "is given together with admin.token")
    let missing = problems(requiredYAML, arguments: ["--admin-token-file", tokenFile + ".missing"])
    #expect(try #require(problem("admin.token_file", in: missing)).problem == "cannot be read or holds no token")
}

@Test func sinkProblemsNameTheSinkAndField() throws {
    let errors = problems(
        requiredYAML, environment: ["SLICEWATCH_SINKS": "[{type: webhook, labels: {a: b}}, {type: exec, command: []}, {type: file, path: x, states: [fired]}]"])
    #expect(try #require(problem("sinks[0].url", in: errors)).problem == "is missing")
    #expect(try #require(problem("sinks[0].labels", in: errors)).problem == "is not a field of a webhook sink")
    #expect(try #require(problem("sinks[1].command", in: errors)).problem == "is not a command")
    #expect(try #require(problem("sinks[2].states[0]", in: errors)).value == "fired")
    #expect(errors.allSatisfy { $0.origin == .environment("SLICEWATCH_SINKS") })

    let more = problems(
        requiredYAML + """
            sinks:
              - {type: webhook, url: "https://h.example.com", secret: a, secret_env: B}
              - {type: webhook, url: "https://h.example.com", secret_env: SLICEWATCH_UNSET_SECRET}
              - {type: webhook, url: "https://h.example.com", headers: {"bad header": x}}
              - {type: alertmanager, url: "http://am:9093", labels: {9lives: x}, backoff: 10s, max_backoff: 5s}

            """)
    #expect(try #require(problem("sinks[0].secret_env", in: more)).line == 6)
    #expect(try #require(problem("sinks[1].secret_env", in: more)).problem == "names an environment variable that is not set or empty")
    #expect(try #require(problem("sinks[2].headers.bad header", in: more)).problem == "is not a valid header name")
    #expect(try #require(problem("sinks[3].labels.9lives", in: more)).problem == "is not a valid label name")
    #expect(try #require(problem("sinks[3].max_backoff", in: more)).problem == "is shorter than backoff (10s)")
    // A shell command is a string.
    let shell = try #require(resolved(requiredYAML + "sinks:\n  - {type: exec, command: 'echo $SLICEWATCH_ALERT | logger'}\n"))
    #expect(shell.sinks.first?.kind == .exec(.init(command: ["/bin/sh", "-c", "echo $SLICEWATCH_ALERT | logger"])))
}

@Test func genericAPIProblemsNameTheField() throws {
    let errors = problems(
        requiredYAML + "apis:\n  generic:\n    - {path: api/x, input: prompt, outputs: /r}\n    - path=/x,input=/p\n")
    #expect(try #require(problem("apis.generic[0].outputs", in: errors)).allowed?.hasPrefix("did you mean output?") == true)
    #expect(try #require(problem("apis.generic[0].output", in: errors)).problem == "is missing")
    #expect(try #require(problem("apis.generic[0].path", in: errors)).problem == "does not start with \"/\" or \"*\"")
    #expect(try #require(problem("apis.generic[0].input", in: errors)).problem == "is not a JSON pointer")
    #expect(try #require(problem("apis.generic[1]", in: errors)).line == 8)
}

@Test func yamlSyntaxErrorsGiveLineAndColumn() throws {
    let text = try String(contentsOfFile: fixture("syntax.yaml"), encoding: .utf8)
    let errors = problems(text)
    #expect(errors.count == 1)
    let error = try #require(errors.first)
    #expect(error.line == 4)
    #expect(error.problem.hasPrefix("YAML syntax error at line 4, column 9"))
    #expect(error.problem.contains("while parsing a flow sequence at line 3"))
    #expect(error.description.hasPrefix("slicewatch.yaml:4: YAML syntax error at line 4, column 9: did not find expected ',' or ']'"))

    let duplicate = problems(requiredYAML.replacingOccurrences(of: "  interface: lo\n", with: "  interface: lo\n  interface: eth0\n"))
    #expect(duplicate.first?.key == "interface")
    #expect(duplicate.first?.problem.hasPrefix("is written twice in one mapping") == true)

    let badFlow = problems(requiredYAML, environment: ["SLICEWATCH_SINKS": "[{type: webhook"])
    #expect(badFlow.first?.key == "sinks")
    #expect(badFlow.first?.origin == .environment("SLICEWATCH_SINKS"))
}
