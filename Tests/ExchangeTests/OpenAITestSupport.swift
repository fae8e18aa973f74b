// OpenAITestSupport: builds HTTPExchange values for the OpenAI adapter tests — a request JSON string
// plus either a JSON response body or a list of SSE events — and runs an adapter on them.

import Exchange
import HTTPStream
import JSON
import Reassembly
import Wire

let openAITestConnection = ConnectionID(
    serial: 7,
    client: Endpoint(address: IPAddress(ipv4: 127, 0, 0, 1), port: 50000),
    server: Endpoint(address: IPAddress(ipv4: 127, 0, 0, 1), port: 443))

/// Request ends at t = 10 s; the response starts at 10.5 s; SSE event i is dispatched at 11 + i s.
enum OpenAIFixture {
    static let requestEnd = Timestamp.seconds(10)
    static let responseStart = Timestamp.seconds(10.5)
    static func eventTime(_ i: Int) -> Timestamp { .seconds(11 + Double(i)) }

    static func request(path: String, body: String) -> HTTPRequest {
        HTTPRequest(
            head: HTTPRequestHead(
                method: "POST", target: path, version: "HTTP/1.1",
                headers: ["Host": "api.openai.com", "Content-Type": "application/json"]),
            body: HTTPBody(bytes: Array(body.utf8), wireBytes: body.utf8.count, decodedBytes: body.utf8.count),
            firstByte: .seconds(9.9), lastByte: requestEnd, complete: true)
    }

    /// A JSON (non-stream) exchange.
    static func json(
        path: String, request: String, status: Int = 200, response: String, flags: ExchangeFlags = [],
        complete: Bool = true
    ) -> HTTPExchange {
        let head = HTTPResponseHead(
            version: "HTTP/1.1", status: status, reason: status == 200 ? "OK" : "Error",
            headers: ["Content-Type": "application/json"])
        let body = HTTPBody(bytes: Array(response.utf8), wireBytes: response.utf8.count, decodedBytes: response.utf8.count)
        let resp = HTTPResponse(
            head: head, body: body, events: nil, firstByte: responseStart, lastByte: .seconds(12), complete: complete)
        return HTTPExchange(
            connection: openAITestConnection, index: 0, request: self.request(path: path, body: request),
            response: resp, flags: flags)
    }

    /// An SSE exchange; each element is one event's data (and optional `event:` type).
    static func sse(
        path: String, request: String, events: [(event: String, data: String)], flags: ExchangeFlags = [],
        complete: Bool = true
    ) -> HTTPExchange {
        let head = HTTPResponseHead(
            version: "HTTP/1.1", status: 200, reason: "OK",
            headers: ["Content-Type": "text/event-stream; charset=utf-8", "Transfer-Encoding": "chunked"])
        let sse = events.enumerated().map { i, e in SSEEvent(event: e.event, data: e.data, at: eventTime(i)) }
        let text = sse.map { "data: \($0.data)\n\n" }.joined()
        let body = HTTPBody(bytes: Array(text.utf8), wireBytes: text.utf8.count, decodedBytes: text.utf8.count, chunked: true)
        let resp = HTTPResponse(
            head: head, body: body, events: SSEEvents(sse), firstByte: responseStart,
            lastByte: eventTime(max(events.count - 1, 0)), complete: complete)
        return HTTPExchange(
            connection: openAITestConnection, index: 0, request: self.request(path: path, body: request),
            response: resp, flags: flags)
    }

    /// Default-event ("message") SSE from data strings.
    static func sse(
        path: String, request: String, data: [String], flags: ExchangeFlags = [], complete: Bool = true
    ) -> HTTPExchange {
        sse(path: path, request: request, events: data.map { ("message", $0) }, flags: flags, complete: complete)
    }

    /// Runs `adapter` the way the registry does: request body scanned in place, common fields left default.
    static func run(_ adapter: any APIAdapter, _ exchange: HTTPExchange) -> Interaction {
        var interaction = Interaction(id: "test-\(exchange.index)", api: adapter.kind)
        readScanningRequest(adapter, exchange, into: &interaction)
        return interaction
    }
}

/// A chat.completion.chunk event's data with the given delta (and optional finish reason).
func chatChunk(_ delta: String, finish: String? = nil) -> String {
    let reason = finish.map { "\"\($0)\"" } ?? "null"
    return #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":"#
        + delta + #","logprobs":null,"finish_reason":"# + reason + "}]}"
}

/// A content delta chunk for `text` (JSON-escaped).
func chatTextChunk(_ text: String) -> String {
    chatChunk(#"{"content":"# + openAIJSONString(text) + "}")
}

/// `s` as a JSON string literal.
func openAIJSONString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}

/// Calls `adapter.read` as the registry does: with the request body scanned in place, or nil when it is empty or
/// not JSON.
func readScanningRequest(_ adapter: any APIAdapter, _ exchange: HTTPExchange, into interaction: inout Interaction) {
    let bytes = exchange.request?.body.bytes ?? []
    var scanner = JSONScanner()
    let scanned = bytes.withUnsafeBufferPointer { b in
        !b.isEmpty && (try? scanner.withDocument(b) { adapter.read(exchange, request: $0, into: &interaction) }) != nil
    }
    if !scanned { adapter.read(exchange, request: nil, into: &interaction) }
}
