// ConfigTestSupport: paths of the repository's files the configuration tests read, and shorthands for resolving
// a configuration and for catching its errors.

import Foundation
import Testing

@testable import Config

/// The repository root (this file is Tests/ConfigTests/ConfigTestSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A file under Tests/Fixtures/config.
func fixture(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/Fixtures/config/\(name)").path
}

/// The two required keys, so tests can focus on the rest.
let requiredYAML = """
    capture:
      interface: lo
    baseline:
      path: baseline.json

    """

/// Resolves or records the errors as a test failure.
func resolved(
    _ yaml: String?, environment: [String: String] = [:], arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
) -> SidecarConfiguration? {
    do {
        return try SidecarConfiguration.resolve(yaml: yaml, environment: environment, arguments: arguments)
    } catch {
        Issue.record("unexpected configuration errors:\n\(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The errors resolution reports (empty, and a recorded failure, when it succeeds).
func problems(
    _ yaml: String?, environment: [String: String] = [:], arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
) -> [ConfigError] {
    do {
        _ = try SidecarConfiguration.resolve(yaml: yaml, environment: environment, arguments: arguments)
        Issue.record("expected configuration errors", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.errors
    }
}

/// The single error about `key` (a recorded failure when there is not exactly one).
func problem(
    _ key: String, in errors: [ConfigError], sourceLocation: SourceLocation = #_sourceLocation
) -> ConfigError? {
    let matching = errors.filter { $0.key == key }
    guard matching.count == 1 else {
        Issue.record("expected one error about \(key), got:\n\(ConfigErrors(errors))", sourceLocation: sourceLocation)
        return nil
    }
    return matching[0]
}
