// HTTPBody: what was captured of one message body — a bounded prefix of the decoded bytes plus the
// sizes on the wire and after decoding, and whether anything was cut or failed to decode.

/// A message body after transfer decoding (chunked) and content decoding (gzip/deflate).
public struct HTTPBody: Sendable, Hashable {
    /// The decoded body, at most `HTTPLimits.maxBodyBytes` long. Empty for event streams: their content is the
    /// response's `events` (whose data the same cap bounds).
    public var bytes: [UInt8]
    /// Body bytes on the wire, including chunked framing (chunk-size lines, CRLFs, trailers).
    public var wireBytes: Int
    /// Bytes after transfer and content decoding (counted past the stored prefix, up to the decode cap).
    public var decodedBytes: Int
    /// True when `bytes` is only a prefix (for event streams: events were dropped): body cap or decompression cap
    /// reached.
    public var truncated: Bool
    /// The Content-Encoding header value (lowercased), if any.
    public var contentEncoding: String?
    /// Why content decoding failed (or was not possible), if it did.
    public var decodeError: String?
    /// True when the body was sent with Transfer-Encoding: chunked.
    public var chunked: Bool

    public init(
        bytes: [UInt8] = [], wireBytes: Int = 0, decodedBytes: Int = 0, truncated: Bool = false,
        contentEncoding: String? = nil, decodeError: String? = nil, chunked: Bool = false
    ) {
        self.bytes = bytes
        self.wireBytes = wireBytes
        self.decodedBytes = decodedBytes
        self.truncated = truncated
        self.contentEncoding = contentEncoding
        self.decodeError = decodeError
        self.chunked = chunked
    }

    /// The stored body decoded as UTF-8 (invalid sequences repaired).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
