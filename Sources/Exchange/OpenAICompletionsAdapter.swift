// OpenAICompletionsAdapter: reads legacy OpenAI Completions exchanges (`POST /v1/completions`) —
// a bare `prompt` (string, list of strings, or token ids) and `choices[0].text`, from a JSON body or
// an SSE stream of text deltas ending in `data: [DONE]`.

import HTTPStream
import JSON
import Wire

/// Reads legacy `/v1/completions` exchanges, streamed or not, into interactions.
public struct OpenAICompletionsAdapter: BodyOrStreamAdapter {
    public var kind: APIKind { .openAICompletions }

    public init() {}

    public func readBody(_ body: JSONView, into interaction: inout Interaction) {
        if interaction.model == nil { interaction.model = body["model"]?.string }
        interaction.usage = OpenAIContent.usage(body["usage"])
        if let choice = OpenAIContent.firstChoice(body["choices"]) {
            interaction.output = choice["text"]?.string ?? ""
            interaction.finishReason = choice["finish_reason"]?.string
        }
    }

    public func readRequest(_ request: JSONView, into interaction: inout Interaction) {
        interaction.model = request["model"]?.string
        if let prompt = Self.promptText(request["prompt"]) {
            interaction.input = prompt
            interaction.conversation = [Turn(role: "user", text: prompt)]
            interaction.turns = 1
        }
        interaction.parameters.temperature = request["temperature"]?.double
        interaction.parameters.topP = request["top_p"]?.double
        interaction.parameters.maxTokens = request["max_tokens"]?.int
    }

    /// The prompt: a string, the last of a list of strings, or "[tokens]" for token ids.
    static func promptText<N: JSONNode>(_ prompt: N?) -> String? {
        guard let prompt else { return nil }
        if let s = prompt.string { return s }
        guard let items = prompt.elements else { return nil }
        var last: N?
        for item in items { last = item }
        guard let last else { return nil }
        return last.string ?? "[tokens]"
    }

    public func readStream(_ events: SSEEvents, exchange: HTTPExchange, into interaction: inout Interaction) {
        var output = ""
        var sawDone = false
        var sawError = false
        var firstContent: Timestamp?
        events.forEachEvent { event in
            if OpenAIContent.isDone(event.data) {
                sawDone = true
                return
            }
            guard let chunk = OpenAIContent.eventJSON(event.data, into: &interaction) else { return }
            if let error = OpenAIContent.error(chunk["error"]) {
                interaction.error = error
                interaction.flags.insert(.apiError)
                sawError = true
                return
            }
            if interaction.model == nil { interaction.model = chunk["model"]?.string }
            if let usage = OpenAIContent.usage(chunk["usage"]) { interaction.usage = usage }
            guard let choice = OpenAIContent.firstChoice(chunk["choices"]) else { return }
            if let text = choice["text"]?.string, !text.isEmpty {
                output += text
                if firstContent == nil { firstContent = event.at }
            }
            if let reason = choice["finish_reason"]?.string { interaction.finishReason = reason }
        }
        interaction.output = output
        if let firstContent { interaction.timeToFirstToken = OpenAIContent.delay(exchange, to: firstContent) }
        let ended = sawDone || interaction.finishReason != nil || sawError
        if !ended || OpenAIContent.responseCut(exchange) { interaction.flags.insert(.incomplete) }
        if !sawError, let status = exchange.response?.head.status, status >= 400 {
            interaction.error = APIError(type: nil, message: nil)
            interaction.flags.insert(.apiError)
        }
    }
}
