// OpenAIContent: helpers shared by the OpenAI adapters (chat, responses, legacy completions) —
// content-part flattening with placeholders, usage and error objects, tool-argument validation,
// response-body parsing and the "was this stream cut?" rule.

import HTTPStream
import JSON
import Wire

/// Shared readers for OpenAI request and response shapes.
enum OpenAIContent {
    /// Text of a message `content`: a string, null, or an array of parts joined with `separator`.
    /// Non-text parts become placeholders ("[image]", "[audio]", "[file]").
    static func text(_ content: JSONValue?, separator: String = "\n") -> String {
        guard let content else { return "" }
        switch content {
        case .string(let s): return s
        case .array(let parts): return parts.compactMap(partText).joined(separator: separator)
        case .object: return partText(content) ?? ""
        default: return ""
        }
    }

    /// One content part as text: text parts by their text, media parts as placeholders.
    static func partText(_ part: JSONValue) -> String? {
        if case .string(let s) = part { return s }
        guard let type = part["type"]?.string else { return part["text"]?.string }
        switch type {
        case "text", "input_text", "output_text":
            return part["text"]?.string ?? ""
        case "refusal":
            return part["refusal"]?.string ?? ""
        case "image_url", "input_image", "image":
            return "[image]"
        case "input_audio", "audio":
            return "[audio]"
        case "file", "input_file":
            return "[file]"
        default:
            return part["text"]?.string ?? "[\(type)]"
        }
    }

    /// Token usage from `usage` (chat/completions names or responses names); nil when absent or empty.
    static func usage(_ value: JSONValue?) -> TokenUsage? {
        guard let value, value.object != nil else { return nil }
        let usage = TokenUsage(
            input: value["prompt_tokens"]?.int ?? value["input_tokens"]?.int,
            output: value["completion_tokens"]?.int ?? value["output_tokens"]?.int,
            total: value["total_tokens"]?.int)
        return usage.input == nil && usage.output == nil && usage.total == nil ? nil : usage
    }

    /// An `error` member: an object (type or code, message) or a bare string; nil for null or absent.
    static func error(_ value: JSONValue?) -> APIError? {
        guard let value else { return nil }
        switch value {
        case .string(let s):
            return APIError(type: nil, message: s)
        case .object:
            return APIError(type: value["type"]?.string ?? scalarText(value["code"]), message: value["message"]?.string)
        default:
            return nil
        }
    }

    /// A string or integral number as text ("rate_limit_exceeded", 429 -> "429").
    static func scalarText(_ value: JSONValue?) -> String? {
        if let s = value?.string { return s }
        if let i = value?.int { return String(i) }
        return nil
    }

    /// Whether tool-call arguments parse as JSON.
    static func argumentsValid(_ arguments: String) -> Bool {
        (try? JSONParser().parse(arguments)) != nil
    }

    /// Seconds from `start` to `end`.
    static func seconds(from start: Timestamp, to end: Timestamp) -> Double {
        Double(end.nanoseconds &- start.nanoseconds) / 1e9
    }

    /// Whether the request asked for a stream or the response is one.
    static func isStream(_ exchange: HTTPExchange, request: JSONValue?) -> Bool {
        request?["stream"]?.bool == true || exchange.response?.events != nil
            || exchange.response?.head.headers["content-type"]?.lowercased().hasPrefix("text/event-stream") == true
    }

    /// Whether the HTTP layer saw the response cut short (gap, close, end of capture or body cap).
    static func responseCut(_ exchange: HTTPExchange) -> Bool {
        if !exchange.flags.isDisjoint(with: [.incomplete, .gap, .bodyTruncated]) { return true }
        guard let response = exchange.response else { return false }
        return !response.complete || response.body.truncated
    }

    /// Seconds from the last request byte to the first response byte (non-stream time to first token).
    static func firstByteDelay(_ exchange: HTTPExchange) -> Double? {
        guard let request = exchange.request, let response = exchange.response else { return nil }
        return seconds(from: request.lastByte, to: response.firstByte)
    }

    /// Seconds from the last request byte to `at`, or nil without a request.
    static func delay(_ exchange: HTTPExchange, to at: Timestamp) -> Double? {
        guard let request = exchange.request else { return nil }
        return seconds(from: request.lastByte, to: at)
    }

    /// Parses a non-stream response body. Returns nil (and sets flags) when it is empty or not JSON:
    /// `.incomplete` for a body cut short, `.parseError` for a whole body that is not JSON (not for
    /// error statuses, whose non-JSON bodies are reported as the error message instead).
    static func parseBody(
        _ exchange: HTTPExchange, into interaction: inout Interaction
    ) -> JSONValue? {
        guard let response = exchange.response, !response.body.bytes.isEmpty else {
            if exchange.response != nil, responseCut(exchange) { interaction.flags.insert(.incomplete) }
            return nil
        }
        if let value = try? JSONParser().parse(response.body.bytes) { return value }
        if responseCut(exchange) {
            interaction.flags.insert(.incomplete)
        } else if response.head.status < 400 {
            interaction.flags.insert(.parseError)
        }
        return nil
    }

    /// Records an API error from a body (`error` member) or from an HTTP error status. A non-JSON
    /// error body becomes the message (its first 500 characters).
    static func readError(_ body: JSONValue?, exchange: HTTPExchange, into interaction: inout Interaction) {
        guard let response = exchange.response else { return }
        let status = response.head.status
        if let error = error(body?["error"]) {
            interaction.error = error
            interaction.flags.insert(.apiError)
        } else if status >= 400 {
            var message = body?["message"]?.string ?? body?["detail"]?.string
            if body == nil, !response.body.bytes.isEmpty {
                message = String(response.body.text.prefix(500))
            }
            interaction.error = APIError(type: body?["type"]?.string ?? scalarText(body?["code"]), message: message)
            interaction.flags.insert(.apiError)
        }
    }

    /// Parses one SSE event's data as JSON; nil (flagging `.parseError`) when it is not JSON.
    /// Empty data is skipped silently.
    static func eventJSON(_ event: SSEEvent, into interaction: inout Interaction) -> JSONValue? {
        guard !event.data.isEmpty else { return nil }
        if let value = try? JSONParser().parse(event.data) { return value }
        interaction.flags.insert(.parseError)
        return nil
    }

    /// Whether event data is the OpenAI end-of-stream sentinel.
    static func isDone(_ event: SSEEvent) -> Bool {
        event.data.utf8.count <= 8 && event.data.trimmingWhitespace == "[DONE]"
    }

    /// The element of `choices` with index 0 (or the first element without an index).
    static func firstChoice(_ choices: JSONValue?) -> JSONValue? {
        guard let array = choices?.array else { return nil }
        return array.first { ($0["index"]?.int ?? 0) == 0 }
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    fileprivate var trimmingWhitespace: Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
        return s
    }
}
