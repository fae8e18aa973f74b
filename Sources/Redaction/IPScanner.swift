// IPScanner: finds IPv4 addresses (four octets 0–255, not part of a longer dotted number or a version
// string) and IPv6 addresses (eight groups, or `::`-compressed; not times like `12:30:45`).

enum IPScanner {
    /// The IPv4 address starting at `i`; a port (`:8080`) or prefix length (`/24`) after it stays.
    static func v4(_ b: Bytes, at i: Int) -> Candidate? {
        guard ASCII.isDigit(b[i]), !ASCII.isWord(b.at(i - 1)),
            !(b.at(i - 1) == UInt8(ascii: ".") && ASCII.isDigit(b.at(i - 2))), !followsVersionWord(b, i),
            let end = octets(b, from: i), isAddressEnd(b, end)
        else { return nil }
        return .redact(.ip, i, end)
    }

    /// The IPv6 address starting at `i` (a hex digit or `:`). A compressed form other than `::1` needs a
    /// group of three or four hex digits and a decimal digit somewhere, so `Foo::Bar`, `dead::beef` and
    /// slices such as `a[::2]` / `a[1::2]` stay.
    static func v6(_ b: Bytes, at i: Int) -> Candidate? {
        let before = b.at(i - 1)
        guard !ASCII.isWord(before), before != UInt8(ascii: ":"), before != UInt8(ascii: ".") else { return nil }
        var j = i
        var groups = 0
        var colons = 0
        var compressed = false
        var digit = false
        var widest = 0
        if b[i] == UInt8(ascii: ":") {
            guard b.at(i + 1) == UInt8(ascii: ":") else { return nil }
            compressed = true
            colons = 2
            j += 2
        }
        while true {
            let end = b.run(from: j, while: ASCII.isHex)
            if end == j { break }
            // The last 32 bits may be written as IPv4 (`::ffff:192.0.2.1`).
            if colons >= 2, b.at(end) == UInt8(ascii: "."), let v4End = octets(b, from: j) {
                groups += 2
                digit = true
                widest = 4
                j = v4End
                break
            }
            guard end - j <= 4 else { return nil }
            if b[j..<end].contains(where: ASCII.isDigit) { digit = true }
            widest = max(widest, end - j)
            groups += 1
            j = end
            guard b.at(j) == UInt8(ascii: ":") else { break }
            if b.at(j + 1) == UInt8(ascii: ":") {
                guard !compressed else { return nil }
                compressed = true
                colons += 2
                j += 2
            } else {
                guard ASCII.isHex(b.at(j + 1)) else { break }
                colons += 1
                j += 1
            }
        }
        let loopback = j - i == 3 && b.has("::1", at: i)
        let valid = compressed ? loopback || (groups <= 7 && digit && widest >= 3) : groups == 8
        guard valid, colons >= 2, isAddressEnd(b, j) else { return nil }
        return .redact(.ip, i, j)
    }

    /// The end of four dot-separated decimal octets 0–255 starting at `i`.
    static func octets(_ b: Bytes, from i: Int) -> Int? {
        var j = i
        for octet in 0..<4 {
            let start = j
            var value = 0
            while j < b.count, j - start < 4, ASCII.isDigit(b[j]) {
                value = value * 10 + Int(b[j] - UInt8(ascii: "0"))
                j += 1
            }
            guard j > start, j - start <= 3, value <= 255 else { return nil }
            if octet < 3 {
                guard b.at(j) == UInt8(ascii: "."), ASCII.isDigit(b.at(j + 1)) else { return nil }
                j += 1
            }
        }
        return j
    }

    /// Not before a word byte, `@`, or a further `.digit` (`1.2.3.4.5`).
    static func isAddressEnd(_ b: Bytes, _ j: Int) -> Bool {
        b.isTokenEnd(j) && !(b.at(j) == UInt8(ascii: ".") && ASCII.isDigit(b.at(j + 1)))
    }

    /// Whether the word before `i` (across spaces and `.`, `:`, `=`) is `v`, `ver` or `version`.
    static func followsVersionWord(_ b: Bytes, _ i: Int) -> Bool {
        var j = i
        while j > 0, [UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "=")].contains(b[j - 1]) {
            j -= 1
        }
        let end = j
        while j > 0, ASCII.isAlpha(b[j - 1]), end - j < 8 { j -= 1 }
        guard !ASCII.isWord(b.at(j - 1)) else { return false }
        switch end - j {
        case 1: return b.has("v", at: j, ignoringCase: true)
        case 3: return b.has("ver", at: j, ignoringCase: true)
        case 7: return b.has("version", at: j, ignoringCase: true)
        default: return false
        }
    }
}
