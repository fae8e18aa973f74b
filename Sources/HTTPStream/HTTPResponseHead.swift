// HTTPResponseHead: the parsed status line and header block of one HTTP/1.x response.

/// A status line plus headers: `HTTP/1.1 200 OK`.
public struct HTTPResponseHead: Sendable, Hashable {
    /// The protocol version exactly as sent, e.g. "HTTP/1.1".
    public var version: String
    public var status: Int
    public var reason: String
    public var headers: HTTPHeaders

    public init(version: String, status: Int, reason: String, headers: HTTPHeaders) {
        self.version = version
        self.status = status
        self.reason = reason
        self.headers = headers
    }

    /// True for 1xx responses other than 101, which precede the final response to the same request.
    public var isInterim: Bool { status >= 100 && status < 200 && status != 101 }
}
