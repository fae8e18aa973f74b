// OpenAIResponsesAdapter: reads OpenAI Responses API exchanges (`POST /v1/responses`) — `input`
// (a string or a list of items), `instructions` as the system prompt, parameters and tools, and the
// answer from a JSON `response` object or from the typed SSE events (`response.output_text.delta`,
// ..., `response.completed`).

import HTTPStream
import JSON
import Wire

/// Reads `/v1/responses` exchanges, streamed or not, into interactions.
public struct OpenAIResponsesAdapter: BodyOrStreamAdapter {
    public var kind: APIKind { .openAIResponses }

    public init() {}


    // MARK: Request

    public func readRequest(_ request: JSONView, into interaction: inout Interaction) {
        interaction.model = request["model"]?.string
        var systemTexts: [String] = []
        if let instructions = request["instructions"]?.string {
            interaction.conversation.append(Turn(role: "system", text: instructions))
            systemTexts.append(instructions)
        }
        if let text = request["input"]?.string {
            interaction.conversation.append(Turn(role: "user", text: text))
        } else if let items = request["input"]?.elements {
            for item in items {
                guard let turn = Self.turn(item) else { continue }
                // Consecutive function calls are one assistant turn, as in a chat message with tool_calls.
                if item["type"]?.string == "function_call", let last = interaction.conversation.last,
                    last.role == "assistant", last.text.hasPrefix("[tool_call: ")
                {
                    interaction.conversation[interaction.conversation.count - 1].text += "\n" + turn.text
                    continue
                }
                interaction.conversation.append(turn)
                if turn.role == "system" { systemTexts.append(turn.text) }
            }
        }
        interaction.turns = interaction.conversation.count(where: { $0.role == "user" || $0.role == "assistant" })
        interaction.input = interaction.conversation.last { $0.role == "user" }?.text ?? ""
        if !systemTexts.isEmpty { interaction.systemPromptHash = fnv1a64Hex(systemTexts.joined(separator: "\n")) }

        interaction.parameters.temperature = request["temperature"]?.double
        interaction.parameters.topP = request["top_p"]?.double
        interaction.parameters.maxTokens = request["max_output_tokens"]?.int
        interaction.parameters.responseFormat = request["text"]?["format"]?["type"]?.string

        for tool in request["tools"]?.elements ?? JSONView.noElements {
            let type = tool["type"]?.string
            if let name = (type == "function" || type == "custom" ? tool["name"]?.string : nil) ?? type {
                interaction.toolsOffered.append(name)
            }
        }
    }

    /// One input item as a turn: messages (with or without `type: "message"`), function calls (an
    /// assistant "[tool_call: name]") and function call outputs (a tool turn); other items are skipped.
    static func turn<N: JSONNode>(_ item: N) -> Turn? {
        if let text = item.string { return Turn(role: "user", text: text) }
        switch item["type"]?.string {
        case "function_call", "custom_tool_call":
            return Turn(role: "assistant", text: "[tool_call: \(item["name"]?.string ?? "")]")
        case "function_call_output", "custom_tool_call_output":
            return Turn(role: "tool", text: OpenAIContent.text(item["output"]))
        case nil, "message":
            guard let role = item["role"]?.string else { return nil }
            return Turn(role: role == "developer" ? "system" : role, text: OpenAIContent.text(item["content"]))
        default:
            return nil
        }
    }

    // MARK: Response object

    /// Reads a `response` object (the JSON body, or the one carried by a terminal stream event).
    public func readBody(_ response: JSONView, into interaction: inout Interaction) {
        readResponse(response, into: &interaction)
    }

    /// Reads a `response` object, parsed or scanned.
    func readResponse<N: JSONNode>(_ response: N, into interaction: inout Interaction) {
        if interaction.model == nil { interaction.model = response["model"]?.string }
        if let usage = OpenAIContent.usage(response["usage"]) { interaction.usage = usage }
        if let status = response["status"]?.string {
            if status == "incomplete", let reason = response["incomplete_details"]?["reason"]?.string {
                interaction.finishReason = "incomplete:\(reason)"
            } else {
                interaction.finishReason = status
            }
        }
        if let output = response["output"]?.elements, !output.isEmpty {
            var text = ""
            var refusal = ""
            var calls: [ToolCall] = []
            for item in output {
                switch item["type"]?.string {
                case "message":
                    guard let parts = item["content"]?.elements else { break }
                    for part in parts {
                        switch part["type"]?.string {
                        case "output_text": text += part["text"]?.string ?? ""
                        case "refusal": refusal += part["refusal"]?.string ?? ""
                        default: break
                        }
                    }
                case "function_call":
                    calls.append(Self.toolCall(item))
                case "custom_tool_call":
                    calls.append(ToolCall(name: item["name"]?.string ?? "", argumentsValid: true))
                default:
                    break
                }
            }
            interaction.output = text
            interaction.refusal = refusal.isEmpty ? nil : refusal
            interaction.toolCalls = calls
        }
        if let error = OpenAIContent.error(response["error"]) {
            interaction.error = error
            interaction.flags.insert(.apiError)
        }
    }

    static func toolCall<N: JSONNode>(_ item: N) -> ToolCall {
        ToolCall(
            name: item["name"]?.string ?? "",
            argumentsValid: OpenAIContent.argumentsValid(item["arguments"]?.string ?? ""))
    }

    // MARK: Stream

    /// A function call being assembled from events.
    struct PartialCall {
        var key: String
        var name: String
        var arguments: String
        var done = false
    }

    public func readStream(_ events: SSEEvents, exchange: HTTPExchange, into interaction: inout Interaction) {
        var output = ""
        var refusal = ""
        var calls: [PartialCall] = []
        var ended = false
        var sawError = false
        var firstContent: Timestamp?

        /// Finds (or starts) the call an event refers to, by item id or output index.
        func callIndex(_ data: JSONView) -> Int {
            let key = data["item_id"]?.string ?? data["item"]?["id"]?.string
                ?? data["output_index"]?.int.map { "#\($0)" } ?? "#?"
            let altKey = data["output_index"]?.int.map { "#\($0)" }
            if let i = calls.firstIndex(where: { $0.key == key || ($0.key == altKey) }) { return i }
            calls.append(PartialCall(key: key, name: "", arguments: ""))
            return calls.count - 1
        }

        var scanner = JSONScanner(similarDocuments: true)  // chunks differ mostly in one delta string
        events.forEachEvent { event in
            if OpenAIContent.isDone(event.data) { return }
            let parsed = OpenAIContent.withEventJSON(event.data, &scanner) { data in
                let type = event.event != "message" ? event.event : (data["type"]?.string ?? event.event)
                var carriesContent = false
                switch type {
                case "response.output_text.delta":
                    let delta = data["delta"]?.string ?? ""
                    output += delta
                    carriesContent = !delta.isEmpty
                case "response.refusal.delta":
                    let delta = data["delta"]?.string ?? ""
                    refusal += delta
                    carriesContent = !delta.isEmpty
                case "response.output_item.added", "response.output_item.done":
                    guard let item = data["item"], item["type"]?.string == "function_call" else { break }
                    let i = callIndex(data)
                    if calls[i].key.hasPrefix("#"), let id = item["id"]?.string { calls[i].key = id }
                    if calls[i].name.isEmpty { calls[i].name = item["name"]?.string ?? "" }
                    if type == "response.output_item.done", let arguments = item["arguments"]?.string {
                        calls[i].arguments = arguments
                        calls[i].done = true
                    }
                    carriesContent = true
                case "response.function_call_arguments.delta":
                    let i = callIndex(data)
                    if !calls[i].done { calls[i].arguments += data["delta"]?.string ?? "" }
                    carriesContent = true
                case "response.function_call_arguments.done":
                    let i = callIndex(data)
                    if let arguments = data["arguments"]?.string {
                        calls[i].arguments = arguments
                        calls[i].done = true
                    }
                    if let name = data["name"]?.string, calls[i].name.isEmpty { calls[i].name = name }
                case "response.created", "response.in_progress":
                    if interaction.model == nil { interaction.model = data["response"]?["model"]?.string }
                case "response.completed", "response.incomplete", "response.failed":
                    ended = true
                    if let response = data["response"] {
                        readResponse(response, into: &interaction)
                    } else {
                        interaction.finishReason = String(type.dropFirst("response.".count))
                    }
                    if type == "response.failed" {
                        sawError = true
                        if interaction.error == nil { interaction.error = APIError(type: nil, message: nil) }
                        interaction.flags.insert(.apiError)
                    }
                case "error":
                    sawError = true
                    interaction.error = OpenAIContent.error(data["error"])
                        ?? APIError(
                            type: data["type"]?.string.flatMap { $0 == "error" ? nil : $0 }
                                ?? OpenAIContent.scalarText(data["code"]),
                            message: data["message"]?.string)
                    interaction.flags.insert(.apiError)
                default:
                    break
                }
                if carriesContent, firstContent == nil { firstContent = event.at }
            }
            if !parsed { interaction.flags.insert(.parseError) }
        }

        // The terminal response object, when it carried output, already set output, refusal and calls.
        if interaction.output.isEmpty && interaction.toolCalls.isEmpty && interaction.refusal == nil {
            interaction.output = output
            if !refusal.isEmpty { interaction.refusal = refusal }
            interaction.toolCalls = calls.map {
                ToolCall(name: $0.name, argumentsValid: OpenAIContent.argumentsValid($0.arguments))
            }
        }
        if let firstContent { interaction.timeToFirstToken = OpenAIContent.delay(exchange, to: firstContent) }
        if !(ended || sawError) || OpenAIContent.responseCut(exchange) { interaction.flags.insert(.incomplete) }
        if !sawError, let status = exchange.response?.head.status, status >= 400 {
            interaction.error = APIError(type: nil, message: nil)
            interaction.flags.insert(.apiError)
        }
    }
}
