// AnthropicMessagesAdapter tests: request shapes (system string/blocks, placeholders, tools, parameters),
// JSON answers (text, tool_use, refusal, max_tokens, error bodies), SSE streams (text, tool_use input
// fragments valid and broken, ping, error events, cuts, time to first token) and two real SDK exchanges.

@testable import Exchange
import Foundation
import HTTPStream
import JSON
import Testing

@Suite struct AnthropicMessagesAdapterTests {
    typealias F = AnthropicFixtures

    static let simpleRequest = #"{"model":"claude-haiku-4-5","max_tokens":256,"messages":[{"role":"user","content":"hi"}]}"#

    static func answer(_ content: String, stop: String = "end_turn") -> String {
        #"{"type":"message","model":"claude-haiku-4-5-20251001","content":\#(content),"stop_reason":"\#(stop)","usage":{"input_tokens":12,"output_tokens":5}}"#
    }

    // MARK: Request

    @Test func plainAnswer() {
        let i = F.anthropic(Self.simpleRequest, body: Self.answer(#"[{"type":"text","text":"Hello!"}]"#))
        #expect(i.model == "claude-haiku-4-5")
        #expect(i.input == "hi")
        #expect(i.conversation == [Turn(role: "user", text: "hi")])
        #expect(i.turns == 1)
        #expect(i.systemPromptHash == nil)
        #expect(i.parameters.maxTokens == 256 && i.parameters.temperature == nil && i.parameters.responseFormat == nil)
        #expect(i.output == "Hello!")
        #expect(i.finishReason == "end_turn")
        #expect(i.refusal == nil && i.error == nil)
        #expect(i.usage == TokenUsage(input: 12, output: 5, total: 17))
        #expect(!i.stream)
        #expect(i.flags == [])
        #expect(i.timeToFirstToken == 0.5)
    }

    @Test(arguments: [
        (#""Be brief.""#, "Be brief."),
        (#"[{"type":"text","text":"Be brief."},{"type":"text","text":"Use English.","cache_control":{"type":"ephemeral"}}]"#,
         "Be brief.\nUse English."),
    ])
    func systemPrompt(system: String, text: String) {
        let request = #"{"model":"m","system":\#(system),"temperature":0.2,"top_p":0.9,"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"#
        let i = F.anthropic(request, body: Self.answer("[]"))
        #expect(i.conversation == [Turn(role: "system", text: text), Turn(role: "user", text: "hi")])
        #expect(i.systemPromptHash == fnv1a64Hex(text))
        #expect(i.turns == 1)
        #expect(i.parameters.temperature == 0.2 && i.parameters.topP == 0.9 && i.parameters.maxTokens == 10)
    }

    @Test func contentBlocksAndPlaceholders() {
        let request = #"""
            {"model":"m","messages":[
             {"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO"}},{"type":"document","source":{"type":"text","data":"x"}}]},
             {"role":"assistant","content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"t1","name":"lookup","input":{"q":"x"}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"42"},{"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},{"type":"tool_result","tool_use_id":"t3"},{"type":"text","text":"and now?"}]}
            ],"tools":[{"name":"lookup","input_schema":{"type":"object"}},{"name":"calc","input_schema":{"type":"object"}}]}
            """#
        let i = F.anthropic(request, body: Self.answer("[]"))
        #expect(i.conversation.map(\.role) == ["user", "assistant", "user"])
        #expect(i.conversation[0].text == "what is this?\n[image]\n[document]")
        #expect(i.conversation[1].text == "Let me check.\n[tool_use lookup]")
        #expect(i.input == "[tool_result]\n[tool_result]\n[tool_result]\nand now?")
        #expect(i.turns == 3)
        #expect(i.toolsOffered == ["lookup", "calc"])
    }

    // MARK: JSON response

    @Test func toolUseAnswer() {
        let body = Self.answer(
            #"[{"type":"text","text":"Checking."},{"type":"tool_use","id":"t","name":"get_weather","input":{"city":"Oslo"}}]"#,
            stop: "tool_use")
        let i = F.anthropic(Self.simpleRequest, body: body)
        #expect(i.output == "Checking.")
        #expect(i.toolCalls == [ToolCall(name: "get_weather", argumentsValid: true)])
        #expect(i.finishReason == "tool_use")
    }

    @Test(arguments: [("refusal", "stop_reason: refusal"), ("max_tokens", nil), ("stop_sequence", nil)])
    func stopReasons(stop: String, refusal: String?) {
        let i = F.anthropic(Self.simpleRequest, body: Self.answer(#"[{"type":"text","text":"Part"}]"#, stop: stop))
        #expect(i.finishReason == stop)
        #expect(i.refusal == refusal)
        #expect(i.flags == [])
    }

    @Test func overloadedErrorBody() {
        let body = #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}"#
        let i = F.anthropic(Self.simpleRequest, status: 529, body: body)
        #expect(i.error == APIError(type: "overloaded_error", message: "Overloaded"))
        #expect(i.flags == [.apiError])
        #expect(i.output == "" && i.usage == nil)
    }

    @Test func nonJSONErrorAndBody() {
        let gateway = F.anthropic(Self.simpleRequest, status: 502, body: "<html>Bad Gateway</html>")
        #expect(gateway.flags == [.apiError])
        #expect(gateway.error?.message == "<html>Bad Gateway</html>")
        let garbage = F.anthropic(Self.simpleRequest, body: "not json")
        #expect(garbage.flags == [.parseError])
        let cut = F.anthropic(Self.simpleRequest, body: #"{"type":"message","content":[{"ty"#, complete: false)
        #expect(cut.flags == [.incomplete])
    }

    // MARK: Streams

    static let start = ("message_start", #"{"type":"message_start","message":{"model":"claude-haiku-4-5-20251001","usage":{"input_tokens":30,"output_tokens":1}}}"#)
    static let textStart = ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#)
    static func text(_ s: String, index: Int = 0) -> (String, String) {
        ("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"text_delta","text":"\#(s)"}}"#)
    }
    static func toolStart(_ index: Int, _ name: String) -> (String, String) {
        ("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"tool_use","id":"toolu_\#(index)","name":"\#(name)","input":{}}}"#)
    }
    static func json(_ index: Int, _ fragment: String) -> (String, String) {
        let escaped = fragment.replacingOccurrences(of: "\"", with: "\\\"")
        return ("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"input_json_delta","partial_json":"\#(escaped)"}}"#)
    }
    static func stop(_ index: Int) -> (String, String) {
        ("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#)
    }
    static func messageDelta(_ reason: String, output: Int = 9) -> (String, String) {
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"\#(reason)","stop_sequence":null},"usage":{"output_tokens":\#(output)}}"#)
    }
    static let ping = ("ping", #"{"type": "ping"}"#)
    static let messageStop = ("message_stop", #"{"type":"message_stop"}"#)
    static let streamRequest = #"{"model":"claude-haiku-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#

    @Test func streamedText() {
        let events = [Self.start, Self.textStart, Self.ping, Self.text("Hel"), Self.ping, Self.text("lo"), Self.stop(0),
                      Self.messageDelta("end_turn"), Self.messageStop]
        let i = F.anthropic(Self.streamRequest, events: events)
        #expect(i.stream)
        #expect(i.output == "Hello")
        #expect(i.model == "claude-haiku-4-5")
        #expect(i.finishReason == "end_turn")
        #expect(i.usage == TokenUsage(input: 30, output: 9, total: 39))
        #expect(i.flags == [])
        // Last request byte at 1 s; the first content_block_delta is event 3, at 2.3 s.
        #expect(abs((i.timeToFirstToken ?? 0) - 1.3) < 1e-9)
    }

    @Test(arguments: [
        (["{\"city\":", " \"Os", "lo\"}"], true),
        ([], true),
        (["{\"city\": \"Os"], false),
        (["{\"city\":", "}"], false),
    ])
    func streamedToolUse(fragments: [String], valid: Bool) {
        var events = [Self.start, Self.textStart, Self.text("Checking."), Self.stop(0), Self.toolStart(1, "get_weather")]
        events += fragments.map { Self.json(1, $0) }
        events += [Self.stop(1), Self.toolStart(2, "get_time"), Self.json(2, "{}"), Self.stop(2),
                   Self.messageDelta("tool_use"), Self.messageStop]
        let i = F.anthropic(Self.streamRequest, events: events)
        #expect(i.output == "Checking.")
        #expect(i.toolCalls == [ToolCall(name: "get_weather", argumentsValid: valid), ToolCall(name: "get_time", argumentsValid: true)])
        #expect(i.finishReason == "tool_use")
        #expect(i.flags == [])
    }

    @Test func toolInputCutMidStream() {
        let events = [Self.start, Self.toolStart(0, "search"), Self.json(0, "{\"query\": \"weath")]
        let i = F.anthropic(Self.streamRequest, events: events, flags: [.incomplete], complete: false)
        #expect(i.toolCalls == [ToolCall(name: "search", argumentsValid: false)])
        #expect(i.flags == [.incomplete])
    }

    @Test func streamedRefusalAndMaxTokens() {
        for reason in ["refusal", "max_tokens"] {
            let i = F.anthropic(Self.streamRequest, events: [Self.start, Self.textStart, Self.text("I"), Self.stop(0), Self.messageDelta(reason), Self.messageStop])
            #expect(i.finishReason == reason)
            #expect(i.refusal == (reason == "refusal" ? "stop_reason: refusal" : nil))
        }
    }

    @Test func inStreamErrorEvent() {
        let error = ("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        let i = F.anthropic(Self.streamRequest, events: [Self.start, Self.textStart, Self.text("Par"), error])
        #expect(i.error == APIError(type: "overloaded_error", message: "Overloaded"))
        #expect(i.flags.contains(.apiError))
        #expect(i.output == "Par")
    }

    @Test(arguments: [
        (ExchangeFlags(), true),            // capture simply ended: no message_stop
        (ExchangeFlags.incomplete, false),  // reset
        (ExchangeFlags.gap, true),          // bytes missing
    ])
    func streamCutBeforeMessageStop(flags: ExchangeFlags, complete: Bool) {
        let events = [Self.start, Self.textStart, Self.text("Hel"), Self.text("lo")]
        let i = F.anthropic(Self.streamRequest, events: events, flags: flags, complete: complete)
        #expect(i.output == "Hello")
        #expect(i.finishReason == nil)
        #expect(i.flags == [.incomplete])
    }

    @Test func gapFlagMarksEvenAFinishedStreamIncomplete() {
        let events = [Self.start, Self.textStart, Self.text("Hi"), Self.stop(0), Self.messageDelta("end_turn"), Self.messageStop]
        #expect(F.anthropic(Self.streamRequest, events: events, flags: [.gap]).flags == [.incomplete])
    }

    @Test func nonJSONEventKeepsGoing() {
        let events = [Self.start, Self.textStart, Self.text("A"), ("content_block_delta", "{not json"), Self.text("B"),
                      Self.stop(0), Self.messageDelta("end_turn"), Self.messageStop]
        let i = F.anthropic(Self.streamRequest, events: events)
        #expect(i.output == "AB")
        #expect(i.flags == [.parseError])
    }

    @Test func noDeltaNoTimeToFirstToken() {
        let i = F.anthropic(Self.streamRequest, events: [Self.start, Self.ping, Self.messageDelta("end_turn", output: 0), Self.messageStop])
        #expect(i.timeToFirstToken == nil)
        #expect(i.output == "")
        #expect(i.flags == [])
    }

    @Test func noResponse() {
        let i = F.read(AnthropicMessagesAdapter(), F.exchange(request: Self.streamRequest))
        #expect(i.input == "hi" && i.stream && i.output == "" && i.flags == [])
    }

    // MARK: Real traffic (anthropic Python SDK 2.12.0, Tests/Fixtures/captures/anthropic-sdk.pcap)

    @Test func realNonStreamExchange() {
        let request = #"{"max_tokens":1024,"messages":[{"role":"user","content":"do i need to get any shots before i travel to liberia"}],"model":"claude-sonnet-4-6","system":"You are Aria, the virtual support agent. Follow company policy: verify the user before discussing account details, do not give legal or medical advice, escalate complaints to a human agent, and keep answers under 150 words. Today's date is provided by the platform."}"#
        let body = #"{"id":"msg_000000f7c3d0d26c","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"Thanks for asking about vaccines. I can also summarize the options side by side so you can compare them. There is usually no fee for this, but a few cases do carry a small charge. For anything involving vaccines, the help center has an up-to-date article as well. Keep in mind that the exact options depend on your account and your region. Timing matters here, so acting sooner rather than later usually gives the best result. The quickest way is usually through the app, where the relevant settings are grouped together. Here are the basics. No extra steps are needed. Feel free to ask a follow-up question."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":80,"output_tokens":152,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}"#
        let i = F.anthropic(request, body: body)
        #expect(i.model == "claude-sonnet-4-6")
        #expect(i.input == "do i need to get any shots before i travel to liberia")
        #expect(i.conversation.first?.role == "system")
        #expect(i.systemPromptHash?.count == 16)
        #expect(i.turns == 1)
        #expect(i.parameters.maxTokens == 1024)
        #expect(i.output.hasPrefix("Thanks for asking about vaccines.") && i.output.hasSuffix("ask a follow-up question."))
        #expect(i.finishReason == "end_turn")
        #expect(i.usage == TokenUsage(input: 80, output: 152, total: 232))
        #expect(i.flags == [] && !i.stream)
    }

    @Test func realToolUseExchange() {
        let request = #"{"max_tokens":1024,"messages":[{"role":"user","content":"please set an alarm for me"}],"model":"claude-haiku-4-5","system":"Answer helpfully.","tools":[{"name":"get_account_summary","description":"Fetch balance and recent transactions for the signed-in user.","input_schema":{"type":"object","properties":{"account_id":{"type":"string"},"days":{"type":"integer"}},"required":["account_id"]}},{"name":"get_weather","description":"Current weather for a city.","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},{"name":"search_knowledge_base","description":"Search help-center articles and policies.","input_schema":{"type":"object","properties":{"query":{"type":"string","description":"search terms"},"top_k":{"type":"integer","description":"number of articles"}},"required":["query"]}}]}"#
        let body = #"{"id":"msg_000002f3912b4758","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Let me look that up for you."},{"type":"tool_use","id":"toolu_00000000ee888ca522f4950b","name":"get_weather","input":{"city":"alarm set"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":19,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}"#
        let i = F.anthropic(request, body: body)
        #expect(i.systemPromptHash == fnv1a64Hex("Answer helpfully."))
        #expect(i.toolsOffered == ["get_account_summary", "get_weather", "search_knowledge_base"])
        #expect(i.output == "Let me look that up for you.")
        #expect(i.toolCalls == [ToolCall(name: "get_weather", argumentsValid: true)])
        #expect(i.finishReason == "tool_use")
        #expect(i.usage == TokenUsage(input: 11, output: 19, total: 30))
    }
}
