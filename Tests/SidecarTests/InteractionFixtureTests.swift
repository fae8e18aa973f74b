// InteractionFixtureTests: interactions read from the committed real captures (official OpenAI and Anthropic
// SDKs, httpx, curl; JSON and streamed answers; gzip; keep-alive; injected 429/500 errors) match what the
// recorder's ground truth says each client sent and received: input text, answer, finish reason, status,
// model, stream flag, tool calls and errors. Matched by the X-Client-Request-Id header.

import Exchange
import JSON
import Foundation
import HTTPStream
import Sidecar
import Testing

@Test(arguments: ["openai-sdk", "anthropic-sdk", "mixed", "any-sll2", "openai-responses", "openai-completions"])
func interactionsMatchWhatTheClientsSaw(_ name: String) throws {
    let (exchanges, _) = try capture(fixturePath("\(name).pcap"))
    let truth = try groundTruth("\(name).truth.jsonl")
    var registry = AdapterRegistry.standard()
    var byID: [String: Interaction] = [:]
    for exchange in exchanges {
        guard let id = exchange.request?.head.headers["x-client-request-id"],
            let interaction = registry.interaction(for: exchange)
        else { continue }
        byID[id] = interaction
    }
    #expect(registry.counters.interactions == UInt64(truth.count))
    #expect(registry.counters.unknownEndpoint == 0)
    #expect(registry.counters.parseErrors == 0)
    for item in truth {
        let id = try #require(item["request_id"] as? String)
        let i = try #require(byID[id], "no interaction for \(id)")
        let status = item["status"] as? Int
        // The last user turn, without placeholder lines for tool results or images.
        let typed = i.input.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !($0.hasPrefix("[") && $0.hasSuffix("]")) }.joined(separator: "\n")
        #expect(typed == item["user_text"] as? String, "\(id) input")
        #expect(i.status == status, "\(id) status")
        #expect(i.model == item["model"] as? String, "\(id) model")
        #expect(i.stream == item["stream"] as? Bool, "\(id) stream")
        if status == 200 {
            #expect(i.output == (item["output_text"] as? String ?? ""), "\(id) output")
            // The traffic kit's older captures write a Responses "completed" status as "stop".
            var expected = item["finish_reason"] as? String
            if i.api == .openAIResponses && expected == "stop" { expected = "completed" }
            #expect(i.finishReason == expected, "\(id) finish reason")
            let calls = (item["tool_calls"] as? [Any] ?? []).compactMap { ($0 as? String) ?? ($0 as? [String: Any])?["name"] as? String }
            #expect(i.toolCalls.map(\.name) == calls, "\(id) tool calls")
            let argumentsValid = i.toolCalls.allSatisfy { $0.argumentsValid }
            #expect(argumentsValid)
            let cut = (expected ?? "").hasPrefix("incomplete")
            #expect(i.flags.isEmpty || cut, "\(id) flagged \(i.flags)")
            // Streams report usage only when asked (stream_options.include_usage); the recorder says when.
            if let usage = item["usage"] as? [String: Any], let total = usage["total"] as? Int {
                #expect(i.usage?.total == total, "\(id) usage")
            } else if item["usage"] == nil {
                #expect(i.usage != nil, "\(id) usage")
            }
            #expect((i.timeToFirstToken ?? -1) >= 0 && (i.latency ?? -1) >= (i.timeToFirstToken ?? 0))
        } else {
            #expect(i.flags.contains(.apiError), "\(id) error not flagged")
            #expect(i.error != nil, "\(id) error not read")
        }
        // Secrets sent by the SDKs (fake keys in headers) never reach an interaction.
        var w = JSONWriterBox()
        #expect(!w.text(of: i).contains("harnessFAKEkey"))
    }
}

/// Renders an interaction's JSON line as text.
struct JSONWriterBox {
    mutating func text(of interaction: Interaction) -> String {
        var w = JSON.JSONWriter()
        interaction.writeJSON(into: &w)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
