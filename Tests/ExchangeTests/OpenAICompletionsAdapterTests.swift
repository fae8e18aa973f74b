// OpenAICompletionsAdapterTests: the legacy completions adapter — prompt shapes, JSON answers,
// errors, and text-delta streams with and without their [DONE].

import Exchange
import HTTPStream
import Testing

@Suite struct OpenAICompletionsAdapterTests {
    let adapter = OpenAICompletionsAdapter()
    let path = "/v1/completions"

    static let answer = #"""
        {"id":"cmpl-1","object":"text_completion","model":"gpt-3.5-turbo-instruct","choices":[{"text":" a lazy dog.","index":0,
         "logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}
        """#

    static func chunk(_ text: String, finish: String? = nil) -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return #"{"id":"cmpl-1","object":"text_completion","model":"gpt-3.5-turbo-instruct","choices":[{"text":"#
            + openAIJSONString(text) + #","index":0,"logprobs":null,"finish_reason":"# + reason + "}]}"
    }

    @Test(arguments: [
        (#""The quick brown fox""#, "The quick brown fox"),
        (#"["first prompt","second prompt"]"#, "second prompt"),
        ("[1212, 318]", "[tokens]"),
    ])
    func promptShapes(prompt: String, expected: String) {
        let request = #"{"model":"gpt-3.5-turbo-instruct","prompt":"# + prompt + #","max_tokens":16,"temperature":0}"#
        let i = OpenAIFixture.run(adapter, OpenAIFixture.json(path: path, request: request, response: Self.answer))
        #expect(i.input == expected)
        #expect(i.conversation == [Turn(role: "user", text: expected)])
        #expect(i.turns == 1)
        #expect(i.parameters.maxTokens == 16)
        #expect(i.parameters.temperature == 0)
    }

    @Test func nonStream() {
        let i = OpenAIFixture.run(
            adapter,
            OpenAIFixture.json(path: path, request: #"{"model":"gpt-3.5-turbo-instruct","prompt":"x"}"#, response: Self.answer))
        #expect(i.output == " a lazy dog.")
        #expect(i.finishReason == "stop")
        #expect(i.usage == TokenUsage(input: 5, output: 4, total: 9))
        #expect(i.model == "gpt-3.5-turbo-instruct")
        #expect(i.stream == false)
        #expect(i.flags == [])
    }

    @Test func errorBody() {
        let i = OpenAIFixture.run(
            adapter,
            OpenAIFixture.json(
                path: path, request: #"{"model":"m","prompt":"x"}"#, status: 400,
                response: #"{"error":{"message":"bad prompt","type":"invalid_request_error","code":null}}"#))
        #expect(i.error == APIError(type: "invalid_request_error", message: "bad prompt"))
        #expect(i.flags == [.apiError])
    }

    @Test(arguments: [
        // (data, expected flags, expected finish)
        ([chunk(" a"), chunk(" lazy"), chunk(" dog.", finish: "stop"), "[DONE]"], InteractionFlags(), "stop"),
        ([chunk(" a"), chunk(" lazy"), chunk(" dog."), "[DONE]"], InteractionFlags(), nil),
        ([chunk(" a"), chunk(" lazy"), chunk(" dog.")], InteractionFlags.incomplete, nil),
        ([chunk(" a"), "nope", chunk(" lazy"), chunk(" dog.", finish: "length"), "[DONE]"], InteractionFlags.parseError, "length"),
    ] as [([String], InteractionFlags, String?)])
    func stream(data: [String], flags: InteractionFlags, finish: String?) {
        let request = #"{"model":"gpt-3.5-turbo-instruct","prompt":"The fox jumps over","stream":true}"#
        let i = OpenAIFixture.run(adapter, OpenAIFixture.sse(path: path, request: request, data: data))
        #expect(i.output == " a lazy dog.")
        #expect(i.flags == flags)
        #expect(i.finishReason == finish)
        #expect(i.stream)
        #expect(i.timeToFirstToken.map { abs($0 - 1) < 1e-9 } == true)
    }
}
