// InteractionJSONTests: the interaction schema round-trips (write -> parse -> read gives the same value),
// optional fields may be absent, and a wrong type names the field.

import Exchange
import JSON
import Testing
import Wire

private func sampleInteraction() -> Interaction {
    var i = Interaction(id: "1763915000123456-3-0", api: .openAIChat)
    i.connection = ConnectionInfo(id: 3, client: "127.0.0.1:50000", server: "127.0.0.1:8080")
    i.method = "POST"
    i.path = "/v1/chat/completions"
    i.host = "api.local"
    i.requestStart = Timestamp(nanoseconds: 1_763_915_000_123_456_000)
    i.requestEnd = Timestamp(nanoseconds: 1_763_915_000_123_999_000)
    i.responseStart = Timestamp(nanoseconds: 1_763_915_000_200_000_000)
    i.responseEnd = Timestamp(nanoseconds: 1_763_915_000_900_000_000)
    i.model = "gpt-4o-mini"
    i.input = "book a table \"for two\"\nplease"
    i.conversation = [Turn(role: "system", text: "be brief"), Turn(role: "user", text: i.input)]
    i.turns = 1
    i.systemPromptHash = "0123456789abcdef"
    i.parameters.temperature = 0.25
    i.parameters.maxTokens = 256
    i.parameters.responseFormat = "json_object"
    i.toolsOffered = ["book_table"]
    i.toolCalls = [ToolCall(name: "book_table", argumentsValid: false)]
    i.output = "Done ✓"
    i.finishReason = "tool_calls"
    i.status = 200
    i.error = APIError(type: "rate_limit_error", message: "slow down")
    i.usage = TokenUsage(input: 12, output: 7, total: 19)
    i.stream = true
    i.timeToFirstByte = 0.076001
    i.timeToFirstToken = 0.1
    i.latency = 0.776544
    i.flags = [.incomplete, .apiError]
    return i
}

@Test func interactionsRoundTripThroughTheirJSONLine() throws {
    let original = sampleInteraction()
    var w = JSONWriter()
    original.writeJSON(into: &w)
    let value = try JSONParser().parse(w.bytes)
    let back = try Interaction(json: value, defaultID: "x")
    #expect(back == original)
}

@Test func onlyInputIsRequired() throws {
    let value = try JSONParser().parse(#"{"input":"hello"}"#)
    let i = try Interaction(json: value, defaultID: "line-7")
    #expect(i.id == "line-7")
    #expect(i.api == .generic)
    #expect(i.conversation == [Turn(role: "user", text: "hello")])
    #expect(i.turns == 1)
    #expect(i.flags.isEmpty)
}

@Test(arguments: [
    (#"{"output":"x"}"#, "missing field \"input\""),
    (#"{"input":3}"#, "field \"input\": expected a string"),
    (#"{"input":"x","api":"bard"}"#, "field \"api\": unknown API \"bard\""),
    (#"{"input":"x","usage":{"input":"12"}}"#, "field \"usage.input\": expected an integer"),
    (#"{"input":"x","flags":["weird"]}"#, "flags[0]: unknown flag"),
    (#"{"input":"x","conversation":[{"role":1}]}"#, "field \"conversation[0].role\": expected a string"),
    (#"[1,2]"#, "expected a JSON object"),
])
func badFieldsAreNamed(_ text: String, _ message: String) throws {
    let value = try JSONParser().parse(text)
    #expect {
        try Interaction(json: value, defaultID: "x")
    } throws: { error in
        "\(error)".hasPrefix(message)
    }
}
