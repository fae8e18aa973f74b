// ExportReportCommandTests: `slicewatch export` and `slicewatch report` on the bundled drifting capture — the
// export holds mostly the drift's inputs (travel and out-of-scope queries), no duplicates, and rebuilding the
// baseline with it makes the same traffic quiet; the report is one self-contained HTML page; bad requests end
// with a clear message. Needs the MiniLM model (scripts/fetch-model.sh).

import Foundation
import Testing

private let baseline = "samples/baselines/drift-baseline.json"
private let evalset = "samples/evalset/drift-evalset.jsonl"
private let drifting = "samples/captures/drift/drifting.pcap"
private let modelMissing = !FileManager.default.fileExists(
    atPath: repositoryRoot.appendingPathComponent("models/all-MiniLM-L6-v2/model.safetensors").path)

/// The ground truth's domain of each input of the drifting capture ("oos" for out-of-scope queries).
private func truthDomains() throws -> [String: String] {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("samples/captures/drift/drifting.truth.jsonl"), encoding: .utf8)
    var domains: [String: String] = [:]
    for line in text.split(separator: "\n") {
        let o = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        if let input = o["user_text"] as? String, let domain = o["domain"] as? String { domains[input] = domain }
    }
    return domains
}

@Suite(.enabled(if: !modelMissing, "the MiniLM model is missing: run scripts/fetch-model.sh"))
struct ExportReportCommandTests {
    @Test func theExportHoldsTheDriftAndClosesTheLoop() throws {
        let dir = try temporaryDirectory()
        let fresh = dir.appendingPathComponent("fresh.jsonl").path
        let exported = try slicewatch(
            "export", "--read", drifting, "--baseline", baseline, "--evalset", evalset, "--window", "50", "-o", fresh)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("candidate new slices among novel inputs"), "\(exported.stderr)")
        let lines = try String(contentsOfFile: fresh, encoding: .utf8).split(separator: "\n")
        let items = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(items.count >= 50, "\(exported.stderr)")
        let inputs = items.compactMap { $0["input"] as? String }
        #expect(Set(inputs.map { $0.lowercased() }).count == inputs.count, "duplicates exported")
        // Mostly the drift: travel (absent from the eval set) and out-of-scope queries.
        let domains = try truthDomains()
        let drift = inputs.filter { ["travel", "oos"].contains(domains[$0] ?? "") }.count
        #expect(Double(drift) / Double(inputs.count) > 0.6, "\(drift) of \(inputs.count) from the drift")
        #expect(items.allSatisfy { (($0["metadata"] as? [String: Any])?["reasons"] as? [String])?.isEmpty == false })

        // Rebuilding the baseline with the exported items makes the same traffic quiet.
        let plus = dir.appendingPathComponent("evalset-plus.jsonl")
        try (try String(contentsOfFile: repositoryRoot.appendingPathComponent(evalset).path, encoding: .utf8)
            + lines.joined(separator: "\n") + "\n").write(to: plus, atomically: true, encoding: .utf8)
        let rebuilt = dir.appendingPathComponent("baseline-plus.json").path
        let built = try slicewatch(
            "baseline", "build", "--evalset", plus.path, "--reference", "samples/captures/drift/normal.pcap", "-o", rebuilt)
        #expect(built.status == 0, "\(built.stderr)")
        let before = try slicewatch("replay", drifting, "--baseline", baseline, "--window", "50", "--fail-on-alert")
        #expect(before.status == 3)
        let after = try slicewatch("replay", drifting, "--baseline", rebuilt, "--window", "50", "--fail-on-alert")
        #expect(after.status == 0, "\(after.stdout)")
    }

    @Test func otherFormatsCarryTheSameItems() throws {
        let dir = try temporaryDirectory()
        for format in ["openai-evals", "inspect"] {
            let out = dir.appendingPathComponent("\(format).jsonl").path
            let result = try slicewatch(
                "export", "--read", drifting, "--baseline", baseline, "--window", "50", "--max", "10", "--format", format, "-o", out)
            #expect(result.status == 0, "\(result.stderr)")
            let first = try #require(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").first)
            let o = try #require(JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
            #expect(format == "inspect" ? o["target"] != nil : o["ideal"] != nil && o["input"] is [Any], "\(o)")
        }
    }

    @Test func theReportIsOneSelfContainedPage() throws {
        let dir = try temporaryDirectory()
        let html = dir.appendingPathComponent("report.html").path
        let result = try slicewatch("report", "--read", drifting, "--baseline", baseline, "--window", "50", "-o", html)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") || page.hasPrefix("<!doctype html>"))
        #expect(page.contains("novelty") && page.contains("550"))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("src="))
    }
}

@Test func exportAndReportBadRequestsSayWhatIsWrong() throws {
    let both = try slicewatch("export", "--read", drifting, "--store", "x.db", "--baseline", baseline, "-o", "/tmp/x.jsonl")
    #expect(both.status != 0 && both.stderr.contains("exactly one of --store and --read"))
    let prefer = try slicewatch("export", "--read", drifting, "--baseline", baseline, "--prefer", "novel,fresh", "-o", "/tmp/x.jsonl")
    #expect(prefer.status == 2 && prefer.stderr.contains("unknown reason \"fresh\""), "\(prefer.stderr)")
    let pattern = try slicewatch("export", "--read", drifting, "--baseline", baseline, "--redact", "TICKET=[0-9", "-o", "/tmp/x.jsonl")
    #expect(pattern.status == 2 && pattern.stderr.contains("TICKET"), "\(pattern.stderr)")
    let noStore = try slicewatch("report", "--store", "/nonexistent.db", "--baseline", baseline, "-o", "/tmp/x.html")
    #expect(noStore.status == 1 && noStore.stderr.contains("/nonexistent.db"), "\(noStore.stderr)")
}
