// JSONWriter: a small, fast writer of JSON text into a growable byte buffer it owns. Output lines are
// written on the hot path (one per exchange, a million SSE events per benchmark run), so it writes through
// a raw pointer instead of Foundation's encoder or Array appends. Noncopyable: the buffer has one owner.

import Foundation

/// Appends JSON values to a byte buffer; nesting and commas are tracked for the caller.
public struct JSONWriter: ~Copyable, @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    public private(set) var count = 0
    /// One flag per open object/array (and the top level): whether the next value needs a comma.
    private var needsComma: [Bool] = [false]
    private var pendingValueAfterKey = false

    public init(reserving capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The text written so far (a copy).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Gives access to the text written so far without copying it.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    public mutating func reset() {
        count = 0
        needsComma = [false]
        pendingValueAfterKey = false
    }

    // MARK: structure

    public mutating func beginObject() {
        separate()
        put(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        put(UInt8(ascii: "}"))
        needsComma.removeLast()
    }

    public mutating func beginArray() {
        separate()
        put(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        put(UInt8(ascii: "]"))
        needsComma.removeLast()
    }

    /// Writes `"key":`; the next value belongs to it.
    public mutating func key(_ k: String) {
        separate()
        var k = k
        k.withUTF8 { escape($0) }
        put(UInt8(ascii: ":"))
        pendingValueAfterKey = true
    }

    /// Ends a JSON line: the next value starts a new top-level document.
    public mutating func newline() {
        put(UInt8(ascii: "\n"))
        needsComma[needsComma.count - 1] = false
    }

    // MARK: values

    public mutating func string(_ s: String) {
        separate()
        var s = s
        s.withUTF8 { escape($0) }
    }

    public mutating func string(utf8 s: some Collection<UInt8>) {
        separate()
        if s.withContiguousStorageIfAvailable({ escape($0) }) == nil {
            Array(s).withUnsafeBufferPointer { escape($0) }
        }
    }

    public mutating func int(_ v: some BinaryInteger) {
        separate()
        if let small = Int64(exactly: v) {
            writeInteger(small)
        } else {
            rawBytes(String(v).utf8)
        }
    }

    /// Writes `value / 10^fractionDigits` exactly, e.g. microseconds as seconds: fixedPoint(1500000, 6) -> 1.500000.
    public mutating func fixedPoint(_ value: Int64, fractionDigits: Int) {
        separate()
        let digitsMax = 21 + max(fractionDigits, 0)
        reserve(digitsMax + 2)
        var magnitude = value.magnitude
        // Digits are produced right to left into the end of the reserved space, then moved into place.
        let end = base + count + digitsMax + 1
        var p = end
        for _ in 0..<max(fractionDigits, 0) {
            p -= 1
            p.pointee = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
        if fractionDigits > 0 {
            p -= 1
            p.pointee = UInt8(ascii: ".")
        }
        repeat {
            p -= 1
            p.pointee = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        if value < 0 {
            p -= 1
            p.pointee = UInt8(ascii: "-")
        }
        let n = end - p
        memmove(base + count, p, n)  // regions may overlap
        count += n
    }

    public mutating func double(_ v: Double, decimals: Int = 6) {
        separate()
        guard v.isFinite else {
            rawBytes("null".utf8)
            return
        }
        rawBytes(String(format: "%.\(decimals)f", v).utf8)
    }

    public mutating func bool(_ v: Bool) {
        separate()
        rawBytes((v ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        rawBytes("null".utf8)
    }

    /// Inserts already-valid JSON text.
    public mutating func raw(_ json: some Collection<UInt8>) {
        separate()
        rawBytes(json)
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

    // MARK: internals

    private mutating func separate() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
            needsComma[needsComma.count - 1] = true
            return
        }
        if needsComma[needsComma.count - 1] { put(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + n { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func put(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    private mutating func rawBytes(_ s: some Collection<UInt8>) {
        reserve(s.count)
        var i = count
        for b in s {
            base[i] = b
            i += 1
        }
        count = i
    }

    private mutating func writeInteger(_ v: Int64) {
        reserve(21)
        var magnitude = v.magnitude
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, enough for 20 digits
        let n = withUnsafeMutableBytes(of: &scratch) { digits -> Int in
            var n = 0
            repeat {
                digits[23 - n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            } while magnitude > 0
            if v < 0 {
                digits[23 - n] = UInt8(ascii: "-")
                n += 1
            }
            (base + count).update(from: digits.baseAddress!.assumingMemoryBound(to: UInt8.self) + (24 - n), count: n)
            return n
        }
        count += n
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
    /// Reserves the worst case (6 bytes per input byte) once, then writes through the pointer.
    private mutating func escape(_ input: UnsafeBufferPointer<UInt8>) {
        reserve(input.count * 6 + 2)
        var o = count
        let out = base
        out[o] = UInt8(ascii: "\"")
        o += 1
        Self.escapes.withUnsafeBufferPointer { table in
            Self.hex.withUnsafeBufferPointer { hex in
                for b in input {
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
                            out[o &+ 2] = hex[Int(b >> 4)]
                            out[o &+ 3] = hex[Int(b & 0xf)]
                            o &+= 4
                        }
                    }
                }
            }
        }
        out[o] = UInt8(ascii: "\"")
        count = o + 1
    }
}
