// OpenAIResponsesAdapterTests: the Responses API adapter on hand-built exchanges — input shapes,
// instructions, tools, JSON responses (text, function calls, refusal, incomplete, errors) and typed
// SSE streams (text, function calls, terminal events, cuts, errors).

import Exchange
import HTTPStream
import Testing

@Suite struct OpenAIResponsesAdapterTests {
    let adapter = OpenAIResponsesAdapter()
    let path = "/v1/responses"

    func json(_ request: String, status: Int = 200, _ response: String) -> Interaction {
        OpenAIFixture.run(adapter, OpenAIFixture.json(path: path, request: request, status: status, response: response))
    }

    func stream(_ events: [(String, String)], flags: ExchangeFlags = [], complete: Bool = true) -> Interaction {
        let request = #"{"model":"gpt-4.1","stream":true,"input":"hi"}"#
        return OpenAIFixture.run(
            adapter,
            OpenAIFixture.sse(
                path: path, request: request, events: events.map { (event: $0.0, data: $0.1) }, flags: flags,
                complete: complete))
    }

    static let textResponse = #"""
        {"id":"resp_1","object":"response","status":"completed","model":"gpt-4.1-2025-04-14","error":null,
         "incomplete_details":null,"output":[{"type":"message","id":"msg_1","role":"assistant","content":[
           {"type":"output_text","text":"Paris is ","annotations":[]},{"type":"output_text","text":"the capital.","annotations":[]}]}],
         "usage":{"input_tokens":20,"output_tokens":6,"total_tokens":26}}
        """#

    @Test(arguments: [
        // (input JSON, expected input, expected roles)
        (#""What is the capital of France?""#, "What is the capital of France?", ["user"]),
        (#"[{"role":"user","content":"one"},{"role":"assistant","content":"two"},{"role":"user","content":"three"}]"#,
         "three", ["user", "assistant", "user"]),
        (#"[{"type":"message","role":"user","content":[{"type":"input_text","text":"look"},{"type":"input_image","image_url":"https://x/y.png"},{"type":"input_file","file_id":"f"}]}]"#,
         "look\n[image]\n[file]", ["user"]),
        (#"[{"role":"developer","content":"be brief"},{"role":"user","content":"q"}]"#, "q", ["system", "user"]),
        (#"[{"role":"user","content":"q"},{"type":"function_call","call_id":"c","name":"f","arguments":"{}"},{"type":"function_call","call_id":"d","name":"g","arguments":"{}"},{"type":"function_call_output","call_id":"c","output":"42"},{"type":"reasoning","id":"r","summary":[]}]"#,
         "q", ["user", "assistant", "tool"]),
    ])
    func inputShapes(input: String, expected: String, roles: [String]) {
        let i = json(#"{"model":"gpt-4.1","input":"# + input + "}", Self.textResponse)
        #expect(i.input == expected)
        #expect(i.conversation.map(\.role) == roles)
        #expect(i.turns == roles.count { $0 == "user" || $0 == "assistant" })
    }

    @Test func instructionsParametersAndTools() {
        let request = #"""
            {"model":"gpt-4.1","instructions":"You are terse.","input":[{"role":"developer","content":"No emoji."},{"role":"user","content":"hi"}],
             "temperature":0.7,"top_p":0.5,"max_output_tokens":256,"text":{"format":{"type":"json_schema","name":"x","schema":{}}},
             "tools":[{"type":"function","name":"get_weather","parameters":{}},{"type":"web_search"},{"type":"file_search","vector_store_ids":[]}]}
            """#
        let i = json(request, Self.textResponse)
        #expect(i.conversation.first == Turn(role: "system", text: "You are terse."))
        #expect(i.systemPromptHash == fnv1a64Hex("You are terse.\nNo emoji."))
        #expect(i.parameters.temperature == 0.7)
        #expect(i.parameters.topP == 0.5)
        #expect(i.parameters.maxTokens == 256)
        #expect(i.parameters.responseFormat == "json_schema")
        #expect(i.toolsOffered == ["get_weather", "web_search", "file_search"])
    }

    @Test func nonStreamText() {
        let i = json(#"{"model":"gpt-4.1","input":"capital?"}"#, Self.textResponse)
        #expect(i.model == "gpt-4.1")
        #expect(i.output == "Paris is the capital.")
        #expect(i.finishReason == "completed")
        #expect(i.usage == TokenUsage(input: 20, output: 6, total: 26))
        #expect(i.flags == [])
        #expect(i.stream == false)
    }

    @Test(arguments: [(#"{\"city\":\"Paris\"}"#, true), (#"{\"city\":"#, false)])
    func nonStreamFunctionCall(arguments: String, valid: Bool) {
        let response = #"""
            {"status":"completed","output":[{"type":"reasoning","id":"rs_1","summary":[]},
             {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"\#(arguments)","status":"completed"}],
             "usage":{"input_tokens":30,"output_tokens":9,"total_tokens":39}}
            """#
        let i = json(#"{"model":"m","input":"weather?"}"#, response)
        #expect(i.toolCalls == [ToolCall(name: "get_weather", argumentsValid: valid)])
        #expect(i.output == "")
    }

    @Test func nonStreamRefusal() {
        let response = #"""
            {"status":"completed","output":[{"type":"message","role":"assistant","content":[{"type":"refusal","refusal":"I can't help with that."}]}]}
            """#
        let i = json(#"{"model":"m","input":"x"}"#, response)
        #expect(i.refusal == "I can't help with that.")
        #expect(i.output == "")
    }

    @Test func incompleteStatusWithReason() {
        let response = #"""
            {"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[{"type":"message","role":"assistant",
             "content":[{"type":"output_text","text":"Once upon"}]}],"usage":{"input_tokens":3,"output_tokens":2,"total_tokens":5}}
            """#
        let i = json(#"{"model":"m","input":"story","max_output_tokens":2}"#, response)
        #expect(i.finishReason == "incomplete:max_output_tokens")
        #expect(i.output == "Once upon")
        #expect(i.flags == [])  // a whole HTTP answer; the model stopped early, the capture did not
    }

    @Test(arguments: [
        (429, #"{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#,
         APIError(type: "requests", message: "Rate limit reached")),
        (500, #"{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}"#,
         APIError(type: "server_error", message: "The server had an error")),
        (200, #"{"status":"failed","error":{"code":"server_error","message":"boom"},"output":[]}"#,
         APIError(type: "server_error", message: "boom")),
    ])
    func errors(status: Int, body: String, expected: APIError) {
        let i = json(#"{"model":"m","input":"x"}"#, status: status, body)
        #expect(i.error == expected)
        #expect(i.flags.contains(.apiError))
    }

    // MARK: Streams

    static func completed(_ output: String = "[]", status: String = "completed", extra: String = "") -> String {
        #"{"type":"response.\#(status)","response":{"id":"resp_1","status":"\#(status)","model":"gpt-4.1-2025","output":\#(output),"usage":{"input_tokens":8,"output_tokens":4,"total_tokens":12}\#(extra)}}"#
    }

    static func textDelta(_ s: String) -> (String, String) {
        ("response.output_text.delta", #"{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"# + openAIJSONString(s) + "}")
    }

    @Test func streamText() {
        let i = stream([
            ("response.created", #"{"type":"response.created","response":{"id":"resp_1","status":"in_progress","model":"gpt-4.1-2025","output":[]}}"#),
            ("response.output_item.added", #"{"type":"response.output_item.added","output_index":0,"item":{"type":"message","id":"msg_1","role":"assistant","content":[]}}"#),
            Self.textDelta("Hel"), Self.textDelta("lo "), Self.textDelta("world"),
            ("response.output_text.done", #"{"type":"response.output_text.done","item_id":"msg_1","text":"Hello world"}"#),
            ("response.completed", Self.completed()),
        ])
        #expect(i.output == "Hello world")
        #expect(i.finishReason == "completed")
        #expect(i.usage == TokenUsage(input: 8, output: 4, total: 12))
        #expect(i.stream)
        #expect(i.flags == [])
        #expect(i.timeToFirstToken.map { abs($0 - 3) < 1e-9 } == true)  // event 2 at 13 s
    }

    @Test func streamTextUsesFinalOutputWhenPresent() {
        let final = #"[{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hello world"}]}]"#
        let i = stream([Self.textDelta("Hello"), Self.textDelta(" world"), ("response.completed", Self.completed(final))])
        #expect(i.output == "Hello world")
    }

    @Test(arguments: [true, false])
    func streamFunctionCall(withDone: Bool) {
        var events: [(String, String)] = [
            ("response.output_item.added", #"{"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":""}}"#),
            ("response.function_call_arguments.delta", #"{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":0,"delta":"{\"ci"}"#),
            ("response.function_call_arguments.delta", #"{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":0,"delta":"ty\":\"Paris\"}"}"#),
        ]
        if withDone {
            events.append(("response.function_call_arguments.done", #"{"type":"response.function_call_arguments.done","item_id":"fc_1","output_index":0,"arguments":"{\"city\":\"Paris\"}"}"#))
        }
        events.append(("response.completed", Self.completed()))
        let i = stream(events)
        #expect(i.toolCalls == [ToolCall(name: "get_weather", argumentsValid: true)])
        #expect(i.flags == [])
        #expect(i.timeToFirstToken.map { abs($0 - 1) < 1e-9 } == true)
    }

    @Test func streamIncompleteStatus() {
        let i = stream([
            Self.textDelta("Once"),
            ("response.incomplete", Self.completed(status: "incomplete", extra: #","incomplete_details":{"reason":"max_output_tokens"}"#)),
        ])
        #expect(i.finishReason == "incomplete:max_output_tokens")
        #expect(i.output == "Once")
        #expect(i.flags == [])
    }

    @Test(arguments: [
        (ExchangeFlags(), true),
        (ExchangeFlags.incomplete, false),
        (ExchangeFlags.gap, true),
    ])
    func streamCutWithoutTerminalEvent(http: ExchangeFlags, complete: Bool) {
        let i = stream([Self.textDelta("Hel"), Self.textDelta("lo")], flags: http, complete: complete)
        #expect(i.flags == [.incomplete])
        #expect(i.output == "Hello")
        #expect(i.finishReason == nil)
    }

    @Test func streamGapEvenWithCompletedIsIncomplete() {
        let i = stream([Self.textDelta("Hello"), ("response.completed", Self.completed())], flags: .gap)
        #expect(i.flags == [.incomplete])
    }

    @Test func streamErrorEvent() {
        let i = stream([
            Self.textDelta("Hel"),
            ("error", #"{"type":"error","code":"server_error","message":"The model crashed","param":null}"#),
        ])
        #expect(i.error == APIError(type: "server_error", message: "The model crashed"))
        #expect(i.flags == [.apiError])
    }

    @Test func streamFailedEvent() {
        let i = stream([
            ("response.failed", #"{"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"oops"},"output":[]}}"#),
        ])
        #expect(i.finishReason == "failed")
        #expect(i.error == APIError(type: "server_error", message: "oops"))
        #expect(i.flags == [.apiError])
    }

    @Test func streamNonJSONEventIsParseError() {
        let i = stream([Self.textDelta("A"), ("response.output_text.delta", "garbage"), Self.textDelta("B"),
                        ("response.completed", Self.completed())])
        #expect(i.output == "AB")
        #expect(i.flags == [.parseError])
    }

    @Test func streamRefusal() {
        let i = stream([
            ("response.refusal.delta", #"{"type":"response.refusal.delta","item_id":"msg_1","delta":"No, "}"#),
            ("response.refusal.delta", #"{"type":"response.refusal.delta","item_id":"msg_1","delta":"sorry."}"#),
            ("response.completed", Self.completed()),
        ])
        #expect(i.refusal == "No, sorry.")
        #expect(i.output == "")
    }
}
