// HTTPRequestHead: the parsed request line and header block of one HTTP/1.x request.

/// A request line plus headers: `GET /v1/models HTTP/1.1`.
public struct HTTPRequestHead: Sendable, Hashable {
    public var method: String
    public var target: String
    /// The protocol version exactly as sent, e.g. "HTTP/1.1".
    public var version: String
    public var headers: HTTPHeaders

    public init(method: String, target: String, version: String, headers: HTTPHeaders) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }
}
