// AnthropicMessagesAdapter: reads Anthropic Messages exchanges (`POST /v1/messages`) — the request's
// system prompt, messages, parameters and tools, and the answer from a JSON body or from the SSE stream
// (message_start, content_block_start/delta/stop, message_delta, message_stop, ping, error), each event
// read in place with JSONScanner.

import HTTPStream
import JSON
import Wire

/// Reads `/v1/messages` exchanges, streamed or not, into interactions.
///
/// Request: `system` (a string or text blocks) becomes a "system" turn and `systemPromptHash`; each
/// message becomes a turn whose text joins its text blocks with "\n" and shows other blocks as
/// placeholders ("[image]", "[document]", "[tool_use NAME]", "[tool_result]").
/// Response: text blocks (or `text_delta`s) concatenated into `output`, `tool_use` blocks into tool
/// calls, `stop_reason` into `finishReason` ("refusal" also sets `refusal`), `usage` into token counts,
/// error bodies and `error` events into `error` with `.apiError`.
public struct AnthropicMessagesAdapter: BodyOrStreamAdapter {
    public var kind: APIKind { .anthropicMessages }

    /// The request path this adapter reads.
    public static let path = "/v1/messages"

    public init() {}


    // MARK: Request

    public func readRequest(_ request: JSONView, into interaction: inout Interaction) {
        interaction.model = request["model"]?.string
        let messages = request["messages"]?.elements ?? JSONView.noElements
        interaction.conversation.reserveCapacity(messages.count + 1)  // one allocation, not one per doubling
        if let system = request["system"], !system.isNull {
            let text = Self.text(system)
            interaction.conversation.append(Turn(role: "system", text: text))
            interaction.systemPromptHash = fnv1a64Hex(text)
        }
        for message in messages {
            let role = message["role"]?.string ?? "user"
            interaction.conversation.append(Turn(role: role, text: Self.text(message["content"])))
            if role == "user" || role == "assistant" { interaction.turns += 1 }
        }
        interaction.input = interaction.conversation.last { $0.role == "user" }?.text ?? ""

        interaction.parameters.temperature = request["temperature"]?.double
        interaction.parameters.topP = request["top_p"]?.double
        interaction.parameters.maxTokens = request["max_tokens"]?.int
        for tool in request["tools"]?.elements ?? JSONView.noElements {
            if let name = tool["name"]?.string ?? tool["type"]?.string { interaction.toolsOffered.append(name) }
        }
    }

    /// Text of a `system` value or message `content`: a string, or blocks joined with "\n".
    static func text<N: JSONNode>(_ content: N?) -> String {
        guard let content else { return "" }
        if let s = content.string { return s }
        if let blocks = content.elements {
            var texts: [String] = []
            for block in blocks { texts.append(blockText(block)) }
            return texts.joined(separator: "\n")
        }
        if content.isObject { return blockText(content) }
        return ""
    }

    /// One content block as text: text blocks by their text, everything else as a placeholder.
    static func blockText<N: JSONNode>(_ block: N) -> String {
        if let s = block.string { return s }
        guard let type = block["type"]?.string else { return block["text"]?.string ?? "" }
        switch type {
        case "text":
            return block["text"]?.string ?? ""
        case "image":
            return "[image]"
        case "document":
            return "[document]"
        case "tool_use", "server_tool_use":
            return "[tool_use \(block["name"]?.string ?? "")]"
        case "tool_result":
            // A tool's output is not what the user asked (OpenAI sends it as a separate "tool" turn):
            // a placeholder keeps the user's text the input.
            return "[tool_result]"
        default:
            return "[\(type)]"
        }
    }

    // MARK: JSON response

    public func readBody(_ body: JSONView, into interaction: inout Interaction) {
        if interaction.model == nil { interaction.model = body["model"]?.string }
        var output = ""
        for block in body["content"]?.elements ?? JSONView.noElements {
            switch block["type"]?.string {
            case "text":
                output += block["text"]?.string ?? ""
            case "tool_use", "server_tool_use":
                // `input` is already a parsed object, so the arguments are valid by construction.
                interaction.toolCalls.append(ToolCall(name: block["name"]?.string ?? "", argumentsValid: true))
            default:
                break
            }
        }
        interaction.output = output
        setStopReason(body["stop_reason"]?.string, into: &interaction)
        if let usage = body["usage"] {
            interaction.usage = Self.usage(input: usage["input_tokens"]?.int, output: usage["output_tokens"]?.int)
        }
    }

    /// Records an `{"type":"error","error":{...}}` body, or any HTTP error status, as an API error.
    public func readError(_ body: JSONView?, exchange: HTTPExchange, into interaction: inout Interaction) {
        guard let response = exchange.response else { return }
        let status = response.head.status
        if let error = body?["error"], error.isObject {
            interaction.error = APIError(type: error["type"]?.string, message: error["message"]?.string)
            interaction.flags.insert(.apiError)
        } else if status >= 400 {
            var message = body?["message"]?.string
            if body == nil, !response.body.bytes.isEmpty { message = String(response.body.text.prefix(500)) }
            interaction.error = APIError(type: body?["type"]?.string, message: message)
            interaction.flags.insert(.apiError)
        }
    }

    func setStopReason(_ reason: String?, into interaction: inout Interaction) {
        guard let reason else { return }
        interaction.finishReason = reason
        if reason == "refusal" { interaction.refusal = "stop_reason: refusal" }
    }

    static func usage(input: Int?, output: Int?) -> TokenUsage? {
        if input == nil && output == nil { return nil }
        return TokenUsage(input: input, output: output, total: (input ?? 0) + (output ?? 0))
    }

    // MARK: Stream

    /// A tool_use block being assembled from `input_json_delta` fragments.
    struct PartialToolUse {
        var name: String
        var json = ""
        var valid: Bool?
    }

    public func readStream(_ events: SSEEvents, exchange: HTTPExchange, into interaction: inout Interaction) {
        var output: [UInt8] = []  // the deltas' UTF-8, decoded once at the end
        output.reserveCapacity(1024)
        var tools: [Int: PartialToolUse] = [:]
        var toolOrder: [Int] = []
        var inputTokens: Int?
        var outputTokens: Int?
        var responseModel: String?
        var firstDelta: Timestamp?
        var sawStop = false
        var sawError = false

        func finish(_ index: Int) {
            guard var tool = tools[index], tool.valid == nil else { return }
            // No fragments at all means an empty input object ({}), which is valid.
            tool.valid = tool.json.isEmpty || OpenAIContent.argumentsValid(tool.json)
            tools[index] = tool
        }

        var scanner = JSONScanner(similarDocuments: true)  // chunks differ mostly in one delta string
        events.forEachEvent { event in
            if event.event == "ping" { return }
            let parsed = OpenAIContent.withEventJSON(event.data, &scanner) { data in
                let name = event.event == "message" ? (data["type"]?.string ?? "") : event.event
                switch name {
                case "message_start":
                    let message = data["message"]
                    responseModel = message?["model"]?.string
                    inputTokens = message?["usage"]?["input_tokens"]?.int ?? inputTokens
                    outputTokens = message?["usage"]?["output_tokens"]?.int ?? outputTokens
                case "content_block_start":
                    let index = data["index"]?.int ?? toolOrder.count
                    let block = data["content_block"]
                    switch block?["type"]?.string {
                    case "text":
                        _ = block?["text"]?.appendString(to: &output)
                    case "tool_use", "server_tool_use":
                        if tools[index] == nil { toolOrder.append(index) }
                        tools[index] = PartialToolUse(name: block?["name"]?.string ?? "")
                    default:
                        break
                    }
                case "content_block_delta":
                    if firstDelta == nil { firstDelta = event.at }
                    let delta = data["delta"]
                    switch delta?["type"]?.string {
                    case "text_delta":
                        _ = delta?["text"]?.appendString(to: &output)
                    case "input_json_delta":
                        let index = data["index"]?.int ?? -1
                        if tools[index] == nil {
                            toolOrder.append(index)
                            tools[index] = PartialToolUse(name: "")
                        }
                        tools[index]!.json += delta?["partial_json"]?.string ?? ""
                    default:
                        break
                    }
                case "content_block_stop":
                    if let index = data["index"]?.int { finish(index) }
                case "message_delta":
                    setStopReason(data["delta"]?["stop_reason"]?.string, into: &interaction)
                    inputTokens = data["usage"]?["input_tokens"]?.int ?? inputTokens
                    outputTokens = data["usage"]?["output_tokens"]?.int ?? outputTokens
                case "message_stop":
                    sawStop = true
                case "error":
                    let error = data["error"]
                    interaction.error = APIError(type: error?["type"]?.string, message: error?["message"]?.string)
                    interaction.flags.insert(.apiError)
                    sawError = true
                default:
                    break
                }
            }
            if !parsed { interaction.flags.insert(.parseError) }
        }

        for index in toolOrder { finish(index) }
        if interaction.model == nil { interaction.model = responseModel }
        interaction.output = String(decoding: output, as: UTF8.self)
        interaction.toolCalls = toolOrder.map { ToolCall(name: tools[$0]!.name, argumentsValid: tools[$0]!.valid!) }
        interaction.usage = Self.usage(input: inputTokens, output: outputTokens)
        if let firstDelta { interaction.timeToFirstToken = OpenAIContent.delay(exchange, to: firstDelta) }
        if !(sawStop || sawError) || OpenAIContent.responseCut(exchange) { interaction.flags.insert(.incomplete) }
        if !sawError, let status = exchange.response?.head.status, status >= 400 {
            interaction.error = APIError(type: nil, message: nil)
            interaction.flags.insert(.apiError)
        }
    }
}
