// OpenAIContent: helpers shared by the OpenAI adapters (chat, responses, legacy completions) —
// content-part flattening with placeholders, usage and error objects, tool-argument validation,
// response-body parsing, reading SSE event data in place (JSONScanner) and the "was this stream cut?" rule.
// The readers are generic over JSONNode, so they serve parsed trees and scanned views alike.

import HTTPStream
import JSON
import Wire

/// Shared readers for OpenAI request and response shapes.
enum OpenAIContent {
    /// Text of a message `content`: a string, null, or an array of parts joined with `separator`.
    /// Non-text parts become placeholders ("[image]", "[audio]", "[file]").
    static func text<N: JSONNode>(_ content: N?, separator: String = "\n") -> String {
        guard let content else { return "" }
        if let s = content.string { return s }
        if let parts = content.elements { return parts.compactMap { partText($0) }.joined(separator: separator) }
        if content.isObject { return partText(content) ?? "" }
        return ""
    }

    /// One content part as text: text parts by their text, media parts as placeholders.
    static func partText<N: JSONNode>(_ part: N) -> String? {
        if let s = part.string { return s }
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
    static func usage<N: JSONNode>(_ value: N?) -> TokenUsage? {
        guard let value, value.isObject else { return nil }
        let usage = TokenUsage(
            input: value["prompt_tokens"]?.int ?? value["input_tokens"]?.int,
            output: value["completion_tokens"]?.int ?? value["output_tokens"]?.int,
            total: value["total_tokens"]?.int)
        return usage.input == nil && usage.output == nil && usage.total == nil ? nil : usage
    }

    /// An `error` member: an object (type or code, message) or a bare string; nil for null or absent.
    static func error<N: JSONNode>(_ value: N?) -> APIError? {
        guard let value else { return nil }
        if let s = value.string { return APIError(type: nil, message: s) }
        guard value.isObject else { return nil }
        return APIError(type: value["type"]?.string ?? scalarText(value["code"]), message: value["message"]?.string)
    }

    /// A string or integral number as text ("rate_limit_exceeded", 429 -> "429").
    static func scalarText<N: JSONNode>(_ value: N?) -> String? {
        if let s = value?.string { return s }
        if let i = value?.int { return String(i) }
        return nil
    }

    /// Whether tool-call arguments parse as JSON.
    static func argumentsValid(_ arguments: String) -> Bool {
        var scanner = JSONScanner()
        return scanner.isValid(arguments)
    }

    /// Seconds from `start` to `end`.
    static func seconds(from start: Timestamp, to end: Timestamp) -> Double {
        Double(end.nanoseconds &- start.nanoseconds) / 1e9
    }

    /// Whether the request asked for a stream or the response is one.
    static func isStream(_ exchange: HTTPExchange, request: JSONView?) -> Bool {
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

    /// Scans a non-stream response body in place and calls `read` with it, or with nil (after setting flags)
    /// when it is empty or not JSON: `.incomplete` for a body cut short, `.parseError` for a whole body that is
    /// not JSON (not for error statuses, whose non-JSON bodies are reported as the error message instead).
    static func withBody(
        _ exchange: HTTPExchange, into interaction: inout Interaction,
        _ read: (JSONView?, inout Interaction) -> Void
    ) {
        guard let response = exchange.response, !response.body.bytes.isEmpty else {
            if exchange.response != nil, responseCut(exchange) { interaction.flags.insert(.incomplete) }
            return read(nil, &interaction)
        }
        var scanner = JSONScanner()
        let scanned = response.body.bytes.withUnsafeBufferPointer { bytes in
            (try? scanner.withDocument(bytes) { read($0, &interaction) }) != nil
        }
        if scanned { return }
        if responseCut(exchange) {
            interaction.flags.insert(.incomplete)
        } else if response.head.status < 400 {
            interaction.flags.insert(.parseError)
        }
        read(nil, &interaction)
    }

    /// Records an API error from a body (`error` member) or from an HTTP error status. A non-JSON
    /// error body becomes the message (its first 500 characters).
    static func readError(_ body: JSONView?, exchange: HTTPExchange, into interaction: inout Interaction) {
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
    static func eventJSON(_ data: UnsafeBufferPointer<UInt8>, into interaction: inout Interaction) -> JSONValue? {
        guard !data.isEmpty else { return nil }
        if let value = try? JSONParser().parse(data) { return value }
        interaction.flags.insert(.parseError)
        return nil
    }

    /// Scans one SSE event's data as JSON in place and calls `read` with it (the view must not escape `read`).
    /// Returns false when the data is not JSON (the caller flags `.parseError`); empty data is skipped silently.
    static func withEventJSON(
        _ data: UnsafeBufferPointer<UInt8>, _ scanner: inout JSONScanner, _ read: (JSONView) -> Void
    ) -> Bool {
        guard !data.isEmpty else { return true }
        return (try? scanner.withDocument(data, read)) != nil
    }

    /// Whether event data is the OpenAI end-of-stream sentinel (surrounding ASCII whitespace allowed).
    static func isDone(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        guard data.count >= 6, data.count <= 8 else { return false }
        var start = data.startIndex
        var end = data.endIndex
        while start < end, isSpace(data[start]) { start += 1 }
        while end > start, isSpace(data[end - 1]) { end -= 1 }
        return data[start..<end].elementsEqual("[DONE]".utf8)
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0d || b == 0x0a }

    /// The element of `choices` with index 0 (or the first element without an index).
    static func firstChoice<N: JSONNode>(_ choices: N?) -> N? {
        guard let array = choices?.elements else { return nil }
        return array.first { ($0["index"]?.int ?? 0) == 0 }
    }
}
