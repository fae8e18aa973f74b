// BodyOrStreamAdapter: the shape shared by the OpenAI and Anthropic adapters — read the request, then
// either the server-sent events or the one JSON body (with its error), and flag a cut answer. Adapters
// supply the API-specific parts; the order and the flagging live here once.

import HTTPStream
import JSON

/// An adapter for an API that answers with one JSON body or a server-sent-event stream.
public protocol BodyOrStreamAdapter: APIAdapter {
    /// Reads the request body: model, turns, parameters, tools.
    func readRequest(_ request: JSONView, into interaction: inout Interaction)
    /// Reads a non-streamed answer.
    func readBody(_ body: JSONView, into interaction: inout Interaction)
    /// Reads a streamed answer from its events, flagging a stream that did not end.
    func readStream(_ events: SSEEvents, exchange: HTTPExchange, into interaction: inout Interaction)
    /// Reads an API error from a body (or its absence) and the HTTP status.
    func readError(_ body: JSONView?, exchange: HTTPExchange, into interaction: inout Interaction)
}

extension BodyOrStreamAdapter {
    public func read(_ exchange: HTTPExchange, request: JSONView?, into interaction: inout Interaction) {
        if let request { readRequest(request, into: &interaction) }
        interaction.stream = OpenAIContent.isStream(exchange, request: request)
        guard let response = exchange.response else { return }
        if let events = response.events {
            readStream(events, exchange: exchange, into: &interaction)
        } else {
            OpenAIContent.withBody(exchange, into: &interaction) { body, interaction in
                if let body { readBody(body, into: &interaction) }
                readError(body, exchange: exchange, into: &interaction)
            }
            interaction.timeToFirstToken = OpenAIContent.firstByteDelay(exchange)
            if OpenAIContent.responseCut(exchange) { interaction.flags.insert(.incomplete) }
        }
    }

    /// OpenAI's error shape (`{"error": {"type"|"code", "message"}}`), also used when no body parsed.
    public func readError(_ body: JSONView?, exchange: HTTPExchange, into interaction: inout Interaction) {
        OpenAIContent.readError(body, exchange: exchange, into: &interaction)
    }
}
