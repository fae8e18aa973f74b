// GenericAdapter: reads exchanges of a configured API (Ollama, vLLM, LiteLLM, in-house gateways) with
// JSON pointers from a GenericAPIConfiguration — a JSON body, an SSE stream, or newline-delimited JSON.

import HTTPStream
import JSON
import Wire

/// Reads exchanges of one configured API into interactions (kind `.generic`).
///
/// The input is the value at `input` in the request body. A JSON response body gives the output at
/// `output`; a streamed one (SSE events, or newline-delimited JSON lines such as Ollama's) gives the
/// concatenation of `output` over its events or lines. Strings are taken as they are, numbers and
/// booleans as their JSON text, arrays element by element joined with "\n", objects as compact JSON.
public struct GenericAdapter: APIAdapter {
    public var kind: APIKind { .generic }
    public let configuration: GenericAPIConfiguration

    public init(_ configuration: GenericAPIConfiguration) {
        self.configuration = configuration
    }

    /// Whether this adapter's path pattern matches a request path (any query is ignored).
    public func matches(path: String) -> Bool { configuration.matches(path: path) }

    public func read(_ exchange: HTTPExchange, request view: JSONView?, into interaction: inout Interaction) {
        // Pointers are evaluated on trees: configured APIs are the uncommon case.
        let request = view?.value
        var requestModel: String?
        if let request {
            if let value = request.value(at: configuration.input) {
                interaction.input = Self.text(value)
                interaction.conversation = [Turn(role: "user", text: interaction.input)]
                interaction.turns = 1
            }
            if let model = configuration.model { requestModel = request.value(at: model)?.string }
        }
        interaction.model = requestModel
        interaction.stream = request?["stream"]?.bool == true
        guard let response = exchange.response else { return }

        var documents: [(JSONValue, Timestamp)] = []
        if let events = response.events {
            interaction.stream = true
            events.forEachEvent { event in
                guard !OpenAIContent.isDone(event.data) else { return }  // empty data: eventJSON skips it
                if let value = OpenAIContent.eventJSON(event.data, into: &interaction) { documents.append((value, event.at)) }
            }
        } else if !response.body.bytes.isEmpty {
            let declaredNDJSON = Self.isNDJSON(response)
            if !declaredNDJSON, let whole = try? JSONParser().parse(response.body.bytes) {
                documents.append((whole, response.firstByte))
            } else if case let lines = Self.lines(response.body.bytes), declaredNDJSON || lines.count > 1 {
                // NDJSON lines carry no times of their own: they all get the response's first byte.
                interaction.stream = true
                let cut = OpenAIContent.responseCut(exchange) && response.body.bytes.last != UInt8(ascii: "\n")
                for (i, line) in lines.enumerated() {
                    if let value = try? JSONParser().parse(Array(line)) {
                        documents.append((value, response.firstByte))
                    } else if !(cut && i == lines.count - 1) {
                        interaction.flags.insert(.parseError)
                    }
                }
            } else if OpenAIContent.responseCut(exchange) {
                interaction.flags.insert(.incomplete)
            } else if response.head.status < 400 {
                interaction.flags.insert(.parseError)
            }
        }

        var output = ""
        var firstOutput: Timestamp?
        var responseModel: String?
        for (document, at) in documents {
            if let value = document.value(at: configuration.output), !value.isNull {
                let piece = Self.text(value)
                output += piece
                if firstOutput == nil, !piece.isEmpty { firstOutput = at }
            }
            if responseModel == nil, let model = configuration.model {
                responseModel = document.value(at: model)?.string
            }
            if let status = configuration.status, let message = document.value(at: status)?.string {
                interaction.error = APIError(type: "status", message: message)
                interaction.flags.insert(.apiError)
            }
        }
        interaction.output = output
        if let responseModel { interaction.model = responseModel }

        if response.head.status >= 400, !interaction.flags.contains(.apiError) {
            let message = documents.isEmpty && !response.body.bytes.isEmpty ? String(response.body.text.prefix(500)) : nil
            interaction.error = APIError(type: nil, message: message)
            interaction.flags.insert(.apiError)
        }
        if interaction.stream, let firstOutput {
            interaction.timeToFirstToken = OpenAIContent.delay(exchange, to: firstOutput)
        } else if !interaction.stream {
            interaction.timeToFirstToken = OpenAIContent.firstByteDelay(exchange)
        }
        if OpenAIContent.responseCut(exchange) { interaction.flags.insert(.incomplete) }
    }

    /// Whether the response says it is newline-delimited JSON.
    static func isNDJSON(_ response: HTTPResponse) -> Bool {
        guard let type = response.head.headers["content-type"]?.lowercased() else { return false }
        return type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq")
    }

    /// The non-blank lines of a body.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        let lines = bytes.split(separator: UInt8(ascii: "\n")).filter { line in
            line.contains { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\t") }
        }
        return lines
    }

    /// A value as text: strings as they are, arrays element by element joined with "\n", others as JSON.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .null: return ""
        case .array(let items): return items.map(text).joined(separator: "\n")
        default:
            var writer = JSONWriter(reserving: 256)
            write(value, to: &writer)
            return String(decoding: writer.bytes, as: UTF8.self)
        }
    }

    static func write(_ value: JSONValue, to writer: inout JSONWriter) {
        switch value {
        case .null: writer.null()
        case .bool(let b): writer.bool(b)
        case .number(let d):
            if let i = value.int { writer.int(i) } else { writer.double(d) }
        case .string(let s): writer.string(s)
        case .array(let items):
            writer.beginArray()
            for item in items { write(item, to: &writer) }
            writer.endArray()
        case .object(let object):
            writer.beginObject()
            for (key, member) in object {
                writer.key(key)
                write(member, to: &writer)
            }
            writer.endObject()
        }
    }
}
