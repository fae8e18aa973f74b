// ByteScan: the low-level byte helpers of the HTTP layer — memchr-based searches over slices,
// ASCII classification, and overflow-checked decimal/hex parsing. Nothing here can trap on input.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum ByteScan {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let sp: UInt8 = 32
    static let tab: UInt8 = 9

    /// Index of the first `byte` in `buf` at or after `from`, or nil.
    @inline(__always)
    static func index(of byte: UInt8, in buf: ArraySlice<UInt8>, from: Int) -> Int? {
        let start = Swift.max(from, buf.startIndex)
        guard start < buf.endIndex else { return nil }
        let base0 = buf.startIndex
        return buf.withUnsafeBufferPointer { p in index(of: byte, in: p, from: start - base0, to: p.count) }
            .map { base0 + $0 }
    }

    /// Index of the first `byte` in `p[from..<to]`, or nil (memchr).
    @inline(__always)
    static func index(of byte: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let base = p.baseAddress, let hit = memchr(base + from, Int32(byte), to - from) else {
            return nil
        }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    /// True when `buf` starting at `at` begins with `pattern`; nil when there are too few bytes to tell
    /// but the available ones match.
    static func hasPrefix(_ pattern: StaticString, in buf: ArraySlice<UInt8>, at: Int) -> Bool? {
        let n = pattern.utf8CodeUnitCount
        let p = pattern.utf8Start
        var i = 0
        while i < n {
            let j = at + i
            if j >= buf.endIndex { return nil }
            if buf[j] != p[i] { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    /// The index of the first CR or LF in `p` at or after `from`, or `p.count`; eight bytes at a time.
    static func lineEnd(in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var j = from
        let n = p.count
        if let base = p.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while j &+ 8 <= n {
                let w = UInt64(littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
                let l = w ^ (ones &* UInt64(lf)), r = w ^ (ones &* UInt64(cr))
                if ((l &- ones) & ~l | (r &- ones) & ~r) & highs != 0 { break }
                j &+= 8
            }
        }
        while j < n && p[j] != lf && p[j] != cr { j &+= 1 }
        return j
    }

    static func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// A plausible method character for resynchronisation (real methods are upper-case tokens).
    @inline(__always)
    static func isMethodChar(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || b == 45 || b == 95 }

    /// RFC 9110 tchar: a bit per ASCII byte (0-63, 64-127), tested without branching on the byte.
    @inline(__always)
    static func isTokenChar(_ b: UInt8) -> Bool {
        let low: UInt64 = 0x03ff_6cfa_0000_0000, high: UInt64 = 0x57ff_ffff_c7ff_fffe
        let word = b < 64 ? low : b < 128 ? high : 0
        return word >> UInt64(b & 63) & 1 != 0
    }

    /// Hex digit value or nil.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 48...57: return Int(b - 48)
        case 65...70: return Int(b - 55)
        case 97...102: return Int(b - 87)
        default: return nil
        }
    }

    /// Parses a non-empty run of decimal digits; nil on empty, non-digit, or overflow.
    static func parseDecimal<C: Collection<UInt8>>(_ s: C) -> Int? {
        guard !s.isEmpty else { return nil }
        var v = 0
        for b in s {
            guard isDigit(b) else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(b - 48))
            if o1 || o2 { return nil }
            v = a
        }
        return v
    }

    /// Trims SP and HTAB from both ends of a byte range.
    @inline(__always)
    static func trim<C: BidirectionalCollection<UInt8>>(_ s: C) -> C.SubSequence {
        var lo = s.startIndex
        var hi = s.endIndex
        while lo < hi && (s[lo] == sp || s[lo] == tab) { s.formIndex(after: &lo) }
        while hi > lo {
            let before = s.index(before: hi)
            guard s[before] == sp || s[before] == tab else { break }
            hi = before
        }
        return s[lo..<hi]
    }

    static func string(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }

    /// Whether `s` is `text` up to ASCII case.
    static func equalsIgnoringCase(_ s: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count == text.count else { return false }
        for i in 0..<s.count where s[i] != text[i] && lower(s[i]) != lower(text[i]) { return false }
        return true
    }

    /// Whether `s` is the literal `text` up to ASCII case.
    static func equalsIgnoringCase(_ s: ArraySlice<UInt8>, _ text: StaticString) -> Bool {
        let literal = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return s.withUnsafeBufferPointer { equalsIgnoringCase($0, literal) }
    }

    /// Calls `body` with every `separator`-separated part of `value`, empty ones included, in order.
    static func forEachPart(of value: ArraySlice<UInt8>, separatedBy separator: UInt8, _ body: (ArraySlice<UInt8>) -> Void) {
        var start = value.startIndex
        while true {
            let end = value[start...].firstIndex(of: separator) ?? value.endIndex
            body(value[start..<end])
            guard end < value.endIndex else { return }
            start = end + 1
        }
    }
}
