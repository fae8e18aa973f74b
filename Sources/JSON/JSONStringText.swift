// JSONStringText: turns the text of a JSON string that JSONScanner already checked into a String — straight from
// the bytes without escapes, else unescaped exactly as JSONReader does (\u surrogate pairs joined, lone
// surrogates as U+FFFD, invalid UTF-8 repaired by String(decoding:)). Also key and literal comparison on the
// raw bytes, so readers can match names without making Strings. Its byte helpers (\u digits, UTF-8 encoding,
// the eight-bytes-at-a-time plain-run scan) are JSONReader's too.

enum JSONStringText {
    /// The high bits of the bytes of `w` that end a plain run of string text: a quote, a backslash or a control
    /// character (the classic has-zero-byte trick on the word XOR each of them, and on the word minus 0x20).
    /// Bytes above the first flagged one may be flagged wrongly (borrows), but the lowest flag is exact, so
    /// `trailingZeroBitCount / 8` is the position of the first special byte.
    @inline(__always)
    static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let q = w ^ (ones &* UInt64(UInt8(ascii: "\""))), s = w ^ (ones &* UInt64(UInt8(ascii: "\\")))
        return (((q &- ones) & ~q) | ((s &- ones) & ~s) | ((w &- ones &* 0x20) & ~w)) & highs
    }

    /// The end of the plain run of string text starting at `i`: the position of the first quote, backslash or
    /// control byte, read eight bytes at a time, or where fewer than eight bytes are left (the caller goes on
    /// byte by byte from there).
    @inline(__always)
    static func plainRunEnd(_ base: UnsafePointer<UInt8>, _ count: Int, from i: Int) -> Int {
        var i = i
        while i &+ 8 <= count {
            let special = specialBytes(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
            if special != 0 { return i &+ special.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        return i
    }

    /// The four hex digits of the \u escape whose backslash is at `i` (six bytes must be there), or nil.
    @inline(__always)
    static func hex4(_ base: UnsafePointer<UInt8>, at i: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in 2..<6 {
            let c = base[i &+ k]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// The string whose checked text is `start..<end` of `base`.
    static func string(_ base: UnsafePointer<UInt8>, start: Int, end: Int, escaped: Bool) -> String {
        guard escaped else {
            return String(decoding: UnsafeBufferPointer(start: base + start, count: end &- start), as: UTF8.self)
        }
        // Unescaping never makes text longer: every escape is at least as long as the UTF-8 it stands for.
        return String(unsafeUninitializedCapacity: end &- start) { out in
            unescape(base, start: start, end: end, into: out.baseAddress!)
        }
    }

    /// Whether the string's text, unescaped, is exactly the UTF-8 bytes `key`.
    static func equals(
        _ base: UnsafePointer<UInt8>, start: Int, end: Int, escaped: Bool, _ key: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        if !escaped {
            guard end &- start == key.count else { return false }
            return same(base + start, key)
        }
        guard end &- start >= key.count else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end &- start) { out in
            let n = unescape(base, start: start, end: end, into: out.baseAddress!)
            guard n == key.count else { return false }
            return same(UnsafePointer(out.baseAddress!), key)
        }
    }

    @inline(__always)
    private static func same(_ p: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<key.count where p[k] != key[k] { return false }
        return true
    }

    /// Unescapes checked text into `out` (room for `end - start` bytes); returns the bytes written.
    static func unescape(_ base: UnsafePointer<UInt8>, start: Int, end: Int, into out: UnsafeMutablePointer<UInt8>)
        -> Int
    {
        var n = 0
        var i = start
        while i < end {
            let b = base[i]
            guard b == UInt8(ascii: "\\") else {
                out[n] = b
                n &+= 1
                i &+= 1
                continue
            }
            let e = base[i &+ 1]
            switch e {
            case UInt8(ascii: "b"): out[n] = 0x08
            case UInt8(ascii: "f"): out[n] = 0x0c
            case UInt8(ascii: "n"): out[n] = 0x0a
            case UInt8(ascii: "r"): out[n] = 0x0d
            case UInt8(ascii: "t"): out[n] = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex4(base, at: i) ?? 0xfffd
                i &+= 6
                if scalar & 0xfc00 == 0xd800 {
                    if i &+ 6 <= end, base[i] == UInt8(ascii: "\\"), base[i &+ 1] == UInt8(ascii: "u"),
                        let low = hex4(base, at: i), low & 0xfc00 == 0xdc00
                    {
                        scalar = 0x10000 &+ ((scalar &- 0xd800) << 10) | (low &- 0xdc00)
                        i &+= 6
                    } else {
                        scalar = 0xfffd  // the next escape is decoded on its own
                    }
                } else if scalar & 0xfc00 == 0xdc00 {
                    scalar = 0xfffd
                }
                n &+= encodeUTF8(scalar, into: out + n)
                continue
            default: out[n] = e  // '"', '\\' and '/'
            }
            n &+= 1
            i &+= 2
        }
        return n
    }

    /// Writes the UTF-8 encoding of scalar value `v` (at most four bytes) and returns its length.
    @inline(__always)
    static func encodeUTF8(_ v: UInt32, into p: UnsafeMutablePointer<UInt8>) -> Int {
        if v < 0x80 {
            p[0] = UInt8(v)
            return 1
        }
        if v < 0x800 {
            p[0] = UInt8(0xc0 | v >> 6)
            p[1] = UInt8(0x80 | v & 0x3f)
            return 2
        }
        if v < 0x10000 {
            p[0] = UInt8(0xe0 | v >> 12)
            p[1] = UInt8(0x80 | v >> 6 & 0x3f)
            p[2] = UInt8(0x80 | v & 0x3f)
            return 3
        }
        p[0] = UInt8(0xf0 | v >> 18)
        p[1] = UInt8(0x80 | v >> 12 & 0x3f)
        p[2] = UInt8(0x80 | v >> 6 & 0x3f)
        p[3] = UInt8(0x80 | v & 0x3f)
        return 4
    }
}
