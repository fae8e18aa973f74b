// AnthropicFixtures: builds HTTPExchange values directly (no packets) for the Anthropic and generic adapter
// tests — a request JSON plus a JSON response body or a list of SSE (event, data) pairs — and runs an adapter.

@testable import Exchange
import HTTPStream
import JSON
import Reassembly
import Wire

enum AnthropicFixtures {
    static let connection = ConnectionID(
        serial: 7,
        client: Endpoint(address: IPAddress(ipv4: 10, 0, 0, 1), port: 40000),
        server: Endpoint(address: IPAddress(ipv4: 10, 0, 0, 2), port: 443))

    /// The request's last byte is at 1 s, the response's first byte at 1.5 s, SSE event k at 2 + 0.1·k s.
    static let requestEnd = Timestamp.seconds(1)

    /// An exchange: `request` JSON text to `path`; the response is `body` (JSON text), or `events` as a
    /// text/event-stream, or nil for no response at all.
    static func exchange(
        path: String = "/v1/messages", request: String, status: Int = 200, body: String? = nil,
        events: [(String, String)]? = nil, contentType: String? = nil, flags: ExchangeFlags = [],
        complete: Bool = true
    ) -> HTTPExchange {
        let req = HTTPRequest(
            head: HTTPRequestHead(
                method: "POST", target: path, version: "HTTP/1.1", headers: ["Content-Type": "application/json"]),
            body: HTTPBody(bytes: Array(request.utf8)), firstByte: .seconds(0.9), lastByte: requestEnd,
            complete: true)
        var response: HTTPResponse?
        if let events {
            let sse = events.enumerated().map { k, e in
                SSEEvent(event: e.0, data: e.1, at: .seconds(2 + 0.1 * Double(k)))
            }
            response = HTTPResponse(
                head: HTTPResponseHead(
                    version: "HTTP/1.1", status: status, reason: "OK",
                    headers: ["Content-Type": contentType ?? "text/event-stream; charset=utf-8"]),
                body: HTTPBody(), events: SSEEvents(sse), firstByte: .seconds(1.5),
                lastByte: sse.last?.at ?? .seconds(1.5), complete: complete)
        } else if let body {
            response = HTTPResponse(
                head: HTTPResponseHead(
                    version: "HTTP/1.1", status: status, reason: status < 400 ? "OK" : "Error",
                    headers: ["Content-Type": contentType ?? "application/json"]),
                body: HTTPBody(bytes: Array(body.utf8)), events: nil, firstByte: .seconds(1.5),
                lastByte: .seconds(1.6), complete: complete)
        }
        return HTTPExchange(connection: connection, index: 0, request: req, response: response, flags: flags)
    }

    /// Runs `adapter` on the exchange the way the registry would (request body scanned when it is JSON).
    static func read(_ adapter: some APIAdapter, _ exchange: HTTPExchange) -> Interaction {
        var interaction = Interaction(id: "test", api: adapter.kind)
        readScanningRequest(adapter, exchange, into: &interaction)
        return interaction
    }

    /// Shorthand: the Anthropic adapter on a request and a JSON body or an event list.
    static func anthropic(
        _ request: String, status: Int = 200, body: String? = nil, events: [(String, String)]? = nil,
        flags: ExchangeFlags = [], complete: Bool = true
    ) -> Interaction {
        read(
            AnthropicMessagesAdapter(),
            exchange(request: request, status: status, body: body, events: events, flags: flags, complete: complete))
    }
}
