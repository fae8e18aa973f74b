// OpenAIRealTrafficTests: the OpenAI adapters on request/response bodies copied verbatim from the
// committed captures (Tests/Fixtures/captures/openai-sdk.pcap and mixed.pcap, recorded from the official
// openai Python SDK, httpx and curl against a fake server; user texts from CLINC150, CC BY 3.0), with the
// expected values taken from the captures' *.truth.jsonl ground truth.

import Exchange
import HTTPStream
import Testing

/// One real exchange: bodies as captured (after gzip/chunked decoding) and what the truth file says.
struct RealOpenAICase: Sendable, CustomTestStringConvertible {
    var requestID: String
    var path: String
    var request: String
    var status: Int
    /// JSON body, or the raw text/event-stream body when `sse`.
    var response: String
    var sse: Bool
    var model: String
    var input: String
    var turns: Int
    var tools: [String]
    var toolCalls: [String]
    var finishReason: String?
    var outputPrefix: String
    var usage: TokenUsage?
    var error: APIError?
    var testDescription: String { requestID }
}

/// Splits a raw event-stream body into (event, data) pairs (enough for these bodies: no comments, no CR).
func splitOpenAISSE(_ body: String) -> [(event: String, data: String)] {
    body.split(separator: "\n\n").compactMap { block in
        var event = "message"
        var data: [Substring] = []
        for line in block.split(separator: "\n") {
            if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { data.append(line.dropFirst(6)) }
        }
        return data.isEmpty ? nil : (event, data.joined(separator: "\n"))
    }
}

let conciseSystemPrompt =
    "You are a concise, friendly assistant for a consumer app. Answer in plain language, never invent account data, and ask a clarifying question when the request is ambiguous."

enum RealOpenAI {

    /// agent-a4c370-000009 (/v1/chat/completions, HTTP 200).
    static let chatToolCall = RealOpenAICase(
        requestID: "agent-a4c370-000009", path: "/v1/chat/completions",
        request: #"""
        {"model":"gpt-4.1-mini","messages":[{"role":"developer","content":"You are a concise, friendly assistant for a consumer app. Answer in plain language, never invent account data, and ask a clarifying question when the request is ambiguous."},{"role":"user","content":"i'd like to make an appointment to get my oil changed"},{"role":"assistant","content":"Good question about schedule maintenance. When you are ready, confirm the change and you should see it reflected shortly. Timing matters here, so acting sooner rather than later usually gives the best result. You can also ask me to walk you through each screen if that is easier. The same steps apply on the website and on mobile, with only small layout differences. The quickest way is usually through the app, where the relevant settings are grouped together. I would start by confirming the basic information first, then move on to the specifics. It is a good idea to keep a note of the reference number in case you need it later. Double-check any numbers before you submit, since corrections can take extra time. If anything looks off, check the details you entered and try again in a few minutes. There is usually no fee for this, but a few cases do carry a small charge. No extra steps are needed. I hope that helps with schedule maintenance."},{"role":"user","content":"should i schedule a car maintenance"},{"role":"assistant","content":"Good question about schedule maintenance. When you are ready, confirm the change and you should see it reflected shortly. Most requests like this are handled right away, although some take up to one business day. Double-check any numbers before you submit, since corrections can take extra time. Nothing you have described so far sounds unusual, so this should be straightforward. It is a good idea to keep a note of the reference number in case you need it later. The quickest way is usually through the app, where the relevant settings are grouped together. You can also ask me to walk you through each screen if that is easier. If anything looks off, check the details you entered and try again in a few minutes. Keep in mind that the exact options depend on your account and your region. Should the problem persist, contacting support directly is the fastest path to a fix. The same steps apply on the website and on mobile, with only small layout differences. Anything else I can help you with today?"},{"role":"user","content":"should i call a car maintenance"},{"role":"assistant","content":"Happy to help with your schedule maintenance question. The same steps apply on the website and on mobile, with only small layout differences. If anything looks off, check the details you entered and try again in a few minutes. Should the problem persist, contacting support directly is the fastest path to a fix. Nothing you have described so far sounds unusual, so this should be straightforward. No extra steps are needed. This usually takes minutes. Feel free to ask a follow-up question."},{"role":"assistant","content":null,"tool_calls":[{"id":"call_00000000689b856071c1c6ad","type":"function","function":{"name":"create_ticket","arguments":"{\"subject\": \"maintenance call car\", \"priority\": \"normal\"}"}}]},{"role":"tool","tool_call_id":"call_00000000689b856071c1c6ad","content":"{\"ok\": true, \"items\": [\"result for maintenance call car\"]}"},{"role":"user","content":"is there any way to change the date of my oil change"}],"max_completion_tokens":1024,"tools":[{"type":"function","function":{"name":"create_ticket","description":"Open a support ticket for a human agent.","parameters":{"type":"object","properties":{"subject":{"type":"string"},"priority":{"type":"string","enum":["low","normal","high"]}},"required":["subject"]}}},{"type":"function","function":{"name":"get_account_summary","description":"Fetch balance and recent transactions for the signed-in user.","parameters":{"type":"object","properties":{"account_id":{"type":"string"},"days":{"type":"integer"}},"required":["account_id"]}}}]}
        """#,
        status: 200,
        response: #"""
        {"id":"chatcmpl-000010d9ac79353b","object":"chat.completion","created":1795456311,"model":"gpt-4.1-mini","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"annotations":[],"tool_calls":[{"id":"call_00000000260341f0bc1f8c92","type":"function","function":{"name":"create_ticket","arguments":"{\"subject\": \"change date way\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":714,"completion_tokens":12,"total_tokens":726,"prompt_tokens_details":{"cached_tokens":0}},"service_tier":"default","system_fingerprint":"fp_harness01"}
        """#,
        sse: false, model: "gpt-4.1-mini", input: "is there any way to change the date of my oil change", turns: 8,
        tools: ["create_ticket", "get_account_summary"], toolCalls: ["create_ticket"], finishReason: "tool_calls",
        outputPrefix: "", usage: TokenUsage(input: 714, output: 12, total: 726), error: nil)

    /// agent-e4ec86-000018 (/v1/chat/completions, HTTP 200, SSE).
    static let chatStreamToolCall = RealOpenAICase(
        requestID: "agent-e4ec86-000018", path: "/v1/chat/completions",
        request: #"""
        {"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are an agent that can call tools. Use search_knowledge_base for policy questions, get_account_summary for anything about balances or transactions, and create_ticket when the user reports a problem you cannot solve. Summarize tool results for the user."},{"role":"user","content":"take toilet paper off my shopping list"},{"role":"assistant","content":"Happy to help with your shopping list update question. Keep in mind that the exact options depend on your account and your region. The quickest way is usually through the app, where the relevant settings are grouped together. Many people find it helpful to set a reminder so they do not forget the next step. For anything involving shopping list update, the help center has an up-to-date article as well. I can also summarize the options side by side so you can compare them. Nothing you have described so far sounds unusual, so this should be straightforward. There is usually no fee for this, but a few cases do carry a small charge. If you share a little more context, I can give you a more precise answer. Double-check any numbers before you submit, since corrections can take extra time. The same steps apply on the website and on mobile, with only small layout differences. When you are ready, confirm the change and you should see it reflected shortly. I hope that helps with shopping list update."},{"role":"user","content":"i need bananas on the list too"},{"role":"assistant","content":"Happy to help with your shopping list update question. The quickest way is usually through the app, where the relevant settings are grouped together. There is usually no fee for this, but a few cases do carry a small charge. Keep in mind that the exact options depend on your account and your region. The same steps apply on the website and on mobile, with only small layout differences. You can also ask me to walk you through each screen if that is easier. Timing matters here, so acting sooner rather than later usually gives the best result. Most users never notice this. Let me know if you want more detail on shopping list update."},{"role":"assistant","content":null,"tool_calls":[{"id":"call_000000009374546bba69f77b","type":"function","function":{"name":"create_ticket","arguments":"{\"subject\": \"bananas list too\"}"}}]},{"role":"tool","tool_call_id":"call_000000009374546bba69f77b","content":"{\"ok\": true, \"items\": [\"result for bananas list too\"]}"},{"role":"user","content":"is milk in my shopping list if not, add it"}],"max_tokens":1024,"stream":true,"stream_options":{"include_usage":true},"tools":[{"type":"function","function":{"name":"create_ticket","description":"Open a support ticket for a human agent.","parameters":{"type":"object","properties":{"subject":{"type":"string"},"priority":{"type":"string","enum":["low","normal","high"]}},"required":["subject"]}}},{"type":"function","function":{"name":"get_weather","description":"Current weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},{"type":"function","function":{"name":"search_knowledge_base","description":"Search help-center articles and policies.","parameters":{"type":"object","properties":{"query":{"type":"string","description":"search terms"},"top_k":{"type":"integer","description":"number of articles"}},"required":["query"]}}}]}
        """#,
        status: 200,
        response: #"""
        data: {"id":"chatcmpl-0000229c9bf4db45","object":"chat.completion.chunk","created":1795456363,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_harness01","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}

        data: {"id":"chatcmpl-0000229c9bf4db45","object":"chat.completion.chunk","created":1795456363,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_harness01","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_000000003f5d6d2ee3f35c2f","type":"function","function":{"name":"create_ticket","arguments":""}}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"chatcmpl-0000229c9bf4db45","object":"chat.completion.chunk","created":1795456363,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_harness01","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"subject\": "}}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"chatcmpl-0000229c9bf4db45","object":"chat.completion.chunk","created":1795456363,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_harness01","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"shopping mi"}}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"chatcmpl-0000229c9bf4db45","object":"chat.completion.chunk","created":1795456363,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_harness01","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"lk list\", \"p"}}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"chatcmpl-0000229c9bf4db45","object":"chat.completion.chunk","created":1795456363,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_harness01","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"riority\": \"h"}}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"chatcmpl-0000229c9bf4db45","object":"chat.completion.chunk","created":1795456363,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_harness01","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"igh\"}"}}]},"logprobs":null,"finish_reason":null}]}

        data: {"id":"chatcmpl-0000229c9bf4db45","object":"chat.completion.chunk","created":1795456363,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_harness01","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}

        data: {"id":"chatcmpl-0000229c9bf4db45","object":"chat.completion.chunk","created":1795456363,"model":"gpt-4o-mini","service_tier":"default","system_fingerprint":"fp_harness01","choices":[],"usage":{"prompt_tokens":517,"completion_tokens":12,"total_tokens":529}}

        data: [DONE]


        """#,
        sse: true, model: "gpt-4o-mini", input: "is milk in my shopping list if not, add it", turns: 6,
        tools: ["create_ticket", "get_weather", "search_knowledge_base"], toolCalls: ["create_ticket"], finishReason: "tool_calls",
        outputPrefix: "", usage: TokenUsage(input: 517, output: 12, total: 529), error: nil)

    /// agent-e4ec86-000010 (/v1/responses, HTTP 200).
    static let responsesParts = RealOpenAICase(
        requestID: "agent-e4ec86-000010", path: "/v1/responses",
        request: #"""
        {"model":"gpt-4.1-mini","input":[{"role":"user","content":"what was the date when my car was in the shop"},{"role":"assistant","content":"Here is a short overview on last maintenance. Most requests like this are handled right away, although some take up to one business day. You can also ask me to walk you through each screen if that is easier. I would start by confirming the basic information first, then move on to the specifics. Keep in mind that the exact options depend on your account and your region. The same steps apply on the website and on mobile, with only small layout differences. If anything looks off, check the details you entered and try again in a few minutes. If you share a little more context, I can give you a more precise answer. Should the problem persist, contacting support directly is the fastest path to a fix. I can also summarize the options side by side so you can compare them. Double-check any numbers before you submit, since corrections can take extra time. I hope that helps with last maintenance."},{"role":"user","content":"i cannot remember when i last took my car to the shop"},{"role":"assistant","content":"Let's go through your last maintenance request step by step. If anything looks off, check the details you entered and try again in a few minutes. I would start by confirming the basic information first, then move on to the specifics. That part is simple. Let me know if you want more detail on last maintenance."},{"role":"user","content":"what was the date of my last oil change"},{"role":"assistant","content":"Good question about last maintenance. Timing matters here, so acting sooner rather than later usually gives the best result. I can also summarize the options side by side so you can compare them. Should the problem persist, contacting support directly is the fastest path to a fix. Double-check any numbers before you submit, since corrections can take extra time. You can also ask me to walk you through each screen if that is easier. The same steps apply on the website and on mobile, with only small layout differences. I would start by confirming the basic information first, then move on to the specifics. Nothing you have described so far sounds unusual, so this should be straightforward. If you share a little more context, I can give you a more precise answer. For anything involving last maintenance, the help center has an up-to-date article as well. The quickest way is usually through the app, where the relevant settings are grouped together. When you are ready, confirm the change and you should see it reflected shortly. No extra steps are needed. This usually takes minutes. Here are the basics. Feel free to ask a follow-up question."},{"role":"user","content":[{"type":"input_text","text":"what was the date of my last car appointment"}]}],"instructions":"You are Aria, the virtual support agent. Follow company policy: verify the user before discussing account details, do not give legal or medical advice, escalate complaints to a human agent, and keep answers under 150 words. Today's date is provided by the platform.","max_output_tokens":1024}
        """#,
        status: 200,
        response: #"""
        {"id":"resp_000021259a3056dc","object":"response","created_at":1795456362,"status":"completed","error":null,"incomplete_details":null,"instructions":"You are Aria, the virtual support agent. Follow company policy: verify the user before discussing account details, do not give legal or medical advice, escalate complaints to a human agent, and keep answers under 150 words. Today's date is provided by the platform.","max_output_tokens":1024,"model":"gpt-4.1-mini","output":[{"type":"message","id":"msg_000021259a3056dc","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Good question about last maintenance. When you are ready, confirm the change and you should see it reflected shortly. Should the problem persist, contacting support directly is the fastest path to a fix. Timing matters here, so acting sooner rather than later usually gives the best result. If anything looks off, check the details you entered and try again in a few minutes. If you share a little more context, I can give you a more precise answer. It is a good idea to keep a note of the reference number in case you need it later. There is usually no fee for this, but a few cases do carry a small charge. You can also ask me to walk you through each screen if that is easier. Keep in mind that the exact options depend on your account and your region. Double-check any numbers before you submit, since corrections can take extra time. I can also summarize the options side by side so you can compare them. Most requests like this are handled right away, although some take up to one business day. Anything else I can help you with today?","annotations":[],"logprobs":[]}]}],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"store":true,"temperature":1.0,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":704,"input_tokens_details":{"cached_tokens":0},"output_tokens":261,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":965},"user":null,"metadata":{}}
        """#,
        sse: false, model: "gpt-4.1-mini", input: "what was the date of my last car appointment", turns: 7,
        tools: [], toolCalls: [], finishReason: "completed",
        outputPrefix: "Good question about last maintenance. When you are ready", usage: TokenUsage(input: 704, output: 261, total: 965), error: nil)

    /// agent-e4ec86-000004 (/v1/responses, HTTP 429).
    static let responses429 = RealOpenAICase(
        requestID: "agent-e4ec86-000004", path: "/v1/responses",
        request: #"""
        {"model": "o4-mini", "instructions": "You are a concise, friendly assistant for a consumer app. Answer in plain language, never invent account data, and ask a clarifying question when the request is ambiguous.", "input": [{"role": "user", "content": "which stocks gained the most today"}, {"role": "assistant", "content": "Sure, here is what I can tell you about stocks gained today. Here are the basics. Let me know if you want more detail on stocks gained today."}, {"type": "function_call", "call_id": "call_00000000fda089395979e83d", "name": "create_ticket", "arguments": "{\"subject\": \"stocks gained today\", \"priority\": \"high\"}"}, {"type": "function_call_output", "call_id": "call_00000000fda089395979e83d", "output": "{\"ok\": true, \"items\": [\"result for stocks gained today\"]}"}, {"role": "user", "content": "please activate a wireless hotspot so i can use the internet"}], "max_output_tokens": 1024, "tools": [{"type": "function", "name": "create_ticket", "description": "Open a support ticket for a human agent.", "parameters": {"type": "object", "properties": {"subject": {"type": "string"}, "priority": {"type": "string", "enum": ["low", "normal", "high"]}}, "required": ["subject"]}}, {"type": "function", "name": "get_account_summary", "description": "Fetch balance and recent transactions for the signed-in user.", "parameters": {"type": "object", "properties": {"account_id": {"type": "string"}, "days": {"type": "integer"}}, "required": ["account_id"]}}]}
        """#,
        status: 429,
        response: #"""
        {"error":{"message":"Rate limit reached for requests per min. Please try again in 1s.","type":"requests","param":null,"code":"rate_limit_exceeded"}}
        """#,
        sse: false, model: "o4-mini", input: "please activate a wireless hotspot so i can use the internet", turns: 4,
        tools: ["create_ticket", "get_account_summary"], toolCalls: [], finishReason: nil,
        outputPrefix: "", usage: nil, error: APIError(type: "requests", message: "Rate limit reached for requests per min. Please try again in 1s."))

    static let all = [chatToolCall, chatStreamToolCall, responsesParts, responses429]
}

@Suite struct OpenAIRealTrafficTests {
    func run(_ c: RealOpenAICase) -> Interaction {
        let exchange =
            c.sse
            ? OpenAIFixture.sse(path: c.path, request: c.request, events: splitOpenAISSE(c.response))
            : OpenAIFixture.json(path: c.path, request: c.request, status: c.status, response: c.response)
        let adapter: any APIAdapter = c.path == "/v1/responses" ? OpenAIResponsesAdapter() : OpenAIChatAdapter()
        return OpenAIFixture.run(adapter, exchange)
    }

    @Test(arguments: RealOpenAI.all)
    func matchesTruth(_ c: RealOpenAICase) {
        let i = run(c)
        #expect(i.model == c.model)
        #expect(i.input == c.input)
        #expect(i.turns == c.turns)
        #expect(i.toolsOffered == c.tools)
        #expect(i.toolCalls == c.toolCalls.map { ToolCall(name: $0, argumentsValid: true) })
        #expect(i.finishReason == c.finishReason)
        #expect(i.output.hasPrefix(c.outputPrefix))
        #expect(i.usage == c.usage)
        #expect(i.error == c.error)
        #expect(i.flags == (c.error == nil ? [] : [.apiError]))
        #expect(i.stream == c.sse)
        #expect(i.parameters.maxTokens == 1024)
        #expect(i.refusal == nil)
    }

    @Test func sameSystemPromptHashesAlikeAcrossAPIs() {
        // #9 sends it as a chat "developer" message, #4 as Responses "instructions".
        let chat = run(RealOpenAI.chatToolCall)
        let responses = run(RealOpenAI.responses429)
        #expect(chat.systemPromptHash == fnv1a64Hex(conciseSystemPrompt))
        #expect(responses.systemPromptHash == chat.systemPromptHash)
        #expect(run(RealOpenAI.chatStreamToolCall).systemPromptHash != chat.systemPromptHash)
    }

    @Test func realResponsesHistoryWithFunctionCallItems() {
        let i = run(RealOpenAI.responses429)
        #expect(i.conversation.map(\.role) == ["system", "user", "assistant", "assistant", "tool", "user"])
        #expect(i.conversation[3].text == "[tool_call: create_ticket]")
    }

    @Test func realStreamTimeToFirstToken() {
        // Event 0 is the role-only delta; event 1 names the tool call (dispatched at 12 s, request ended at 10 s).
        let i = run(RealOpenAI.chatStreamToolCall)
        #expect(i.timeToFirstToken.map { abs($0 - 2) < 1e-9 } == true)
    }
}
