// ReplayCommandTests: `slicewatch replay` on the bundled real captures against the bundled baseline — quiet on
// the normal period, a novelty alert on the drifting one (an unseen domain and out-of-scope queries appear),
// JSON lines that parse, and clear messages for bad input. Needs the MiniLM model (scripts/fetch-model.sh).

import Foundation
import Testing

private let baseline = "samples/baselines/drift-baseline.json"
private let modelMissing = !FileManager.default.fileExists(
    atPath: repositoryRoot.appendingPathComponent("models/all-MiniLM-L6-v2/model.safetensors").path)

@Suite(.enabled(if: !modelMissing, "the MiniLM model is missing: run scripts/fetch-model.sh"))
struct ReplayCommandTests {
    @Test func theNormalPeriodIsQuietAndTheDriftingOneAlerts() throws {
        let normal = try slicewatch("replay", "samples/captures/drift/normal.pcap", "--baseline", baseline, "--window", "50", "--fail-on-alert")
        #expect(normal.status == 0, "\(normal.stdout)\n\(normal.stderr)")
        #expect(normal.stdout.contains("alerts fired: 0"))

        let drifting = try slicewatch(
            "replay", "samples/captures/drift/drifting.pcap", "--baseline", baseline, "--window", "50", "--format", "json", "--fail-on-alert")
        #expect(drifting.status == 3, "\(drifting.stderr)")
        let lines = try drifting.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.filter { $0["type"] as? String == "window" }.count == 11)
        let firing = try #require(lines.first { $0["type"] as? String == "alert" && $0["state"] as? String == "firing" })
        #expect(firing["key"] as? String == "novelty")
        #expect(firing["slice"] as? String == "novel")
        #expect((firing["interaction_index"] as? Int ?? 0) > 200)  // the drift starts after 200 requests
        #expect(!(firing["examples"] as? [String] ?? []).isEmpty)
        let summary = try #require(lines.last)
        #expect(summary["type"] as? String == "summary")
        #expect(summary["interactions"] as? Int == 550)
    }
}

@Test func replayBadInputSaysWhatIsWrong() throws {
    let noBaseline = try slicewatch("replay", "samples/captures/drift/normal.pcap", "--baseline", "/nonexistent.json")
    #expect(noBaseline.status == 1)
    #expect(noBaseline.stderr.contains("/nonexistent.json"))

    let notABaseline = try slicewatch("replay", "samples/captures/drift/normal.pcap", "--baseline", "samples/evalset/drift-evalset.jsonl")
    #expect(notABaseline.status == 1)

    let badWindow = try slicewatch("replay", "samples/captures/drift/normal.pcap", "--baseline", baseline, "--window", "5x")
    #expect(badWindow.status != 0)
    #expect(badWindow.stderr.contains("--window"))

    let both = try slicewatch("replay", "samples/captures/drift/normal.pcap", "--from-jsonl", "x.jsonl", "--baseline", baseline)
    #expect(both.status != 0)
    #expect(both.stderr.contains("one of them"))
}

@Test(.enabled(if: !modelMissing, "the MiniLM model is missing: run scripts/fetch-model.sh"))
func anEmptyCaptureStillGetsASummary() throws {
    let dir = try temporaryDirectory()
    let empty = dir.appendingPathComponent("empty.pcap")
    // A valid pcap header and no packets.
    var header = Data([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0])
    header += Data(count: 8)
    header += Data([0xff, 0xff, 0, 0, 1, 0, 0, 0])
    try header.write(to: empty)
    let result = try slicewatch("replay", empty.path, "--baseline", baseline)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("0 interactions"))
    #expect(result.stderr.contains("no model calls"))
}

private let judge = repositoryRoot.appendingPathComponent("Tests/Fixtures/graders/judge.py").path

@Suite(.enabled(if: !modelMissing, "the MiniLM model is missing: run scripts/fetch-model.sh"))
struct ReplayQualityTests {
    @Test func aRealGraderScoresASampleAndItsScoresAreReported() throws {
        let result = try slicewatch(
            "replay", "samples/captures/drift/normal.pcap", "--baseline", baseline, "--window", "50", "--format", "json",
            "--grader-command", "python3 \(judge)", "--grade-percent", "20", "--fail-on-alert")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let grades = lines.filter { $0["type"] as? String == "grade" }
        #expect(grades.count > 40)
        let score = try #require((grades.first?["scores"] as? [[String: Any]])?.first)
        #expect(score["grader"] as? String == "grader" && score["score"] as? Double == 0.9)
        let summary = try #require(lines.last)
        #expect(summary["graded"] as? Int == grades.count)
        #expect(summary["grading_failures"] as? Int == 0)
        let quality = try #require(summary["quality"] as? [String: Any])
        #expect(quality["scored"] as? Int ?? 0 > 0)
        #expect((summary["expected_quality"] as? [String: Any])?["expected"] is Double)
    }

    @Test func aBrokenGraderIsCountedAndTheReplayGoesOn() throws {
        let result = try slicewatch(
            "replay", "samples/captures/drift/normal.pcap", "--baseline", baseline, "--window", "50", "--format", "json",
            "--grader-command", "python3 \(judge) --mode garbage", "--grade-percent", "10")
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.split(separator: "\n").last!.utf8)) as? [String: Any])
        #expect(summary["graded"] as? Int == 0)
        #expect(summary["grading_failures"] as? Int ?? 0 > 10)
        #expect(summary["interactions"] as? Int == 300)
    }

    @Test func badQualityOptionsSayWhatIsWrong() throws {
        let r = try slicewatch("replay", "samples/captures/drift/normal.pcap", "--baseline", baseline, "--refusal-phrases", "/nonexistent")
        #expect(r.status == 2 && r.stderr.contains("quality.refusal_phrases_file"))
        let u = try slicewatch("replay", "samples/captures/drift/normal.pcap", "--baseline", baseline, "--grader-url", "ftp://judge")
        #expect(u.status == 2 && u.stderr.contains("not an http"))
    }
}
