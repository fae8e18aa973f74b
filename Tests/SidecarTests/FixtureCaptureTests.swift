// FixtureCaptureTests: the committed real captures (official OpenAI and Anthropic SDKs, httpx, curl
// against a local server, recorded with tcpdump) decode into exactly the exchanges the clients made,
// matched by request id against the recorder's ground truth.

import Capture
import Foundation
import HTTPStream
import Sidecar
import Testing

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/captures")

func fixturePath(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

func capture(_ path: String, options: CaptureRunOptions = .init()) throws -> ([HTTPExchange], CaptureSummary) {
    let runner = try CaptureRunner(.file(path), options: options)
    var exchanges: [HTTPExchange] = []
    let summary = runner.run { exchanges.append($0) }
    return (exchanges, summary)
}

func groundTruth(_ name: String) throws -> [[String: Any]] {
    let text = try String(contentsOfFile: fixturePath(name), encoding: .utf8)
    return try text.split(separator: "\n").map {
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
}

@Test(arguments: [
    ("openai-sdk.pcap", "openai-sdk.truth.jsonl"), ("anthropic-sdk.pcap", "anthropic-sdk.truth.jsonl"),
    ("mixed.pcap", "mixed.truth.jsonl"), ("mixed.pcapng", "mixed.truth.jsonl"),
    ("any-sll2.pcap", "any-sll2.truth.jsonl"),
])
func realCapturesMatchGroundTruth(_ file: String, _ truthFile: String) throws {
    let (exchanges, summary) = try capture(fixturePath(file))
    let truth = try groundTruth(truthFile)
    #expect(summary.endError == nil)
    #expect(summary.reassembly.gaps == 0)
    #expect(summary.http.parseErrors == 0)
    #expect(exchanges.count == truth.count)
    var byID: [String: HTTPExchange] = [:]
    for e in exchanges {
        if let id = e.request?.head.headers["x-client-request-id"] { byID[id] = e }
    }
    for item in truth {
        let id = try #require(item["request_id"] as? String)
        let exchange = try #require(byID[id], "no exchange for request \(id)")
        #expect(exchange.request?.head.target == item["path"] as? String)
        #expect(exchange.response?.head.status == item["status"] as? Int)
        let text = try #require(item["user_text"] as? String)
        let body = exchange.request?.body.text ?? ""
        // JSON bodies escape some characters; compare on a JSON-encoded form of the user text too.
        let encoded = String(decoding: try JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst(2)
            .dropLast(2)
        #expect(body.contains(text) || body.contains(encoded), "request \(id) body lacks its user text")
        if item["stream"] as? Bool == true, item["status"] as? Int == 200 {
            #expect((exchange.response?.events?.count ?? 0) > 0, "streamed answer \(id) has no events")
        }
        #expect(exchange.flags.isEmpty, "request \(id) flagged \(exchange.flags)")
    }
}

@Test func truncatedCaptureReportsTheCutAndKeepsEverythingBefore() throws {
    let (full, _) = try capture(fixturePath("mixed.pcap"))
    let (cut, summary) = try capture(fixturePath("mixed-truncated.pcap"))
    #expect(summary.endError?.code == .truncatedFile)
    #expect(cut.count > 0)
    let complete = cut.filter { $0.flags.isEmpty }
    #expect(complete.count > full.count / 3)
    // Every exchange completed before the cut is identical to the one in the full capture.
    let fullByID = Dictionary(
        full.compactMap { e in e.request?.head.headers["x-client-request-id"].map { ($0, e) } },
        uniquingKeysWith: { a, _ in a })
    for e in complete {
        let id = try #require(e.request?.head.headers["x-client-request-id"])
        #expect(fullByID[id]?.response?.body == e.response?.body)
    }
}
