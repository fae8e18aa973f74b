// JSONParser: RFC 8259 JSON text -> JSONValue. (Placeholder API; the fast implementation replaces the body.)

import Foundation

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
public struct JSONParser: Sendable {
    /// Deepest nesting accepted; deeper input is an error, never a stack overflow.
    public var maxDepth = 256

    public init() {}

    /// Parses one JSON value; trailing whitespace allowed, anything else after it is an error. Throws JSONError.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        // Interim implementation over Foundation; replaced by a single-pass parser.
        let data = Data(buffer: bytes)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw JSONError("invalid JSON", at: 0)
        }
        return Self.convert(object)
    }

    private static func convert(_ any: Any) -> JSONValue {
        switch any {
        case is NSNull: return .null
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            return .number(n.doubleValue)
        case let s as String: return .string(s)
        case let a as [Any]: return .array(a.map(convert))
        case let d as [String: Any]: return .object(JSONObject(d.map { ($0.key, convert($0.value)) }))
        default: return .null
        }
    }

    public func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in try parse(buffer) }
    }

    public func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in try parse(buffer) }
    }
}
