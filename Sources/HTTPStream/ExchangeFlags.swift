// ExchangeFlags: what went wrong (or was unusual) about one request/response exchange.

/// Flags describing an exchange's quality.
public struct ExchangeFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Bytes were missing from one of the messages (or a whole message was lost in a gap).
    public static let gap = ExchangeFlags(rawValue: 1 << 0)
    /// A stored body is only a prefix (body cap or decompression cap).
    public static let bodyTruncated = ExchangeFlags(rawValue: 1 << 1)
    /// A message was cut by close, reset or end of capture before its end.
    public static let incomplete = ExchangeFlags(rawValue: 1 << 2)
    /// A response with no request to pair it with.
    public static let responseOnly = ExchangeFlags(rawValue: 1 << 3)
    /// A request still unanswered when the connection ended.
    public static let noResponse = ExchangeFlags(rawValue: 1 << 4)
    /// A message failed to parse (framing or head), or was lost to a parse error.
    public static let parseError = ExchangeFlags(rawValue: 1 << 5)
    /// Content decoding (gzip/deflate) failed or the encoding is unsupported.
    public static let decodeError = ExchangeFlags(rawValue: 1 << 6)

    /// Every flag with the name it has in output, in output order.
    public static let names: [(ExchangeFlags, String)] = [
        (.gap, "gap"), (.bodyTruncated, "body_truncated"), (.incomplete, "incomplete"),
        (.responseOnly, "response_only"), (.noResponse, "no_response"), (.parseError, "parse_error"),
        (.decodeError, "decode_error"),
    ]

    public var description: String {
        "[" + Self.names.filter { contains($0.0) }.map(\.1).joined(separator: ",") + "]"
    }
}
