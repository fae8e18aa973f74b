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

    /// Ends a JSON line: the next value starts a new top-level document.
    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        needsComma[needsComma.count - 1] = false
    }

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

    /// For each byte: 0 when it is written as is, else the character after the backslash ('u' for \u00XX).
    private static let escapes: [UInt8] = (0..<256).map { b -> UInt8 in
        switch b {
        case 0x22: UInt8(ascii: "\"")
        case 0x5c: UInt8(ascii: "\\")
        case 0x0a: UInt8(ascii: "n")
        case 0x0d: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        case 0..<0x20, 0x7f: UInt8(ascii: "u")
        default: 0
        }
    }

    /// Writes a quoted JSON string; the input is UTF-8 (callers validate it), control characters escaped.
    /// Runs of plain bytes are copied in bulk.
    private mutating func escape(_ s: some Collection<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        let done: Void? = s.withContiguousStorageIfAvailable { escape(buffer: $0) }
        if done == nil { escape(buffer: Array(s)) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(buffer: UnsafeBufferPointer<UInt8>) {
        Self.escapes.withUnsafeBufferPointer { table in
            // Pass 1: the exact escaped length. Pass 2: write into the grown buffer through a pointer.
            var extra = 0
            for b in buffer {
                let e = table[Int(b)]
                if e != 0 { extra &+= e == UInt8(ascii: "u") ? 5 : 1 }
            }
            if extra == 0 {
                bytes.append(contentsOf: buffer)
                return
            }
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: buffer.count + extra))
            bytes.withUnsafeMutableBufferPointer { out in
                var o = start
                for b in buffer {
                    let e = table[Int(b)]
                    if e == 0 {
                        out[o] = b
                        o &+= 1
                    } else {
                        out[o] = UInt8(ascii: "\\")
                        out[o &+ 1] = e
                        o &+= 2
                        if e == UInt8(ascii: "u") {
                            out[o] = UInt8(ascii: "0")
                            out[o &+ 1] = UInt8(ascii: "0")
                            out[o &+ 2] = Self.hex[Int(b >> 4)]
                            out[o &+ 3] = Self.hex[Int(b & 0xf)]
                            o &+= 4
                        }
                    }
                }
            }
        }
    }

    private mutating func escape(buffer: [UInt8]) {
        buffer.withUnsafeBufferPointer { escape(buffer: $0) }
    }
}
