// InteractionEncoder: the output-thread step of `slicewatch interactions` — runs the adapter registry on
// each exchange and writes the interaction's JSON line. Lives on one thread at a time: the output thread
// while running, the caller's after the writer has closed (which orders the two).

import Exchange
import HTTPStream
import JSON

/// Turns exchanges into interaction JSON lines, counting what it skipped.
public final class InteractionEncoder: @unchecked Sendable {
    private var registry: AdapterRegistry

    public init(registry: AdapterRegistry) { self.registry = registry }

    /// Writes the exchange's interaction as a JSON line, or nothing when it is not a model call.
    public func encode(_ exchange: HTTPExchange, into writer: inout JSONWriter) {
        guard let interaction = registry.interaction(for: exchange) else { return }
        interaction.writeJSON(into: &writer)
        writer.newline()
    }

    /// The registry's counters; read them after the output writer has closed.
    public var counters: InteractionCounters { registry.counters }
}

extension InteractionCounters {
    /// One readable summary line.
    public var text: String {
        let kinds = byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "  interactions \(interactions) (\(kinds.isEmpty ? "none" : kinds)), skipped: unknown endpoint "
            + "\(unknownEndpoint), response-only \(withoutRequest); flagged: parse errors \(parseErrors), "
            + "api errors \(apiErrors), incomplete \(incomplete), no response \(noResponse)"
    }

    /// The counters as one JSON object.
    public var json: String {
        var w = JSONWriter()
        w.beginObject()
        w.field("exchanges", exchanges)
        w.field("interactions", interactions)
        w.key("by_api")
        w.beginObject()
        for (k, v) in byKind.sorted(by: { $0.key < $1.key }) { w.field(k, v) }
        w.endObject()
        w.field("unknown_endpoint", unknownEndpoint)
        w.field("response_only", withoutRequest)
        w.field("parse_errors", parseErrors)
        w.field("api_errors", apiErrors)
        w.field("incomplete", incomplete)
        w.field("no_response", noResponse)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
