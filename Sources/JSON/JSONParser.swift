// JSONParser: RFC 8259 JSON text -> JSONValue. The public face of a single-pass, hand-written parser over raw
// bytes (JSONReader.swift) that runs on every request body and SSE event. It never traps: malformed input,
// invalid UTF-8 and deep nesting all end in a JSONError with the byte offset of the problem, or (for bad UTF-8
// and lone surrogates inside strings) in U+FFFD replacement characters.

/// Why a JSON text could not be parsed.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Byte offset in the input where the problem was found.
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at byte \(offset)" }
}

/// Parses JSON text with limits on nesting depth.
///
/// Objects keep their member order and duplicate keys (lookup returns the first). Numbers become Doubles
/// (beyond the Double range they become ±infinity). Any value may be the top level.
public struct JSONParser: Sendable {
    /// Deepest nesting accepted; deeper input is an error, never a stack overflow (the parser is iterative).
    public var maxDepth = 256

    public init() {}

    /// Parses one JSON value; trailing whitespace allowed, anything else after it is an error. Throws JSONError.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw JSONError("unexpected end of input", at: 0) }
        // Every open container consumes a byte, so the frame stack never needs more than the input's length.
        let frameCapacity = min(max(maxDepth, 0), bytes.count) + 1
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: frameCapacity) { frames in
            var reader = JSONReader(base: base, count: bytes.count, maxDepth: maxDepth, frames: frames.baseAddress!)
            return try reader.parseDocument()
        }
    }

    /// Parses one JSON value from bytes. Throws JSONError.
    public func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in try parse(buffer) }
    }

    /// Parses one JSON value from the UTF-8 of a string. Throws JSONError.
    public func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in try parse(buffer) }
    }
}
