// APIAdapter: the contract every API reader fulfils — given a paired HTTP exchange and its parsed
// request body (scanned in place), fill in an Interaction. Adapters are pure; selection and counting live in AdapterRegistry.

import HTTPStream
import JSON

/// Reads one API's exchanges into interactions.
public protocol APIAdapter: Sendable {
    var kind: APIKind { get }
    /// Fills the API-specific fields of `interaction` (model, input, conversation, parameters, tools,
    /// output, finish reason, refusal, error, usage, stream flag, time to first token) from the exchange.
    /// The common fields (id, connection, path, timestamps, status, latency, gap/truncation flags) are
    /// already set. `request` is the request body scanned in place (nil when it was absent or not JSON); it is
    /// valid only during the call.
    func read(_ exchange: HTTPExchange, request: JSONView?, into interaction: inout Interaction)
}
