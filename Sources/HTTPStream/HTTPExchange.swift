// HTTPExchange: the unit the HTTP layer hands upward — a request paired with its response on one
// connection, either side possibly missing (see the flags).

import Reassembly

/// A request and its response (either may be nil), in per-connection order.
public struct HTTPExchange: Sendable, Hashable {
    public var connection: ConnectionID
    /// Position of this exchange on its connection, starting at 0.
    public var index: Int
    public var request: HTTPRequest?
    public var response: HTTPResponse?
    public var flags: ExchangeFlags

    public init(
        connection: ConnectionID, index: Int, request: HTTPRequest?, response: HTTPResponse?, flags: ExchangeFlags
    ) {
        self.connection = connection
        self.index = index
        self.request = request
        self.response = response
        self.flags = flags
    }
}
