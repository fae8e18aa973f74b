// OpenAIChatAdapterTests: the chat completions adapter on hand-built JSON and SSE exchanges —
// requests (roles, parts, hashes, parameters, tools), answers, errors, streams and their cuts.

import Exchange
import HTTPStream
import Testing

@Suite struct OpenAIChatAdapterTests {
    let adapter = OpenAIChatAdapter()
    let path = "/v1/chat/completions"

    func chat(_ request: String, status: Int = 200, _ response: String) -> Interaction {
        OpenAIFixture.run(adapter, OpenAIFixture.json(path: path, request: request, status: status, response: response))
    }

    func stream(_ data: [String], request: String? = nil, flags: ExchangeFlags = [], complete: Bool = true)
        -> Interaction
    {
        let req = request ?? #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}"#
        return OpenAIFixture.run(
            adapter, OpenAIFixture.sse(path: path, request: req, data: data, flags: flags, complete: complete))
    }

    static let answer = #"""
        {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,
        "message":{"role":"assistant","content":"Hello there.","refusal":null},"logprobs":null,"finish_reason":"stop"}],
        "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}
        """#

    @Test func plainAnswer() {
        let i = chat(
            #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}],"temperature":0.2,"top_p":0.9,"max_tokens":50}"#,
            Self.answer)
        #expect(i.model == "gpt-4o-mini")
        #expect(i.input == "Say hello")
        #expect(i.conversation == [Turn(role: "user", text: "Say hello")])
        #expect(i.turns == 1)
        #expect(i.systemPromptHash == nil)
        #expect(i.output == "Hello there.")
        #expect(i.finishReason == "stop")
        #expect(i.refusal == nil)
        #expect(i.usage == TokenUsage(input: 12, output: 3, total: 15))
        #expect(i.parameters.temperature == 0.2)
        #expect(i.parameters.topP == 0.9)
        #expect(i.parameters.maxTokens == 50)
        #expect(i.stream == false)
        #expect(i.flags == [])
        #expect(i.error == nil)
        #expect(i.timeToFirstToken.map { abs($0 - 0.5) < 1e-9 } == true)
    }

    @Test(arguments: [
        // (content JSON, expected text)
        (#"[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]"#,
         "What is this?\n[image]"),
        (#"[{"type":"text","text":"a"},{"type":"text","text":"b"}]"#, "a\nb"),
        (#"[{"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}},{"type":"text","text":"transcribe"}]"#,
         "[audio]\ntranscribe"),
        (#"[{"type":"file","file":{"file_id":"file-1"}}]"#, "[file]"),
        (#""plain""#, "plain"),
        ("null", ""),
    ])
    func multiPartContent(content: String, expected: String) {
        let i = chat(#"{"model":"m","messages":[{"role":"user","content":"# + content + "}]}", Self.answer)
        #expect(i.input == expected)
        #expect(i.conversation.last?.text == expected)
    }

    @Test func systemAndDeveloperHash() {
        let request = #"""
            {"model":"m","messages":[
              {"role":"system","content":"You are concise."},
              {"role":"developer","content":[{"type":"text","text":"Answer in English."}]},
              {"role":"user","content":"first"},
              {"role":"assistant","content":"ok"},
              {"role":"user","content":"second"}]}
            """#
        let i = chat(request, Self.answer)
        #expect(i.conversation.map(\.role) == ["system", "system", "user", "assistant", "user"])
        #expect(i.turns == 3)
        #expect(i.input == "second")
        #expect(i.systemPromptHash == fnv1a64Hex("You are concise.\nAnswer in English."))
        #expect(i.systemPromptHash?.count == 16)
    }

    @Test(arguments: [
        ("", "cbf29ce484222325"),
        ("a", "af63dc4c8601ec8c"),
        ("foobar", "85944171f73967e8"),
    ])
    func fnvKnownValues(text: String, hex: String) {
        #expect(fnv1a64Hex(text) == hex)
    }

    /// Long prompts' hashes are remembered: asked again (and among other prompts of the same length, more than
    /// the memo holds) they still equal the hash computed byte by byte.
    @Test func rememberedPromptHashesStayExact() {
        func reference(_ s: String) -> String {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
            let hex = String(h, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
        let prompts = (0..<7).map { k in "You are agent \(k). " + String(repeating: "Follow the policy. ", count: 20) }
        for round in 0..<3 {
            for p in prompts + prompts.reversed() { #expect(fnv1a64Hex(p) == reference(p), "round \(round)") }
        }
    }

    @Test func toolsOfferedAndHistoryWithToolCalls() {
        let request = #"""
            {"model":"m","messages":[
              {"role":"user","content":"weather in Paris?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"18C"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{}}},
                      {"type":"function","function":{"name":"book_flight"}}],
             "functions":[{"name":"legacy_fn"}]}
            """#
        let i = chat(request, Self.answer)
        #expect(i.toolsOffered == ["get_weather", "book_flight", "legacy_fn"])
        #expect(i.conversation.map(\.role) == ["user", "assistant", "tool"])
        #expect(i.conversation[1].text == "[tool_call: get_weather]")
        #expect(i.conversation[2].text == "18C")
        #expect(i.turns == 2)
        #expect(i.input == "weather in Paris?")
    }

    @Test(arguments: [
        (#"{\"city\":\"Paris\"}"#, true),
        ("{}", true),
        (#"{\"city\":\"Par"#, false),
        ("", false),
        ("not json", false),
    ])
    func toolCallArguments(arguments: String, valid: Bool) {
        let response = #"""
            {"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
              {"id":"c1","type":"function","function":{"name":"get_weather","arguments":"\#(arguments)"}}]},
              "finish_reason":"tool_calls"}]}
            """#
        let i = chat(#"{"model":"m","messages":[{"role":"user","content":"x"}]}"#, response)
        #expect(i.toolCalls == [ToolCall(name: "get_weather", argumentsValid: valid)])
        #expect(i.finishReason == "tool_calls")
        #expect(i.output == "")
        #expect(i.flags == [])
    }

    @Test func refusal() {
        let response = #"""
            {"choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't help with that."},
             "finish_reason":"stop"}]}
            """#
        let i = chat(#"{"model":"m","messages":[{"role":"user","content":"x"}]}"#, response)
        #expect(i.refusal == "I can't help with that.")
        #expect(i.output == "")
        #expect(i.flags == [])
    }

    @Test func finishReasonLength() {
        let response = #"""
            {"choices":[{"index":0,"message":{"role":"assistant","content":"Once upon a"},"finish_reason":"length"}],
             "usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}
            """#
        let i = chat(#"{"model":"m","max_completion_tokens":3,"messages":[{"role":"user","content":"story"}]}"#, response)
        #expect(i.finishReason == "length")
        #expect(i.parameters.maxTokens == 3)
        #expect(i.output == "Once upon a")
    }

    @Test(arguments: [
        (429, #"{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#,
         APIError(type: "requests", message: "Rate limit reached for requests")),
        (429, #"{"error":{"message":"slow down","type":null,"code":"rate_limit_exceeded"}}"#,
         APIError(type: "rate_limit_exceeded", message: "slow down")),
        (500, #"{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"#,
         APIError(type: "server_error", message: "The server had an error while processing your request.")),
        (502, "<html>Bad Gateway</html>", APIError(type: nil, message: "<html>Bad Gateway</html>")),
        (200, #"{"error":{"message":"odd","type":"invalid_request_error"}}"#,
         APIError(type: "invalid_request_error", message: "odd")),
    ])
    func errorBodies(status: Int, body: String, expected: APIError) {
        let i = chat(#"{"model":"m","messages":[{"role":"user","content":"x"}]}"#, status: status, body)
        #expect(i.error == expected)
        #expect(i.flags == [.apiError])
        #expect(i.output == "")
    }

    @Test func nonJSONSuccessBodyIsParseError() {
        let i = chat(#"{"model":"m","messages":[{"role":"user","content":"x"}]}"#, "<html>ok</html>")
        #expect(i.flags == [.parseError])
    }

    @Test func truncatedBodyIsIncompleteNotParseError() {
        let exchange = OpenAIFixture.json(
            path: path, request: #"{"model":"m","messages":[]}"#, response: #"{"choices":[{"index":0,"mess"#,
            flags: [.incomplete], complete: false)
        let i = OpenAIFixture.run(adapter, exchange)
        #expect(i.flags == [.incomplete])
    }

    // MARK: Streams

    @Test(arguments: [1, 2, 5, 17])
    func streamedAnswerSplitIntoDeltas(pieces: Int) {
        let text = "The quick brown fox jumps over the lazy dog, \"quoted\"\nand a new line."
        let chars = Array(text)
        var deltas: [String] = [chatChunk(#"{"role":"assistant","content":""}"#)]
        let size = (chars.count + pieces - 1) / pieces
        for start in stride(from: 0, to: chars.count, by: size) {
            deltas.append(chatTextChunk(String(chars[start..<min(start + size, chars.count)])))
        }
        deltas.append(chatChunk("{}", finish: "stop"))
        deltas.append("[DONE]")
        let i = stream(deltas)
        #expect(i.output == text)
        #expect(i.finishReason == "stop")
        #expect(i.stream)
        #expect(i.flags == [])
        #expect(i.input == "hi")
    }

    @Test func usageOnlyFinalChunk() {
        let i = stream([
            chatTextChunk("Hi"), chatChunk("{}", finish: "stop"),
            #"{"id":"chatcmpl-1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10}}"#,
            "[DONE]",
        ])
        #expect(i.usage == TokenUsage(input: 9, output: 1, total: 10))
        #expect(i.output == "Hi")
        #expect(i.flags == [])
    }

    @Test(arguments: [
        (["{\\\"ci", "ty\\\":", " \\\"Paris\\\"}"], true),
        (["{\\\"ci", "ty\\\":"], false),
    ])
    func streamedToolCallFromFragments(fragments: [String], valid: Bool) {
        var data = [
            chatChunk(#"{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}"#)
        ]
        for f in fragments {
            data.append(chatChunk(#"{"tool_calls":[{"index":0,"function":{"arguments":""# + f + #""}}]}"#))
        }
        data.append(chatChunk(#"{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}"#))
        data.append(chatChunk("{}", finish: "tool_calls"))
        data.append("[DONE]")
        let i = stream(data)
        #expect(i.toolCalls == [ToolCall(name: "get_weather", argumentsValid: valid), ToolCall(name: "get_time", argumentsValid: true)])
        #expect(i.finishReason == "tool_calls")
        #expect(i.output == "")
        #expect(i.flags == [])
        #expect(i.timeToFirstToken == 1)  // first event (at 11 s) already names the tool call
    }

    @Test func streamedRefusal() {
        let i = stream([
            chatChunk(#"{"role":"assistant","content":null,"refusal":""}"#),
            chatChunk(#"{"refusal":"I can't "}"#), chatChunk(#"{"refusal":"help."}"#),
            chatChunk("{}", finish: "stop"), "[DONE]",
        ])
        #expect(i.refusal == "I can't help.")
        #expect(i.output == "")
        #expect(i.timeToFirstToken == 2)
    }

    @Test(arguments: [
        // (events, HTTP flags, message complete, expected flags)
        ([chatTextChunk("Hel"), chatTextChunk("lo")], ExchangeFlags(), true, InteractionFlags.incomplete),
        ([chatTextChunk("Hel"), chatTextChunk("lo")], ExchangeFlags.incomplete, false, InteractionFlags.incomplete),
        ([chatTextChunk("Hel"), chatTextChunk("lo"), chatChunk("{}", finish: "stop"), "[DONE]"], ExchangeFlags.gap, true,
         InteractionFlags.incomplete),
        ([chatTextChunk("Hel"), chatTextChunk("lo"), chatChunk("{}", finish: "stop")], ExchangeFlags(), true,
         InteractionFlags()),
        ([chatTextChunk("Hel"), chatTextChunk("lo"), "[DONE]"], ExchangeFlags(), true, InteractionFlags()),
    ])
    func streamCut(data: [String], http: ExchangeFlags, complete: Bool, expected: InteractionFlags) {
        let i = stream(data, flags: http, complete: complete)
        #expect(i.flags == expected)
        #expect(i.output == "Hello")
    }

    @Test func nonJSONEventIsParseErrorButKeepsGoing() {
        let i = stream([chatTextChunk("A"), "{not json", chatTextChunk("B"), chatChunk("{}", finish: "stop"), "[DONE]"])
        #expect(i.output == "AB")
        #expect(i.flags == [.parseError])
    }

    @Test func errorEventInStream() {
        let i = stream([
            chatTextChunk("A"),
            #"{"error":{"message":"The server had an error","type":"server_error","code":null}}"#,
        ])
        #expect(i.error == APIError(type: "server_error", message: "The server had an error"))
        #expect(i.flags == [.apiError])
        #expect(i.output == "A")
    }

    @Test(arguments: [
        // (index of the first event with content, expected seconds after the request's last byte)
        (0, 1.0), (1, 2.0), (3, 4.0),
    ])
    func timeToFirstToken(firstContent: Int, seconds: Double) {
        var data = (0..<firstContent).map { _ in chatChunk(#"{"role":"assistant","content":""}"#) }
        data += [chatTextChunk("x"), chatTextChunk("y"), chatChunk("{}", finish: "stop"), "[DONE]"]
        let i = stream(data)
        #expect(i.timeToFirstToken.map { abs($0 - seconds) < 1e-9 } == true)
    }

    @Test func streamFlagFromContentTypeOnly() {
        let i = stream(
            [chatTextChunk("x"), chatChunk("{}", finish: "stop"), "[DONE]"],
            request: #"{"model":"m","messages":[{"role":"user","content":"q"}]}"#)
        #expect(i.stream)
        #expect(i.output == "x")
    }

    @Test func errorStatusForStreamRequestIsJSON() {
        let exchange = OpenAIFixture.json(
            path: path, request: #"{"model":"m","stream":true,"messages":[{"role":"user","content":"q"}]}"#,
            status: 429, response: #"{"error":{"message":"Too many","type":"rate_limit_error"}}"#)
        let i = OpenAIFixture.run(adapter, exchange)
        #expect(i.stream)
        #expect(i.error == APIError(type: "rate_limit_error", message: "Too many"))
        #expect(i.flags == [.apiError])
    }
}
