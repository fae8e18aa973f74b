// JSONNumber: the RFC 8259 number grammar and its conversion to Double, shared by JSONReader (which converts
// every number it meets) and JSONScanner (which only checks the grammar and converts when a number is read).
// Exact fast path (Clinger) when mantissa and power of ten are exact Doubles, else the standard library's
// locale-independent strtod. Work is linear in the number's length, whatever its size.

private let minus = UInt8(ascii: "-"), zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9"), dot = UInt8(ascii: ".")

enum JSONNumber {
    /// Checks the number starting at `pos` ('-' or a digit) and moves `pos` past it. Returns its value when
    /// `convert` is true (0 otherwise). Throws JSONError at the first byte that breaks the grammar.
    @inline(__always)
    static func scan(_ base: UnsafePointer<UInt8>, _ count: Int, _ pos: inout Int, convert: Bool) throws -> Double {
        let start = pos
        var i = pos
        let negative = base[i] == minus
        if negative { i &+= 1 }
        var mantissa: UInt64 = 0
        var digits = 0  // significant digits seen (those after a leading "0" of the integer part included)
        guard i < count, base[i] >= zero && base[i] <= nine else {
            throw JSONError("expected a digit", at: i)
        }
        if base[i] == zero {
            i &+= 1
            if i < count, base[i] >= zero && base[i] <= nine {
                throw JSONError("leading zeros are not allowed", at: i)
            }
        } else {
            while i < count, base[i] >= zero && base[i] <= nine {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(base[i] &- zero) }
                digits &+= 1
                i &+= 1
            }
        }
        var exponent = 0
        if i < count, base[i] == dot {
            i &+= 1
            guard i < count, base[i] >= zero && base[i] <= nine else {
                throw JSONError("expected a digit after '.'", at: i)
            }
            while i < count, base[i] >= zero && base[i] <= nine {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[i] &- zero)
                    exponent &-= 1
                }
                digits &+= 1
                i &+= 1
            }
        }
        if i < count, base[i] | 0x20 == UInt8(ascii: "e") {
            i &+= 1
            var exponentNegative = false
            if i < count, base[i] == minus || base[i] == UInt8(ascii: "+") {
                exponentNegative = base[i] == minus
                i &+= 1
            }
            guard i < count, base[i] >= zero && base[i] <= nine else {
                throw JSONError("expected a digit in the exponent", at: i)
            }
            var e = 0
            while i < count, base[i] >= zero && base[i] <= nine {
                if e < 100_000 { e = e &* 10 &+ Int(base[i] &- zero) }
                i &+= 1
            }
            exponent &+= exponentNegative ? -e : e
        }
        pos = i
        guard convert else { return 0 }
        // Exact when the mantissa and the power of ten are both exact Doubles (Clinger's fast path).
        if digits <= 19, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            var d = Double(mantissa)
            if exponent < 0 {
                d /= powersOfTen[-exponent]
            } else if exponent > 0 {
                d *= powersOfTen[exponent]
            }
            return negative ? -d : d
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: i &- start), as: UTF8.self)
        return Double(text) ?? .nan  // the grammar was checked, so Double(_:) (strtod, C locale) accepts it
    }

    /// The value of a number whose grammar was already checked: the bytes `start..<end` of `base`.
    static func value(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Double {
        var pos = start
        return (try? scan(base, end, &pos, convert: true)) ?? .nan
    }
}

private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
]
