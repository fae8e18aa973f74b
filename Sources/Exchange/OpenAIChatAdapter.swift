// OpenAIChatAdapter: reads OpenAI Chat Completions exchanges (`POST /v1/chat/completions`) — the
// request's messages, parameters and tools, and the answer from a JSON body or an SSE stream of
// `chat.completion.chunk` events ending in `data: [DONE]` (each event read in place with JSONScanner).

import HTTPStream
import JSON
import Wire

/// Reads `/v1/chat/completions` exchanges, streamed or not, into interactions.
public struct OpenAIChatAdapter: BodyOrStreamAdapter {
    public var kind: APIKind { .openAIChat }

    public init() {}


    // MARK: Request

    public func readRequest(_ request: JSONView, into interaction: inout Interaction) {
        interaction.model = request["model"]?.string
        var systemTexts: [String] = []
        let messages = request["messages"]?.elements ?? JSONView.noElements
        interaction.conversation.reserveCapacity(messages.count)  // one allocation, not one per doubling
        for message in messages {
            let role = Self.role(message["role"]?.string ?? "user")
            var text = OpenAIContent.text(message["content"])
            if text.isEmpty, role == "assistant" {
                var names = (message["tool_calls"]?.elements ?? JSONView.noElements).compactMap { $0["function"]?["name"]?.string }
                if let legacy = message["function_call"]?["name"]?.string { names.append(legacy) }
                text = names.map { "[tool_call: \($0)]" }.joined(separator: "\n")
            }
            interaction.conversation.append(Turn(role: role, text: text))
            switch role {
            case "system": systemTexts.append(text)
            case "user", "assistant": interaction.turns += 1
            default: break
            }
        }
        interaction.input = interaction.conversation.last { $0.role == "user" }?.text ?? ""
        if !systemTexts.isEmpty { interaction.systemPromptHash = fnv1a64Hex(systemTexts.joined(separator: "\n")) }

        interaction.parameters.temperature = request["temperature"]?.double
        interaction.parameters.topP = request["top_p"]?.double
        interaction.parameters.maxTokens = request["max_tokens"]?.int ?? request["max_completion_tokens"]?.int
        interaction.parameters.responseFormat = request["response_format"]?["type"]?.string

        for tool in request["tools"]?.elements ?? JSONView.noElements {
            if let name = tool["function"]?["name"]?.string ?? tool["custom"]?["name"]?.string
                ?? tool["type"]?.string
            {
                interaction.toolsOffered.append(name)
            }
        }
        for function in request["functions"]?.elements ?? JSONView.noElements {
            if let name = function["name"]?.string { interaction.toolsOffered.append(name) }
        }
    }

    /// Chat roles as reported: "developer" is a system prompt, legacy "function" results are tool turns.
    static func role(_ role: String) -> String {
        switch role {
        case "developer": "system"
        case "function": "tool"
        default: role
        }
    }

    // MARK: JSON response

    public func readBody(_ body: JSONView, into interaction: inout Interaction) {
        if interaction.model == nil { interaction.model = body["model"]?.string }
        interaction.usage = OpenAIContent.usage(body["usage"])
        guard let choice = OpenAIContent.firstChoice(body["choices"]) else { return }
        let message = choice["message"]
        interaction.output = OpenAIContent.text(message?["content"], separator: "")
        interaction.refusal = message?["refusal"]?.string
        for call in message?["tool_calls"]?.elements ?? JSONView.noElements {
            let function = call["function"] ?? call["custom"]
            let arguments = function?["arguments"]?.string ?? function?["input"]?.string ?? ""
            interaction.toolCalls.append(
                ToolCall(name: function?["name"]?.string ?? "", argumentsValid: OpenAIContent.argumentsValid(arguments)))
        }
        if let legacy = message?["function_call"], let name = legacy["name"]?.string {
            interaction.toolCalls.append(
                ToolCall(name: name, argumentsValid: OpenAIContent.argumentsValid(legacy["arguments"]?.string ?? "")))
        }
        interaction.finishReason = choice["finish_reason"]?.string
    }

    // MARK: Stream

    /// A tool call being assembled from deltas.
    struct PartialCall {
        var name = ""
        var arguments = ""
    }

    public func readStream(_ events: SSEEvents, exchange: HTTPExchange, into interaction: inout Interaction) {
        var output: [UInt8] = []  // the deltas' UTF-8, decoded once at the end
        output.reserveCapacity(1024)
        var refusal = ""
        var calls: [Int: PartialCall] = [:]
        var callOrder: [Int] = []
        var sawDone = false
        var sawError = false
        var firstContent: Timestamp?
        var responseModel: String?

        var scanner = JSONScanner(similarDocuments: true)  // chunks differ mostly in one delta string
        events.forEachEvent { event in
            if OpenAIContent.isDone(event.data) {
                sawDone = true
                return
            }
            let parsed = OpenAIContent.withEventJSON(event.data, &scanner) { chunk in
                if let error = OpenAIContent.error(chunk["error"]) ?? (event.event == "error" ? APIError(
                    type: chunk["type"]?.string ?? OpenAIContent.scalarText(chunk["code"]),
                    message: chunk["message"]?.string) : nil)
                {
                    interaction.error = error
                    interaction.flags.insert(.apiError)
                    sawError = true
                    return
                }
                if responseModel == nil { responseModel = chunk["model"]?.string }
                if let usage = OpenAIContent.usage(chunk["usage"]) { interaction.usage = usage }
                guard let choice = OpenAIContent.firstChoice(chunk["choices"]) else { return }
                var carriesContent = false
                if let delta = choice["delta"] {
                    if let content = delta["content"], !content.isNull {
                        let before = output.count
                        if !content.appendString(to: &output) {
                            output.append(contentsOf: OpenAIContent.text(content, separator: "").utf8)
                        }
                        carriesContent = carriesContent || output.count > before
                    }
                    if let text = delta["refusal"]?.string {
                        refusal += text
                        carriesContent = carriesContent || !text.isEmpty
                    }
                    /// One tool-call delta: its index (or position) and its `function` object.
                    func addToolDelta(_ index: Int, _ function: JSONView?) {
                        if calls[index] == nil {
                            calls[index] = PartialCall()
                            callOrder.append(index)
                        }
                        if let name = function?["name"]?.string, !name.isEmpty, calls[index]!.name.isEmpty {
                            calls[index]!.name = name
                        }
                        if let fragment = function?["arguments"]?.string {
                            calls[index]!.arguments += fragment
                        }
                        carriesContent = true
                    }
                    if let toolDeltas = delta["tool_calls"]?.elements {
                        for (position, toolDelta) in toolDeltas.enumerated() {
                            addToolDelta(toolDelta["index"]?.int ?? position, toolDelta["function"])
                        }
                    }
                    // A legacy `function_call` delta counts as the tool call at index 0.
                    if let legacy = delta["function_call"] { addToolDelta(0, legacy) }
                }
                if carriesContent, firstContent == nil { firstContent = event.at }
                if let reason = choice["finish_reason"]?.string { interaction.finishReason = reason }
            }
            if !parsed { interaction.flags.insert(.parseError) }
        }

        if interaction.model == nil { interaction.model = responseModel }
        interaction.output = String(decoding: output, as: UTF8.self)
        if !refusal.isEmpty { interaction.refusal = refusal }
        interaction.toolCalls = callOrder.map {
            ToolCall(name: calls[$0]!.name, argumentsValid: OpenAIContent.argumentsValid(calls[$0]!.arguments))
        }
        if let firstContent { interaction.timeToFirstToken = OpenAIContent.delay(exchange, to: firstContent) }
        let ended = sawDone || interaction.finishReason != nil || sawError
        if !ended || OpenAIContent.responseCut(exchange) { interaction.flags.insert(.incomplete) }
        if !sawError, let status = exchange.response?.head.status, status >= 400 {
            interaction.error = APIError(type: nil, message: nil)
            interaction.flags.insert(.apiError)
        }
    }
}
