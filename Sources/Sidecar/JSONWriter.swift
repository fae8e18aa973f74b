// JSONWriter: a small, fast writer of JSON text into a byte buffer. Output lines are written on the
// hot path (one per exchange), so this avoids Foundation's encoder and its intermediate objects.

import Foundation

/// Appends JSON values to a byte buffer; the caller keeps commas and nesting right via the helpers.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init(reserving capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = [false]
    }

    // MARK: structure

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma.removeLast()
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma.removeLast()
    }

    /// Writes `"key":`; the next value belongs to it.
    public mutating func key(_ k: String) {
        separate()
        string(k, separated: false)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
        pendingValueAfterKey = true
    }

    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    // MARK: values

    public mutating func string(_ s: String) { string(s, separated: true) }

    public mutating func string(utf8 s: some Collection<UInt8>) {
        separate()
        escape(s)
    }

    public mutating func int(_ v: some BinaryInteger) {
        separate()
        bytes.append(contentsOf: String(v).utf8)
    }

    public mutating func double(_ v: Double, decimals: Int = 6) {
        separate()
        guard v.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        bytes.append(contentsOf: String(format: "%.\(decimals)f", v).utf8)
    }

    public mutating func bool(_ v: Bool) {
        separate()
        bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Inserts already-valid JSON text.
    public mutating func raw(_ json: some Collection<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
    }

    // MARK: key-value shorthands

    public mutating func field(_ k: String, _ v: String) {
        key(k)
        string(v)
    }
    public mutating func field(_ k: String, _ v: some BinaryInteger) {
        key(k)
        int(v)
    }
    public mutating func field(_ k: String, _ v: Bool) {
        key(k)
        bool(v)
    }
    public mutating func field(_ k: String, seconds v: Double) {
        key(k)
        double(v)
    }

    // MARK: internals

    private var pendingValueAfterKey = false

    private mutating func separate() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
            needsComma[needsComma.count - 1] = true
            return
        }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func string(_ s: String, separated: Bool) {
        if separated { separate() }
        var s = s
        s.withUTF8 { escape($0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes a quoted JSON string; the input is UTF-8 (callers validate it), control characters escaped.
    private mutating func escape(_ s: some Collection<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        for b in s {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0a: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0d: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20, 0x7f:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(Self.hex[Int(b >> 4)])
                bytes.append(Self.hex[Int(b & 0xf)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
