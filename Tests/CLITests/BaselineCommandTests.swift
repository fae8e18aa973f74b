// BaselineCommandTests: `slicewatch baseline build|show|evaluate` as a user runs them — on the bundled
// CLINC150 sample with the hashed embedder (no model needed), and every bad input ending in a clear message
// and exit status 1.

import Foundation
import Testing

private let evalset = "samples/evalset/clinc150-evalset.jsonl"

/// The first `lines` lines of a bundled sample file, written to `dir` (debug builds are slow on all 1,500).
private func head(_ path: String, _ lines: Int, in dir: URL) throws -> String {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    let out = dir.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
    try (text.split(separator: "\n").prefix(lines).joined(separator: "\n") + "\n").write(to: out, atomically: true, encoding: .utf8)
    return out.path
}

@Test func buildShowAndEvaluateTheSampleBaseline() throws {
    let dir = try temporaryDirectory()
    let baseline = dir.appendingPathComponent("baseline.json").path
    let evalset = try head(evalset, 400, in: dir)
    let built = try slicewatch("baseline", "build", "--evalset", evalset, "--embedder", "hashed", "--k-max", "12", "-o", baseline)
    #expect(built.status == 0, "\(built.stderr)")
    #expect(built.stderr.contains("400 eval items ->"))
    #expect(built.stderr.contains("smallest k with mean silhouette within 0.01"))

    let shown = try slicewatch("baseline", "show", baseline)
    #expect(shown.status == 0)
    #expect(shown.stdout.contains("400 eval items"))
    #expect(shown.stdout.contains("pass rate [95% CI]"))
    let rows = shown.stdout.split(separator: "\n").filter { $0.hasPrefix("s") && $0.dropFirst().first?.isNumber == true }
    #expect(rows.count >= 2 && rows.count <= 12, "\(shown.stdout)")

    let evaluated = try slicewatch(
        "baseline", "evaluate", baseline, "--evalset", evalset,
        "--inscope", try head("samples/evalset/clinc150-heldout-inscope.jsonl", 200, in: dir),
        "--out-of-scope", try head("samples/evalset/clinc150-heldout-oos.jsonl", 100, in: dir))
    #expect(evaluated.status == 0, "\(evaluated.stderr)")
    #expect(evaluated.stdout.contains("novelty AUROC"))
    #expect(evaluated.stdout.contains("slices vs intent: adjusted Rand index"))
}

@Test func referenceTrafficRecordsItsErrorsAndLatency() throws {
    // The bundled sample capture: 210 SDK calls, of which the ground truth says 6 got HTTP 500 and 5 HTTP 429.
    let dir = try temporaryDirectory()
    let baseline = dir.appendingPathComponent("baseline.json").path
    let built = try slicewatch(
        "baseline", "build", "--evalset", try head(evalset, 400, in: dir), "--embedder", "hashed", "--k-max", "12",
        "--reference", "samples/captures/sample.pcap", "-o", baseline)
    #expect(built.status == 0, "\(built.stderr)")
    #expect(built.stderr.contains("210 inputs"), "\(built.stderr)")
    #expect(built.stderr.contains("11 errors, 210 latencies"), "\(built.stderr)")
    let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: baseline))) as! [String: Any]
    let operations = try #require((document["reference"] as? [String: Any])?["operations"] as? [String: Any])
    #expect(operations["interactions"] as? Int == 210 && operations["errors"] as? Int == 11)
    let slices = try #require(document["slices"] as? [[String: Any]])
    let perSlice = slices.compactMap { $0["reference_operations"] as? [String: Any] }
    #expect(perSlice.count == slices.count)
    // In-distribution calls are split over the slices; the novel ones count only overall.
    #expect(perSlice.map { $0["interactions"] as! Int }.reduce(0, +) <= 210)
    let shown = try slicewatch("baseline", "show", baseline)
    #expect(shown.stdout.contains("reference errors: 11 of 210 (5.2%); latency p50"), "\(shown.stdout)")
}

@Test func aBadEvalSetLineIsNamedAndSkippable() throws {
    let dir = try temporaryDirectory()
    let file = dir.appendingPathComponent("evalset.jsonl")
    var lines = (0..<40).map { #"{"input": "how do I reset my password number \#($0)", "pass": true}"# }
    lines[2] = #"{"input": 42}"#
    try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("b.json").path

    let stopped = try slicewatch("baseline", "build", "--evalset", file.path, "--embedder", "hashed", "--k", "2", "-o", out)
    #expect(stopped.status == 1)
    #expect(stopped.stderr.contains("line 3"), "\(stopped.stderr)")
    #expect(stopped.stderr.contains("--skip-invalid"))
    #expect(!FileManager.default.fileExists(atPath: out))

    let skipped = try slicewatch(
        "baseline", "build", "--evalset", file.path, "--embedder", "hashed", "--k", "2", "--skip-invalid", "-o", out)
    #expect(skipped.status == 0, "\(skipped.stderr)")
    #expect(skipped.stderr.contains("skipped"))
    #expect(skipped.stderr.contains("39 eval items"))
}

@Test func impossibleRequestsSayWhatWouldWork() throws {
    let out = try temporaryDirectory().appendingPathComponent("b.json").path
    let tooMany = try slicewatch("baseline", "build", "--evalset", evalset, "--embedder", "hashed", "--k", "1000", "-o", out)
    #expect(tooMany.status == 1)
    #expect(tooMany.stderr.contains("use --k 150 or less"), "\(tooMany.stderr)")

    let noURL = try slicewatch("baseline", "build", "--evalset", evalset, "--embedder", "openai-compatible", "-o", out)
    #expect(noURL.status == 1)
    #expect(noURL.stderr.contains("--embedding-url"), "\(noURL.stderr)")

    let missing = try slicewatch("baseline", "build", "--evalset", "/nonexistent.jsonl", "--embedder", "hashed", "-o", out)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("/nonexistent.jsonl"))

    let notABaseline = try slicewatch("baseline", "show", evalset)
    #expect(notABaseline.status == 1)
    #expect(notABaseline.stderr.contains("format") || notABaseline.stderr.contains("JSON"), "\(notABaseline.stderr)")
}
