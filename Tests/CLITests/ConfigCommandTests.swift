// ConfigCommandTests: `slicewatch config check` and `slicewatch run`'s refusal of bad configuration, through the
// built binary: the sample validates; a bad file exits 2 naming every bad key with its line; run without an
// interface or baseline exits 2 naming what is missing.

import Foundation
import Testing

@Test func theSampleConfigurationChecksClean() throws {
    let result = try slicewatch("config", "check", "samples/slicewatch.yaml")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("interface: lo"))
    #expect(result.stdout.contains("# samples/slicewatch.yaml:"))
}

@Test func aBadConfigurationNamesEveryProblemWithItsLine() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("bad.yaml")
    try """
        capture:
          interface: lo
          snaplen: -1
        drift:
          windw: 500
        admin:
          listen: 0.0.0.0:9464
        """.write(to: file, atomically: true, encoding: .utf8)
    let result = try slicewatch("config", "check", file.path)
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad.yaml:3") && result.stderr.contains("capture.snaplen"), "\(result.stderr)")
    #expect(result.stderr.contains("bad.yaml:5") && result.stderr.contains("drift.window"), "\(result.stderr)")
    #expect(result.stderr.contains("admin.token"), "\(result.stderr)")
}

@Test func runRefusesToStartWithoutAnInterfaceOrABaseline() throws {
    let result = try slicewatch("run", "--store-path", "/nonexistent/never-created.db")
    #expect(result.status == 2)
    #expect(result.stderr.contains("capture.interface"), "\(result.stderr)")
}

@Test func runReportsAnUnknownFlagWithASuggestion() throws {
    let result = try slicewatch("run", "--capture-interfase", "lo")
    #expect(result.status == 2)
    #expect(result.stderr.contains("--capture-interfase") && result.stderr.contains("capture-interface"), "\(result.stderr)")
}
